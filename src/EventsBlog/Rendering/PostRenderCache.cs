using System.Collections.Concurrent;
using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>
/// Renders a post the first time it is asked for, then keeps the result. An entry belongs to one
/// <see cref="Post"/> instance: a changed post is a new instance and is rendered afresh. Concurrent
/// requests for the same post share one rendering.
/// </summary>
public sealed class PostRenderCache(MarkdownRenderer renderer, ILogger<PostRenderCache> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<RenderedPost>> _byRelativePath = new(StringComparer.Ordinal);

    public RenderedPost Get(Post post)
    {
        while (true)
        {
            var entry = _byRelativePath.GetOrAdd(post.RelativePath, _ => new Lazy<RenderedPost>(() => Render(post)));
            var rendered = entry.Value;
            if (ReferenceEquals(rendered.Post, post))
                return rendered;
            // An older version of the post: replace it (unless another request already did).
            _byRelativePath.TryUpdate(post.RelativePath, new Lazy<RenderedPost>(() => Render(post)), entry);
        }
    }

    /// <summary>After a reload: drops what was rendered for posts that changed or are gone; the rest stays.</summary>
    public void KeepOnly(ContentIndex index)
    {
        foreach (var (path, entry) in _byRelativePath)
        {
            if (entry.IsValueCreated && !ReferenceEquals(index.FindPost(entry.Value.Post.Slug), entry.Value.Post))
                _byRelativePath.TryRemove(new KeyValuePair<string, Lazy<RenderedPost>>(path, entry));
        }
    }

    /// <summary>The cached rendering of a post, if any (for tests and diagnostics).</summary>
    public RenderedPost? Peek(string relativePath) =>
        _byRelativePath.TryGetValue(relativePath, out var entry) && entry.IsValueCreated ? entry.Value : null;

    private RenderedPost Render(Post post)
    {
        var rendered = renderer.Render(post);
        foreach (var diagnostic in rendered.Diagnostics)
            logger.LogWarning("{Diagnostic}", diagnostic.ToString());
        return rendered;
    }
}
