namespace EventsBlog.Rendering;

public static class UrlScheme
{
    /// <summary>
    /// The scheme of a URL as written (lower-cased; empty for a leading ':'), or null for a relative one:
    /// a ':' that comes after the first '/', '?' or '#' is part of the path.
    /// </summary>
    public static string? Of(string url)
    {
        var colon = url.IndexOf(':');
        if (colon < 0)
            return null;
        var pathStart = url.IndexOfAny(['/', '?', '#']);
        return pathStart >= 0 && pathStart < colon ? null : url[..colon].ToLowerInvariant();
    }
}
