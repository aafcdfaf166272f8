using EventsBlog.Content;
using Microsoft.Extensions.Options;

namespace EventsBlog.Rendering;

/// <summary>
/// The one place that writes embed markup (<c>Blog:Embeds:Mode</c>): a click-to-load placeholder that
/// requests nothing from the provider until the visitor plays, or a lazy 16:9 iframe; and a plain
/// link for a frame whose host is not allowed.
/// </summary>
public sealed class EmbedHtml(IOptions<BlogOptions> options)
{
    private readonly EmbedMode _mode = options.Value.Embeds.Mode;

    public string Render(Video video) => _mode == EmbedMode.Iframe ? Frame(video) : Facade(video);

    /// <summary>
    /// Without JavaScript, a link to the video; with it (<c>site.js</c>), a click swaps in the frame of
    /// <c>data-embed-src</c>, autoplaying. The box keeps its 16:9 space either way: no layout shift.
    /// </summary>
    private static string Facade(Video video)
    {
        var title = Html.Encode(video.Title);
        var provider = Html.Encode(video.Provider);
        return $"""<div class="embed embed-facade" data-embed-src="{Html.Encode(video.EmbedUrl.AbsoluteUri)}" data-embed-title="{title}"><a class="embed-play" href="{Html.Encode(video.WatchUrl.AbsoluteUri)}" rel="noopener"><span class="embed-text"><span class="embed-title">{title}</span><span class="embed-provider">Play on {provider}</span></span><span class="embed-button" aria-hidden="true"></span></a></div>""";
    }

    private static string Frame(Video video) =>
        $"""<div class="embed"><iframe src="{Html.Encode(video.EmbedUrl.AbsoluteUri)}" title="{Html.Encode(video.Title)}" loading="lazy" allowfullscreen allow="accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture; fullscreen" referrerpolicy="strict-origin-when-cross-origin"></iframe></div>""";

    /// <summary>What a frame from a host that is not allowed becomes: nothing silently lost.</summary>
    /// <param name="inline">Inside a paragraph: a span rather than a paragraph of its own.</param>
    public static string Link(string src, bool inline = false)
    {
        var url = EmbedPolicy.AbsoluteHttpUrl(src);
        var text = Html.Encode(src.Length > 0 ? src : "(no address)");
        var element = inline ? "span" : "p";
        return url is null
            ? $"""<{element} class="embed-link">Embedded content: {text}</{element}>"""
            : $"""<{element} class="embed-link">Embedded content: <a href="{Html.Encode(url.AbsoluteUri)}" rel="nofollow noopener">{text}</a></{element}>""";
    }

    /// <summary>A video mentioned inside running text: a link to it.</summary>
    public static string InlineLink(Video video) =>
        $"""<a href="{Html.Encode(video.WatchUrl.AbsoluteUri)}">{Html.Encode(video.Title)}</a>""";
}
