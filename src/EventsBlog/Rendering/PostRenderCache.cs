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
}
