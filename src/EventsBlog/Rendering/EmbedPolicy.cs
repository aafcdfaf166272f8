using System.Text.RegularExpressions;
using EventsBlog.Content;
using Microsoft.Extensions.Options;

namespace EventsBlog.Rendering;

/// <summary>Decides which frames are kept (<c>Blog:Embeds:AllowedHosts</c>) and turns video URLs and shortcode ids into embeds.</summary>
public sealed partial class EmbedPolicy(IOptions<BlogOptions> options)
{
    private readonly HashSet<string> _allowedHosts = new(options.Value.Embeds.AllowedHosts, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The https URL to frame for an iframe <c>src</c>, or null when its host is not allowed.
    /// Protocol-relative <c>//host/...</c> becomes <c>https://host/...</c>.
    /// </summary>
    public Uri? AllowedFrameUrl(string? src)
    {
        if (AbsoluteHttpUrl(src) is not { } url || !_allowedHosts.Contains(url.Host))
            return null;
        return new UriBuilder(url) { Scheme = Uri.UriSchemeHttps, Port = -1 }.Uri;
    }

    /// <summary>An absolute http(s) URL for <paramref name="src"/> (protocol-relative allowed), or null.</summary>
    public static Uri? AbsoluteHttpUrl(string? src)
    {
        src = src?.Trim();
        if (string.IsNullOrEmpty(src))
            return null;
        if (src.StartsWith("//", StringComparison.Ordinal))
            src = "https:" + src;
        return Uri.TryCreate(src, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    /// <summary>A shortcode such as <c>{{&lt; youtube ID &gt;}}</c>: the embed for a provider name and id, or null.</summary>
    public Video? FromShortcode(string provider, string id, string title)
    {
        if (!SafeId().IsMatch(id))
            return null;
        var url = provider.ToLowerInvariant() switch
        {
            "youtube" => $"https://www.youtube-nocookie.com/embed/{id}",
            "vimeo" => $"https://player.vimeo.com/video/{id}",
            "bilibili" when id.StartsWith("BV", StringComparison.OrdinalIgnoreCase) => $"https://player.bilibili.com/player.html?bvid={id}",
            "bilibili" => $"https://player.bilibili.com/player.html?aid={id.TrimStart('a', 'v', 'A', 'V')}",
            _ => null,
        };
        return url is null ? null : FromFrame(url, title);
    }

    /// <summary>A YouTube, Vimeo or bilibili page URL (as pasted alone in a paragraph): its embed, or null.</summary>
    public Video? FromPageUrl(string pageUrl, string title)
    {
        if (AbsoluteHttpUrl(pageUrl) is not { } url)
            return null;
        var host = url.Host.ToLowerInvariant();
        var path = url.AbsolutePath;
        if (host is "youtu.be")
            return FromShortcode("youtube", path.Trim('/'), title);
        if (host is "youtube.com" or "www.youtube.com" or "m.youtube.com")
        {
            if (path == "/watch" && QueryValue(url, "v") is { } v)
                return FromShortcode("youtube", v, title);
            if (YouTubePath().Match(path) is { Success: true } m)
                return FromShortcode("youtube", m.Groups[1].Value, title);
        }

        if (host is "vimeo.com" or "www.vimeo.com" && VimeoPath().Match(path) is { Success: true } vimeo)
            return FromShortcode("vimeo", vimeo.Groups[1].Value, title);
        if (host is "bilibili.com" or "www.bilibili.com" && BilibiliPath().Match(path) is { Success: true } bili)
            return FromShortcode("bilibili", bili.Groups[1].Value, title);
        return null;
    }

    /// <summary>
    /// The embed for a frame URL when its host is allowed, else null. YouTube frames go through
    /// www.youtube-nocookie.com when that host is allowed.
    /// </summary>
    public Video? FromFrame(string src, string title)
    {
        if (AllowedFrameUrl(src) is not { } url)
            return null;
        var youTubeId = url.Host.Contains("youtube", StringComparison.OrdinalIgnoreCase) ? YouTubeEmbedPath().Match(url.AbsolutePath) : Match.Empty;
        if (youTubeId.Success && _allowedHosts.Contains(NoCookieHost))
            url = new UriBuilder(url) { Host = NoCookieHost }.Uri;
        return new Video(ProviderName(url.Host), url, WatchUrl(url, youTubeId), title);
    }

    private const string NoCookieHost = "www.youtube-nocookie.com";

    /// <summary>The provider's page for an embed, for visitors without the frame.</summary>
    private static Uri WatchUrl(Uri embed, Match youTubeId)
    {
        if (youTubeId.Success)
            return new Uri($"https://www.youtube.com/watch?v={youTubeId.Groups[1].Value}");
        if (embed.Host.Equals("player.vimeo.com", StringComparison.OrdinalIgnoreCase) && VimeoPath().Match(embed.AbsolutePath) is { Success: true } vimeo)
            return new Uri($"https://vimeo.com/{vimeo.Groups[1].Value}");
        if (embed.Host.Equals("player.bilibili.com", StringComparison.OrdinalIgnoreCase))
        {
            if (QueryValue(embed, "bvid") is { } bvid && SafeId().IsMatch(bvid))
                return new Uri($"https://www.bilibili.com/video/{bvid}");
            if (QueryValue(embed, "aid") is { } aid && SafeId().IsMatch(aid))
                return new Uri($"https://www.bilibili.com/video/av{aid}");
        }

        return embed;
    }

    private static string ProviderName(string host) => host.ToLowerInvariant() switch
    {
        var h when h.Contains("youtube", StringComparison.Ordinal) => "YouTube",
        var h when h.Contains("vimeo", StringComparison.Ordinal) => "Vimeo",
        var h when h.Contains("bilibili", StringComparison.Ordinal) => "bilibili",
        "docs.google.com" => "Google Docs",
        "speakerdeck.com" => "Speaker Deck",
        var h => h,
    };

    private static string? QueryValue(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0] == name)
            .Select(kv => Uri.UnescapeDataString(kv[1]))
            .FirstOrDefault();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeId();

    [GeneratedRegex(@"^/(?:embed|live|shorts|v)/([A-Za-z0-9_-]+)/?$")]
    private static partial Regex YouTubePath();

    [GeneratedRegex(@"^/embed/([A-Za-z0-9_-]+)/?$")]
    private static partial Regex YouTubeEmbedPath();

    [GeneratedRegex(@"^/(?:video/)?(\d+)/?$")]
    private static partial Regex VimeoPath();

    [GeneratedRegex(@"^/video/((?:BV|av)[A-Za-z0-9]+)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex BilibiliPath();
}
