using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace EventsBlog.Hosting;

/// <summary>
/// Strong ETags from the bytes sent: the same content gives the same tag on every replica, and each
/// encoding (br, gzip, none) has its own. Runs inside the output cache, so a page is hashed once per
/// cached variant; the output cache then answers <c>If-None-Match</c> with 304 by itself.
/// </summary>
public sealed class ContentETagMiddleware(RequestDelegate next)
{
    /// <summary>Pages change when authors write: cache briefly, serve stale while revalidating.</summary>
    public const string PageCacheControl = "public, max-age=60, stale-while-revalidate=600";

    /// <summary>
    /// Passed through unbuffered: streams (author preview), pictures (hashed by <c>MediaFiles</c>), and answers
    /// that change with every request or are never cached (search, health, metrics).
    /// </summary>
    private static readonly string[] Unbuffered = ["/_preview", "/media", "/search", "/healthz", "/metrics"];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if ((!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            || Unbuffered.Any(prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_')}\"");
            response.Headers.ETag = etag.ToString();
            if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
                response.Headers.CacheControl = PageCacheControl;
            // If-None-Match compares weakly (RFC 9110): W/"x" matches "x".
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }

        // An empty error answer stays unstarted, so that the status code pages can still write their page.
        if (buffer.Length == 0 && response.StatusCode != StatusCodes.Status200OK)
            return;
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}

/// <summary>
/// Which answers the output cache keeps: the site's pages, feeds, calendars and sitemap (not search, media,
/// health or preview), by page number and encoding; each event page is tagged with its slug so that a
/// change evicts exactly it, the rest with "listings".
/// </summary>
public sealed class SitePagesCachePolicy : IOutputCachePolicy
{
    public const string ListingsTag = "listings";

    private static readonly object SnapshotKey = new();

    private static readonly string[] NotCached = ["/search", "/media", "/healthz", "/_preview", "/metrics", "/error", "/not-found", "/css", "/js"];

    public static string EventTag(string slug) => "event:" + slug;

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var path = request.Path.Value ?? "/";
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !NotCached.Any(prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "page";
        // One entry per encoding actually sent, not per browser's Accept-Encoding string.
        context.CacheVaryByRules.VaryByValues["encoding"] = Encoding(request);
        context.HttpContext.Items[SnapshotKey] = Snapshot(context.HttpContext);
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        context.Tags.Add(segments is ["events", var slug] && !slug.EndsWith(".ics", StringComparison.Ordinal) ? EventTag(slug) : ListingsTag);
        return ValueTask.CompletedTask;
    }

    private static long Snapshot(HttpContext context) =>
        context.RequestServices.GetRequiredService<EventsBlog.Content.ContentStore>().Version;

    /// <summary>The encoding the response compression will choose: br, else gzip, else none.</summary>
    private static string Encoding(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string name) => accepted.Any(e => e.Value.Equals(name, StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
        return Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : "identity";
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Only whole, successful pages; nothing personal is ever sent, but be strict.
        // A page made while a new snapshot came in may show the old one, and its eviction may already
        // have run: not stored.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || !Equals(context.HttpContext.Items[SnapshotKey], Snapshot(context.HttpContext)))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
