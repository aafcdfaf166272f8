using System.Collections.Concurrent;
using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>
/// Renders a post the first time the video listing asks for it, then keeps the result, within
/// <see cref="MaxChars"/> of HTML (least recently used dropped first). An entry belongs to one <see cref="Post"/>
/// instance: a changed post is a new instance and is rendered afresh. Concurrent requests for the same post
/// share one rendering. Event pages are rendered with <see cref="Render"/> and not kept here: the page cache
/// keeps them whole, and kept here too they only turned over (1,000 event pages at 10,000 posts: about 4 MiB
/// more resident, left behind for full collections).
/// </summary>
public sealed class PostRenderCache(MarkdownRenderer renderer, TimeProvider time, ILogger<PostRenderCache> logger)
{
    /// <summary>About 1 MB of UTF-16 HTML, some hundred posts: enough for the first pages of the video listing.</summary>
    public const long MaxChars = 512L * 1024;

    private readonly ConcurrentDictionary<string, Entry> _byRelativePath = new(StringComparer.Ordinal);
    private long _chars;
    private int _trimming;

    public RenderedPost Get(Post post)
    {
        while (true)
        {
            var entry = _byRelativePath.GetOrAdd(post.RelativePath, _ => new Entry(this, post));
            var rendered = entry.Rendered.Value;
            if (ReferenceEquals(rendered.Post, post))
            {
                entry.LastUsed = time.GetTimestamp();
                return rendered;
            }

            // An older version of the post: replace it (unless another request already did).
            if (_byRelativePath.TryUpdate(post.RelativePath, new Entry(this, post), entry))
                Interlocked.Add(ref _chars, -rendered.BodyHtml.Length);
        }
    }

    /// <summary>After a reload: drops what was rendered for posts that changed or are gone; the rest stays.</summary>
    public void KeepOnly(ContentIndex index)
    {
        foreach (var (path, entry) in _byRelativePath)
        {
            if (entry.Rendered.IsValueCreated && !ReferenceEquals(index.FindPost(entry.Rendered.Value.Post.Slug), entry.Rendered.Value.Post))
                Remove(path, entry);
        }
    }

    /// <summary>The cached rendering of a post, if any (for tests and diagnostics).</summary>
    public RenderedPost? Peek(string relativePath) =>
        _byRelativePath.TryGetValue(relativePath, out var entry) && entry.Rendered.IsValueCreated ? entry.Rendered.Value : null;

    public int Count => _byRelativePath.Count;

    /// <summary>Renders <paramref name="post"/> without keeping the result, and logs what the rendering found wrong.</summary>
    public RenderedPost Render(Post post)
    {
        var rendered = renderer.Render(post);
        foreach (var diagnostic in rendered.Diagnostics)
            logger.LogWarning("{Diagnostic}", diagnostic.ToString());
        return rendered;
    }

    private RenderedPost RenderAndKeep(Post post)
    {
        var rendered = Render(post);
        if (Interlocked.Add(ref _chars, rendered.BodyHtml.Length) > MaxChars)
            Trim();
        return rendered;
    }

    private void Remove(string path, Entry entry)
    {
        if (_byRelativePath.TryRemove(new KeyValuePair<string, Entry>(path, entry)) && entry.Rendered.IsValueCreated)
            Interlocked.Add(ref _chars, -entry.Rendered.Value.BodyHtml.Length);
    }

    /// <summary>Over budget: the least recently used renderings go until a quarter of the budget is free.</summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
            return;
        try
        {
            foreach (var (path, entry) in _byRelativePath.Where(e => e.Value.Rendered.IsValueCreated).OrderBy(e => e.Value.LastUsed).ToArray())
            {
                if (Interlocked.Read(ref _chars) <= MaxChars * 3 / 4)
                    break;
                Remove(path, entry);
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private sealed class Entry(PostRenderCache owner, Post post)
    {
        public Lazy<RenderedPost> Rendered { get; } = new(() => owner.RenderAndKeep(post));

        /// <summary>Time stamp of the last use; races are harmless.</summary>
        public long LastUsed { get; set; }
    }
}
