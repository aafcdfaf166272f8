using System.Collections.Concurrent;
using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>
/// Renders a post the first time it is asked for, then keeps the result. An entry belongs to one
/// <see cref="Post"/> instance: a changed post is a new instance and is rendered afresh.
/// </summary>
public sealed class PostRenderCache(MarkdownRenderer renderer, ILogger<PostRenderCache> logger)
{
    private readonly ConcurrentDictionary<string, RenderedPost> _byRelativePath = new(StringComparer.Ordinal);

    public RenderedPost Get(Post post)
    {
        if (_byRelativePath.TryGetValue(post.RelativePath, out var cached) && ReferenceEquals(cached.Post, post))
            return cached;

        var rendered = renderer.Render(post);
        foreach (var diagnostic in rendered.Diagnostics)
            logger.LogWarning("{Diagnostic}", diagnostic.ToString());
        _byRelativePath[post.RelativePath] = rendered;
        return rendered;
    }

    /// <summary>After a reload: drops what was rendered for posts that changed or are gone; the rest stays.</summary>
    public void KeepOnly(ContentIndex index)
    {
        foreach (var (path, rendered) in _byRelativePath)
        {
            if (!ReferenceEquals(index.FindPost(rendered.Post.Slug), rendered.Post))
                _byRelativePath.TryRemove(new KeyValuePair<string, RenderedPost>(path, rendered));
        }
    }

    /// <summary>The cached rendering of a post, if any (for tests and diagnostics).</summary>
    public RenderedPost? Peek(string relativePath) => _byRelativePath.GetValueOrDefault(relativePath);
}
