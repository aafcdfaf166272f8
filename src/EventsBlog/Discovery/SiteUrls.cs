using EventsBlog.Content;
using Microsoft.Extensions.Options;

namespace EventsBlog.Discovery;

/// <summary>Absolute addresses for feeds, calendars, sitemaps and link previews: <c>Blog:BaseUrl</c>, else the request's.</summary>
public sealed class SiteUrls(IOptions<BlogOptions> options)
{
    private readonly string? _baseUrl = string.IsNullOrEmpty(options.Value.BaseUrl) ? null : options.Value.BaseUrl.TrimEnd('/');

    public string Root(HttpRequest request) => _baseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    public Uri Absolute(HttpRequest request, string path) => new(Root(request) + (path.StartsWith('/') ? path : "/" + path));

    public Uri Post(HttpRequest request, Post post) => post.ExternalUrl ?? Absolute(request, $"/events/{Uri.EscapeDataString(post.Slug)}");

    /// <summary>An image reference (site path or absolute URL) as an absolute URL.</summary>
    public Uri? Image(HttpRequest request, string? image) => image switch
    {
        null or "" => null,
        _ when image.StartsWith('/') => Absolute(request, image),
        _ => Uri.TryCreate(image, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null,
    };
}
