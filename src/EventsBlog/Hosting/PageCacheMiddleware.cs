using System.Buffers;
using EventsBlog.Content;
using Microsoft.Extensions.Primitives;
using Microsoft.IO;
using Microsoft.Net.Http.Headers;

namespace EventsBlog.Hosting;

/// <summary>
/// Serves the site's pages from <see cref="PageCache"/>, ahead of everything but proxies and logs: a hit sends
/// the stored headers and bytes (or 304) without routing, rendering or compressing. A miss runs the rest of
/// the pipeline into a buffer, adds a strong ETag, keeps a whole 200 answer, and sends it in the best
/// encoding the client accepts.
/// </summary>
public sealed class PageCacheMiddleware(RequestDelegate next, PageCache cache, ContentStore store, RecyclableMemoryStreamManager buffers)
{
    /// <summary>Pages change when authors write: browsers keep them briefly and revalidate in the background.</summary>
    public const string PageCacheControl = "public, max-age=60, stale-while-revalidate=600";

    /// <summary>Set for each response, never replayed from the cache (hits ignore Range: no Accept-Ranges).</summary>
    private static readonly HashSet<string> PerResponse = new(
        [HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.ETag, HeaderNames.ContentEncoding, HeaderNames.Age,
         HeaderNames.Server, HeaderNames.TransferEncoding, HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.AcceptRanges],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Age values 0…600 s, made once: a hit allocates no header text.</summary>
    private static readonly string[] AgeValues = Enumerable.Range(0, (int)PageCache.MaxAge.TotalSeconds + 1).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !PageCache.IsCacheable(request.Path.Value ?? "/"))
            return next(context);

        var key = PageKey.Of(request, cache.KeysByHost);
        var now = cache.Now();
        return cache.TryGet(key, now, out var page)
            ? SendAsync(context, page, cache.Age(page, now))
            : MissAsync(context, key);
    }

    /// <summary>One request makes the page; others asking for it meanwhile wait and are sent the same one.</summary>
    private async Task MissAsync(HttpContext context, PageKey key)
    {
        var making = new TaskCompletionSource<CachedPage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (cache.Rendering(key, making.Task) is { } other)
        {
            if (await other is { } made)
            {
                made.Used(cache.Now());
                await SendAsync(context, made, TimeSpan.Zero);
            }
            else
                await RenderAsync(context, key); // not a page the cache keeps: made for this request too
            return;
        }

        try
        {
            making.SetResult(await RenderAsync(context, key));
        }
        catch
        {
            making.SetResult(null);
            throw;
        }
        finally
        {
            cache.Made(key, making.Task);
        }
    }

    private Task SendAsync(HttpContext context, CachedPage page, TimeSpan age)
    {
        var response = context.Response;
        var representation = page.In(Negotiate(context.Request.Headers.AcceptEncoding), out var grew);
        cache.Grew(page, grew);
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        foreach (var (name, value) in page.Headers)
            headers[name] = value;
        headers.Age = AgeValues[Math.Clamp((int)age.TotalSeconds, 0, AgeValues.Length - 1)];
        return SetHeaders(context, representation) ? WriteBodyAsync(context, representation) : Task.CompletedTask;
    }

    /// <summary>ETag, encoding and length; false when the client's copy is current (304, no body).</summary>
    private static bool SetHeaders(HttpContext context, Representation representation)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = representation.ETag;
        if (representation.ContentEncoding is { } encoding)
            headers.ContentEncoding = encoding;
        if (Matches(context.Request.Headers.IfNoneMatch, representation.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            headers.Remove(HeaderNames.ContentType);
            return false;
        }

        response.ContentLength = representation.Body.Length;
        return true;
    }

    private static Task WriteBodyAsync(HttpContext context, Representation representation) =>
        HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : WriteAsync(context.Response.Body, representation.Body, context.RequestAborted);

    /// <summary>
    /// Large bodies go in pieces, each sent before the next is written: written whole, the 2.3 MB archive of
    /// 10,000 posts was copied at once into 575 of Kestrel's pinned 4 KB blocks, which its pool then kept.
    /// </summary>
    private static Task WriteAsync(Stream output, byte[] body, CancellationToken aborted) =>
        body.Length <= WritePiece ? output.WriteAsync(body, aborted).AsTask() : WriteInPiecesAsync(output, body, aborted);

    private const int WritePiece = 64 * 1024;

    private static async Task WriteInPiecesAsync(Stream output, byte[] body, CancellationToken aborted)
    {
        for (var start = 0; start < body.Length; start += WritePiece)
            await output.WriteAsync(body.AsMemory(start, Math.Min(WritePiece, body.Length - start)), aborted);
    }

    /// <summary>Runs the rest of the pipeline into a buffer; returns the page it kept, if any.</summary>
    private async Task<CachedPage?> RenderAsync(HttpContext context, PageKey key)
    {
        var request = context.Request;
        var response = context.Response;
        // Stamp the snapshot first: a page made while a new one came in may show the old posts.
        var version = store.Version;
        CachedPage? page = null;
        var keep = false;
        StringValues contentType = default;
        // Registered before the rest of the pipeline, so it runs after their OnStarting callbacks
        // (last in, first out): the headers it sees are complete, security headers included.
        response.OnStarting(() =>
        {
            if (page is null)
                return Task.CompletedTask;
            var replayed = response.Headers.Where(h => !PerResponse.Contains(h.Key)).ToList();
            if (response.StatusCode == StatusCodes.Status304NotModified)
                replayed.Add(new(HeaderNames.ContentType, contentType)); // a 304 sends none; a 200 from the cache does
            page.Headers = [.. replayed];
            keep = !response.Headers.ContainsKey(HeaderNames.SetCookie); // nothing personal is kept, whoever set it
            return Task.CompletedTask;
        });

        var acceptEncoding = request.Headers.AcceptEncoding;
        var original = response.Body;
        using var buffer = buffers.GetStream();
        // The page is rendered plain; the encodings are made from the cached bytes.
        request.Headers.AcceptEncoding = StringValues.Empty;
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
            request.Headers.AcceptEncoding = acceptEncoding;
        }

        var body = buffer.GetReadOnlySequence().ToArray();
        var headers = response.Headers;
        // Static files keep their own validators and stay out of the cache, as does anything personal.
        if (response.StatusCode != StatusCodes.Status200OK || response.HasStarted
            || headers.ContainsKey(HeaderNames.SetCookie) || headers.ContainsKey(HeaderNames.LastModified) || headers.ContainsKey(HeaderNames.ETag))
        {
            await SendAsIsAsync(context, body);
            return null;
        }

        if (!headers.ContainsKey(HeaderNames.CacheControl))
            headers.CacheControl = PageCacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        contentType = headers.ContentType;
        page = new CachedPage(PageCache.TagOf(key.Path), body, cache.Now());
        var representation = page.In(Negotiate(acceptEncoding), out _); // counted when added
        var sendBody = SetHeaders(context, representation);
        await response.StartAsync(context.RequestAborted);
        if (!keep)
            page = null;
        else if (store.Version == version)
        {
            cache.Add(key, page);
            // Published meanwhile, and perhaps evicted before this page was added: not kept.
            if (store.Version != version)
                cache.Remove(key, page);
            else
                cache.PackLater(key, page);
        }

        if (sendBody)
            await WriteBodyAsync(context, representation);
        return page;
    }

    private static async Task SendAsIsAsync(HttpContext context, byte[] body)
    {
        // An empty error answer is left as it is (not started), as the inner pipeline left it.
        if (body.Length == 0 && context.Response.StatusCode != StatusCodes.Status200OK)
            return;
        if (!context.Response.HasStarted)
            context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await WriteAsync(context.Response.Body, body, context.RequestAborted);
    }

    /// <summary>Brotli, else gzip, else none, from Accept-Encoding; <c>q=0</c> refuses.</summary>
    internal static ContentCoding Negotiate(StringValues acceptEncoding)
    {
        var gzip = false;
        foreach (var value in acceptEncoding)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var item = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? default : rest[(comma + 1)..];
                var semicolon = item.IndexOf(';');
                var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
                if (semicolon >= 0 && IsZeroQuality(item[(semicolon + 1)..]))
                    continue;
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                    return ContentCoding.Brotli;
                gzip |= name.Equals("gzip", StringComparison.OrdinalIgnoreCase);
            }
        }

        return gzip ? ContentCoding.Gzip : ContentCoding.Identity;
    }

    private static bool IsZeroQuality(ReadOnlySpan<char> parameters)
    {
        var q = parameters.Trim();
        return q.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(q[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var quality)
            && quality == 0;
    }

    /// <summary>If-None-Match compares weakly (RFC 9110): W/"x" matches "x"; * matches anything.</summary>
    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch))
            return false;
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.AsSpan().SequenceEqual(etag));
    }
}
