using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>A video with the event it belongs to.</summary>
public sealed record EventVideo(Video Video, Post Post);

/// <summary>A page of the video listing; whether an older page exists.</summary>
public sealed record VideoPage(IReadOnlyList<EventVideo> Videos, int Page, bool HasOlder);

/// <summary>
/// Every embedded video across events, newest event first. Videos come from rendered bodies, so a page
/// renders (through the cache) only the posts it needs.
/// </summary>
public sealed class VideoCatalog(PostRenderCache renderer)
{
    public VideoPage? Page(ContentIndex index, int page, int pageSize)
    {
        if (page < 1)
            return null;
        var skip = (page - 1) * pageSize;
        var videos = index.NewestFirst
            .Where(post => !post.IsLinkPost)
            .SelectMany(post => renderer.Get(post).Videos.Select(video => new EventVideo(video, post)))
            .Skip(skip)
            .Take(pageSize + 1)
            .ToArray();
        if (videos.Length == 0 && page > 1)
            return null;
        return new VideoPage(videos.Take(pageSize).ToArray(), page, videos.Length > pageSize);
    }
}
