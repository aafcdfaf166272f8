
namespace EventsBlog.Rendering;

/// <summary>
/// The one place that writes embed markup: a responsive 16:9 frame for an allowed video, a plain
/// link for a frame whose host is not allowed.
/// </summary>
public static class EmbedHtml
{
    public static string Frame(Video video)
    {
        var src = Html.Encode(video.EmbedUrl.AbsoluteUri);
        var title = Html.Encode(video.Title);
        return $"""<div class="embed"><iframe src="{src}" title="{title}" loading="lazy" allowfullscreen allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen" referrerpolicy="strict-origin-when-cross-origin"></iframe></div>""";
    }

    /// <summary>What a frame from a host that is not allowed becomes: nothing silently lost.</summary>
    public static string Link(string src)
    {
        var url = EmbedPolicy.AbsoluteHttpUrl(src);
        var text = Html.Encode(src);
        return url is null
            ? $"""<p class="embed-link">Embedded content: {text}</p>"""
            : $"""<p class="embed-link">Embedded content: <a href="{Html.Encode(url.AbsoluteUri)}" rel="nofollow noopener">{text}</a></p>""";
    }
}
