using System.Collections.Concurrent;
using System.IO.Compression;
using System.Buffers.Text;
using System.IO.Hashing;
using EventsBlog.Content;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EventsBlog.Hosting;

/// <summary>Which cached answer a request asks for: the site's pages vary by origin (absolute links), path and <c>?page</c>.</summary>
internal readonly record struct PageKey(string Scheme, string Host, string PathBase, string Path, string? PageNumber)
{
    /// <param name="byHost">False when <c>Blog:BaseUrl</c> is set: pages do not depend on the Host header then, and
    /// made-up hosts cannot push real pages out of the cache.</param>
    public static PageKey Of(HttpRequest request, bool byHost) => new(
        request.Scheme,
        byHost ? request.Host.Value ?? "" : "",
        request.PathBase.Value ?? "",
        request.Path.Value ?? "/",
        request.QueryString.HasValue ? request.Query["page"].ToString() : null);
}

/// <summary>The encodings a page is kept in; the best one the client accepts is sent.</summary>
internal enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}

/// <summary>One encoding of a cached page: the bytes sent and their strong ETag.</summary>
internal sealed record Representation(byte[] Body, string ETag, string? ContentEncoding);

/// <summary>
/// A whole 200 answer as sent: its headers (security headers included) and its UTF-8 body, with the gzip and
/// Brotli encodings made once, when first asked for. Until it is asked for again, the body is held compressed
/// (<see cref="Pack"/>): most pages a crawler or a listing walk makes are never asked for twice.
/// </summary>
internal sealed class CachedPage
{
    private readonly string _etag;
    private readonly int _length;
    private Representation? _identity;
    private byte[]? _packed;
    private Representation? _gzip;
    private Representation? _brotli;

    /// <summary>Bytes this page added to its cache's count; <see cref="NotCounted"/> while it is not in the cache.</summary>
    private long _counted = NotCounted;

    private const long NotCounted = long.MinValue;

    public CachedPage(string tag, byte[] body, long storedAt)
    {
        Tag = tag;
        StoredAt = LastUsed = storedAt;
        _etag = ContentETag(body);
        _length = body.Length;
        _identity = new(body, _etag, null);
    }

    /// <summary>What the page shows: <see cref="PageCache.EventTag"/> of one post, or <see cref="PageCache.ListingsTag"/>.</summary>
    public string Tag { get; }

    /// <summary>
    /// Headers to replay, without the per-response ones (Date, Content-Length, ETag, Content-Encoding, Age);
    /// known once the first answer has started, before the page is added to the cache.
    /// </summary>
    public KeyValuePair<string, StringValues>[] Headers { get; set; } = [];

    public long StoredAt { get; }

    /// <summary>Time stamp of the last hit, for choosing what to drop when the cache is full; races are harmless.</summary>
    public long LastUsed { get; private set; }

    /// <summary>Sent again since its first answer: such a page is not packed (a late read only costs an unpacking).</summary>
    public bool AskedAgain { get; private set; }

    /// <summary>A hit, or a request that waited for the first answer.</summary>
    public void Used(long now)
    {
        LastUsed = now;
        AskedAgain = true;
    }

    private long Size => (Volatile.Read(ref _identity)?.Body.Length ?? Volatile.Read(ref _packed)?.Length ?? 0) + Extra(_gzip) + Extra(_brotli);

    /// <summary>An encoding that gained nothing is the plain bytes again: not counted twice.</summary>
    private static long Extra(Representation? encoded) => encoded is { ContentEncoding: not null } ? encoded.Body.Length : 0;

    /// <summary>The page in <paramref name="coding"/>; <paramref name="grew"/> is how many bytes the page's size changed by.</summary>
    public Representation In(ContentCoding coding, out int grew)
    {
        if (coding == ContentCoding.Identity)
            return Plain(out grew);
        ref var slot = ref coding == ContentCoding.Brotli ? ref _brotli : ref _gzip;
        if (Volatile.Read(ref slot) is { } made)
        {
            grew = 0;
            return made;
        }

        var identity = Plain(out grew);
        var encoded = Encode(identity.Body, coding);
        // Text this small or this dense gains nothing from compression: sent as it is.
        var representation = encoded.Length < identity.Body.Length
            ? new Representation(encoded, _etag[..^1] + (coding == ContentCoding.Brotli ? "-br\"" : "-gz\""), coding == ContentCoding.Brotli ? "br" : "gzip")
            : identity;
        if (Interlocked.CompareExchange(ref slot, representation, null) is { } other)
            return other;
        if (!ReferenceEquals(representation, identity))
            grew += representation.Body.Length;
        return representation;
    }

    /// <summary>
    /// Drops the plain bytes, kept instead as Brotli: the Brotli encoding if one was sent, else quality 0 (for a
    /// 12.7 KB event page, 29% of its size). The next request for the plain or gzip bytes makes them again
    /// (about 15 µs) and keeps them. Returns how many bytes the page's size changed by; nothing changes for a
    /// page asked for again, or one that compression does not shrink.
    /// </summary>
    public int Pack()
    {
        if (AskedAgain || Volatile.Read(ref _identity) is not { } identity || _gzip is { ContentEncoding: null } || _brotli is { ContentEncoding: null })
            return 0;
        var packed = 0;
        if (_brotli is not { ContentEncoding: not null })
        {
            if (PackedText.Shrink(identity.Body, quality: 0) is not { } copy)
                return 0;
            Volatile.Write(ref _packed, copy);
            packed = copy.Length;
        }

        return Interlocked.CompareExchange(ref _identity, null, identity) == identity ? packed - identity.Body.Length : 0;
    }

    /// <summary>The plain bytes, made again from the Brotli copy if the page is packed.</summary>
    private Representation Plain(out int grew)
    {
        grew = 0;
        if (Volatile.Read(ref _identity) is { } identity)
            return identity;
        // Made again before the copy is dropped: a copy already gone means another request made them.
        if ((Volatile.Read(ref _packed) ?? (Volatile.Read(ref _brotli) is { ContentEncoding: not null } brotli ? brotli.Body : null)) is not { } packed)
            return Volatile.Read(ref _identity)!;
        var plain = new byte[_length];
        if (!BrotliDecoder.TryDecompress(packed, plain, out var written) || written != _length)
            throw new InvalidOperationException("A cached page could not be unpacked.");
        var made = new Representation(plain, _etag, null);
        if (Interlocked.CompareExchange(ref _identity, made, null) is { } other)
            return other;
        var dropped = Interlocked.Exchange(ref _packed, null)?.Length ?? 0;
        grew = plain.Length - dropped;
        return made;
    }

    /// <summary>Starts counting the page, with all it holds, as it goes into the cache; returns that size.</summary>
    public long StartCounting()
    {
        var size = Size;
        return Interlocked.CompareExchange(ref _counted, size, NotCounted) == NotCounted ? size : throw new InvalidOperationException("A page is kept once.");
    }

    /// <summary>Adds <paramref name="change"/> to what the page counts, unless it left the cache; returns whether it did.</summary>
    public bool Count(long change)
    {
        var counted = Volatile.Read(ref _counted);
        while (counted != NotCounted)
        {
            var seen = Interlocked.CompareExchange(ref _counted, counted + change, counted);
            if (seen == counted)
                return true;
            counted = seen;
        }

        return false;
    }

    /// <summary>Stops counting the page as it leaves the cache; returns what it had counted.</summary>
    public long StopCounting() => Interlocked.Exchange(ref _counted, NotCounted) is var counted and not NotCounted ? counted : 0;

    private static byte[] Encode(byte[] body, ContentCoding coding)
    {
        // Quality 5 of 11: for a 12.7 KB event page, 111 µs and 23.1% of its size; quality 9 took 6.4 ms for 22.9%.
        if (coding == ContentCoding.Brotli)
            return PackedText.Shrink(body, quality: 5, window: 22) ?? body;

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(body);
        return buffer.ToArray();
    }

    /// <summary>
    /// A strong ETag from the page's bytes: the same content gives the same tag on every replica; each encoding
    /// has its own (the encoded bytes follow from the plain ones, so the suffix is enough). A 128-bit XxHash: a tag
    /// only has to change with the content, and SHA-256 would load OpenSSL (see <see cref="EventsBlog.Pages.PagesServiceCollectionExtensions.AddEventsPages"/>).
    /// </summary>
    private static string ContentETag(byte[] body) => $"\"{Base64Url.EncodeToString(XxHash128.Hash(body))}\"";
}

/// <summary>
/// Whole answers of the site's pages, feeds, calendars and sitemap, ready to send: a hit is one dictionary
/// lookup and one write (after unpacking the page if it was held packed). Bounded by <c>Blog:PageCacheMegabytes</c>
/// (least recently used dropped first) and by <see cref="MaxAge"/>; <see cref="PageCacheEvictor"/> drops exactly
/// what a new snapshot made stale.
/// </summary>
public sealed class PageCache(IOptions<BlogOptions> options, TimeProvider time, ILogger<PageCache> logger)
{
    public const string ListingsTag = "listings";

    /// <summary>A safety net: even a page no change evicted is made again this often.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>Answers that change with every request or are never cached, and static files (cached by browsers).</summary>
    private static readonly string[] NotCached = ["/search", "/media", "/healthz", "/_preview", "/metrics", "/error", "/not-found", "/css", "/js"];

    private readonly ConcurrentDictionary<PageKey, CachedPage> _pages = new();
    private readonly ConcurrentDictionary<PageKey, Task<CachedPage?>> _rendering = new();
    private readonly long _budget = options.Value.PageCacheMegabytes * 1024L * 1024;
    private long _bytes;
    private int _trimming;

    public int Count => _pages.Count;

    /// <summary>Absolute links in pages come from the request's host unless <c>Blog:BaseUrl</c> is set.</summary>
    internal bool KeysByHost { get; } = string.IsNullOrEmpty(options.Value.BaseUrl);

    /// <summary>
    /// The page being made for <paramref name="key"/> by another request, if any; else registers
    /// <paramref name="making"/> as that page (removed by <see cref="Made"/>). Concurrent misses wait for one render.
    /// </summary>
    internal Task<CachedPage?>? Rendering(PageKey key, Task<CachedPage?> making) =>
        _rendering.GetOrAdd(key, making) is var current && ReferenceEquals(current, making) ? null : current;

    internal void Made(PageKey key, Task<CachedPage?> making) => _rendering.TryRemove(new(key, making));

    /// <summary>Bytes held, all encodings counted.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public static string EventTag(string slug) => "event:" + slug;

    public static bool IsCacheable(string path)
    {
        foreach (var prefix in NotCached)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return false;
        }

        return true;
    }

    /// <summary>Event pages are tagged with their slug, so that a change evicts exactly them; the rest are listings.</summary>
    public static string TagOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["events", var slug] && !slug.EndsWith(".ics", StringComparison.Ordinal) ? EventTag(slug) : ListingsTag;
    }

    internal long Now() => time.GetTimestamp();

    internal TimeSpan Age(CachedPage page, long now) => time.GetElapsedTime(page.StoredAt, now);

    internal bool TryGet(in PageKey key, long now, out CachedPage page)
    {
        if (_pages.TryGetValue(key, out page!))
        {
            if (Age(page, now) < MaxAge)
            {
                page.Used(now);
                return true;
            }

            Remove(new(key, page));
        }

        return false;
    }

    internal void Add(PageKey key, CachedPage page)
    {
        if (_pages.TryGetValue(key, out var old))
            Remove(new(key, old));
        // Counted before it can be found: a removal that comes first takes back what is added after it.
        var size = page.StartCounting();
        if (_pages.TryAdd(key, page))
            Counted(size);
        else
            page.StopCounting();
    }

    /// <summary>
    /// Packs a page just added (<see cref="CachedPage.Pack"/>) on another thread: a miss is answered without
    /// waiting for it (about 75 µs for a 12.7 KB event page, a tenth of a miss).
    /// </summary>
    internal void PackLater(PageKey key, CachedPage page) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Cache.Pack(state.Key, state.Page), (Cache: this, Key: key, Page: page), preferLocal: false);

    private void Pack(PageKey key, CachedPage page)
    {
        try
        {
            if (_pages.TryGetValue(key, out var kept) && ReferenceEquals(kept, page))
                Grew(page, page.Pack());
        }
        catch (Exception ex)
        {
            // Off any request: an exception here would end the process. The page stays as it was, plain.
            logger.LogError(ex, "A cached page could not be packed");
        }
    }

    /// <summary>Drops <paramref name="page"/> if it is still the one kept for <paramref name="key"/>.</summary>
    internal void Remove(PageKey key, CachedPage page) => Remove(new(key, page));

    /// <summary>Counts a change in what <paramref name="page"/> holds, if it is still in the cache.</summary>
    internal void Grew(CachedPage page, int bytes)
    {
        if (bytes != 0 && page.Count(bytes))
            Counted(bytes);
    }

    private void Counted(long bytes)
    {
        if (Interlocked.Add(ref _bytes, bytes) > _budget)
            Trim();
    }

    /// <summary>Drops every page whose tag <paramref name="isStale"/> says a new snapshot changed; returns how many.</summary>
    public int Evict(Func<string, bool> isStale)
    {
        var evicted = 0;
        foreach (var entry in _pages)
        {
            if (isStale(entry.Value.Tag) && Remove(entry))
                evicted++;
        }

        return evicted;
    }

    private bool Remove(KeyValuePair<PageKey, CachedPage> entry)
    {
        if (!_pages.TryRemove(entry))
            return false;
        Interlocked.Add(ref _bytes, -entry.Value.StopCounting());
        return true;
    }

    /// <summary>Over budget: the least recently used pages go until a quarter of the budget is free.</summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
            return;
        try
        {
            foreach (var entry in _pages.ToArray().OrderBy(e => e.Value.LastUsed))
            {
                if (Bytes <= _budget * 3 / 4)
                    break;
                Remove(entry);
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }
}
