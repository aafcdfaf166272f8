using System.Net;
using System.Net.Http.Headers;
using EventsBlog.Content;
using EventsBlog.Hosting;
using EventsBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EventsBlog.Tests.Hosting;

/// <summary>The whole-page cache in front of the pipeline: what a hit sends, HEAD, 304, encodings and the memory bound.</summary>
public sealed class PageCacheTests : AppTest
{
    public PageCacheTests()
    {
        Posts.Write("2020-08-01-online-summit.md", SamplePosts.Summit);
    }

    private static HttpClient Raw(Uri address) => new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = address };

    [Fact]
    public async Task A_hit_sends_the_same_bytes_and_headers_as_the_page_that_was_made()
    {
        var (_, address) = KestrelApp();
        using var client = Raw(address);
        var made = await client.GetAsync("/events/online-summit");
        var hit = await client.GetAsync("/events/online-summit");

        Assert.Null(made.Headers.Age);
        Assert.NotNull(hit.Headers.Age);
        Assert.Equal(await made.Content.ReadAsByteArrayAsync(), await hit.Content.ReadAsByteArrayAsync());
        string[] replayed = ["Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Cache-Control", "Vary", "ETag"];
        foreach (var name in replayed)
        {
            Assert.NotNull(Header(made, name));
            Assert.Equal(Header(made, name), Header(hit, name));
        }

        Assert.Equal("text/html; charset=utf-8", hit.Content.Headers.ContentType!.ToString());
        Assert.Equal(made.Content.Headers.ContentLength, hit.Content.Headers.ContentLength);
        Assert.Single(hit.Headers.GetValues("Date"));
    }

    [Fact]
    public async Task A_page_of_many_buffer_blocks_is_kept_and_sent_whole()
    {
        // Pages are made into pooled blocks of 16 KB: this one spans nine or more.
        var programme = string.Join("\n\n", Enumerable.Range(0, 4000).Select(i => $"Item {i} of a long programme."));
        Posts.Write("2021-01-01-long-day.md", SamplePosts.Minimal("Long Day", "2021-01-01", body: programme + "\n\nThe very end."));
        var (_, address) = KestrelApp();
        using var client = Raw(address);

        var made = await client.GetAsync("/events/long-day");
        var hit = await client.GetAsync("/events/long-day");

        Assert.NotNull(hit.Headers.Age);
        var body = await made.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length > 8 * 16 * 1024, $"the page is {body.Length} bytes");
        Assert.Equal(body.Length, made.Content.Headers.ContentLength);
        Assert.Equal(body, await hit.Content.ReadAsByteArrayAsync());
        var html = System.Text.Encoding.UTF8.GetString(body);
        Assert.Contains("Item 0 of a long programme.", html);
        Assert.Contains("Item 3999 of a long programme.", html);
        Assert.Contains("The very end.", html);
        Assert.EndsWith("</html>", html.TrimEnd());
    }

    [Fact]
    public async Task A_hit_is_answered_ahead_of_authentication()
    {
        using var app = App().WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IAuthenticationSchemeProvider, CountingSchemeProvider>()));
        var client = app.CreateClient();
        var schemes = (CountingSchemeProvider)app.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        await client.GetAsync("/events/online-summit");
        var askedWhileMade = schemes.RequestHandlersAsked;
        var hit = await client.GetAsync("/events/online-summit");

        Assert.True(askedWhileMade > 0, "authentication runs when a page is made");
        Assert.NotNull(hit.Headers.Age);
        Assert.Equal(askedWhileMade, schemes.RequestHandlersAsked);
    }

    [Fact]
    public async Task Head_gets_the_headers_without_the_body_and_304_carries_no_body()
    {
        var client = App().CreateClient();
        var page = await client.GetAsync("/events/online-summit");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/events/online-summit"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(page.Headers.ETag, head.Headers.ETag);
        Assert.Equal(page.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var brotli = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
        brotli.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var compressed = await client.SendAsync(brotli);
        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
        revalidate.Headers.AcceptEncoding.ParseAdd("gzip, br");
        revalidate.Headers.IfNoneMatch.Add(compressed.Headers.ETag!);
        var notModified = await client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(compressed.Headers.ETag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_page_first_asked_for_with_head_or_a_current_etag_is_kept_whole()
    {
        var factory = App();
        var client = factory.CreateClient();
        var etag = (await client.GetAsync("/events/online-summit")).Headers.ETag!;
        factory.Services.GetRequiredService<PageCache>().Evict(_ => true);

        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
        revalidate.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
        var hit = await client.GetAsync("/events/online-summit");
        Assert.NotNull(hit.Headers.Age);
        Assert.Equal("text/html; charset=utf-8", hit.Content.Headers.ContentType!.ToString());
        Assert.Contains("Online Open Source Summit 2020", await hit.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/archive"))).StatusCode);
        var archive = await client.GetAsync("/archive");
        Assert.NotNull(archive.Headers.Age);
        Assert.Contains("Online Open Source Summit 2020", await archive.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_a_base_url_the_host_header_makes_no_new_entries()
    {
        var factory = App(new() { ["Blog:BaseUrl"] = "https://events.example.org" });
        var client = factory.CreateClient();
        foreach (var host in new[] { "a.example", "b.example", "C.EXAMPLE" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
            request.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(1, factory.Services.GetRequiredService<PageCache>().Count);
    }

    [Fact]
    public async Task Concurrent_misses_for_one_page_are_answered_alike()
    {
        var factory = App();
        var client = factory.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync("/events/online-summit")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.ETag!.Tag).Distinct());
        Assert.All(responses, r => Assert.NotNull(r.Headers.GetValues("Content-Security-Policy").Single()));
        Assert.Equal(1, factory.Services.GetRequiredService<PageCache>().Count);
    }

    [Fact]
    public async Task Every_request_is_logged_with_its_id_cached_or_not()
    {
        var factory = App();
        var client = factory.CreateClient();
        await client.GetAsync("/events/online-summit");
        Assert.NotNull((await client.GetAsync("/events/online-summit")).Headers.Age);

        var lines = factory.Logs.Entries
            .Where(e => e.Category == "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware" && e.Message.Contains("Path: /events/online-summit\n", StringComparison.Ordinal))
            .Select(e => e.Message)
            .ToArray();
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"RequestId: \S+", line));
        Assert.All(lines, line => Assert.Contains("StatusCode: 200", line));
        Assert.NotEqual(System.Text.RegularExpressions.Regex.Match(lines[0], @"RequestId: (\S+)").Groups[1].Value, System.Text.RegularExpressions.Regex.Match(lines[1], @"RequestId: (\S+)").Groups[1].Value);
    }

    [Fact]
    public async Task Search_health_and_static_files_are_not_kept()
    {
        var factory = App();
        var client = factory.CreateClient();
        foreach (var path in new[] { "/search?q=summit", "/healthz", "/css/site.css", "/nope" })
        {
            await client.GetAsync(path);
            await client.GetAsync(path);
        }

        Assert.Equal(0, factory.Services.GetRequiredService<PageCache>().Count);
        Assert.NotNull((await client.GetAsync("/css/site.css")).Content.Headers.LastModified);
    }

    [Theory]
    [InlineData("")]
    [InlineData("br")] // packed as the Brotli encoding it was sent in
    public async Task A_page_not_asked_for_again_is_held_compressed_and_sent_the_same_in_every_encoding_when_it_is(string firstCoding)
    {
        Posts.Write("2021-03-01-spring-meetup.md", SamplePosts.Minimal("Spring Meetup", "2021-03-01", body: "Talks and pizza.\n\n" + string.Join("\n\n", Enumerable.Range(0, 30).Select(i => $"Talk {i}: what we learned."))));
        var (factory, address) = KestrelApp();
        var cache = factory.Services.GetRequiredService<PageCache>();
        using var client = Raw(address);

        var first = await client.SendAsync(Get("/events/spring-meetup", firstCoding));
        var plain = Decode(await first.Content.ReadAsByteArrayAsync(), firstCoding);
        await Eventually.True(() => Task.FromResult(cache.Bytes < plain.Length / 2), "the page is packed");

        foreach (var coding in new[] { "br", "gzip", "" })
        {
            var hit = await client.SendAsync(Get("/events/spring-meetup", coding));
            Assert.NotNull(hit.Headers.Age);
            Assert.Equal(coding, string.Join(",", hit.Content.Headers.ContentEncoding));
            Assert.Equal(plain, Decode(await hit.Content.ReadAsByteArrayAsync(), coding));
            if (coding == firstCoding)
                Assert.Equal(first.Headers.ETag, hit.Headers.ETag);
        }

        // Asked for again, the page is held plain once more, with its two encodings.
        Assert.True(cache.Bytes > plain.Length, $"{cache.Bytes} bytes held for a page of {plain.Length}");
    }

    [Fact]
    public void A_page_asked_for_again_before_it_is_packed_stays_plain()
    {
        var body = System.Text.Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Repeat("<p>Talks and pizza.</p>", 200)));
        var asked = new CachedPage(PageCache.ListingsTag, body, storedAt: 5);
        asked.Used(now: 5); // the same tick as it was stored: asked again all the same

        Assert.Equal(0, asked.Pack());
        Assert.True(new CachedPage(PageCache.ListingsTag, body, storedAt: 5).Pack() < -body.Length / 2);
    }

    [Fact]
    public void A_page_dropped_from_the_cache_no_longer_counts_what_it_makes()
    {
        var cache = new PageCache(Options.Create(new BlogOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PageCache>.Instance);
        var key = new PageKey("http", "localhost", "", "/archive", null);
        var body = System.Text.Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Repeat("<p>Talks and pizza.</p>", 200)));
        var page = new CachedPage(PageCache.ListingsTag, body, storedAt: 0);
        cache.Add(key, page);
        Assert.Equal(body.Length, cache.Bytes);

        cache.Remove(key, page);
        // A request that found the page before it was dropped, or a packing begun before, is still at work on it.
        cache.Grew(page, page.Pack());
        page.In(ContentCoding.Brotli, out var grew);
        cache.Grew(page, grew);

        Assert.Equal(0, cache.Bytes);
    }

    private static HttpRequestMessage Get(string path, string coding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (coding != "")
            request.Headers.AcceptEncoding.ParseAdd(coding);
        return request;
    }

    private static byte[] Decode(byte[] body, string coding)
    {
        using Stream decoded = coding switch
        {
            "br" => new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress),
            _ => new MemoryStream(body),
        };
        using var plain = new MemoryStream();
        decoded.CopyTo(plain);
        return plain.ToArray();
    }

    [Fact]
    public async Task The_cache_stays_within_its_budget_dropping_the_least_recently_used()
    {
        // Random words: pages that compression barely shrinks, so that packing cannot make them all fit.
        var random = new Random(7);
        var body = string.Join("\n\n", Enumerable.Range(0, 40).Select(i => $"Paragraph {i}: " + string.Join(' ', Enumerable.Range(0, 50).Select(_ => Convert.ToBase64String(BitConverter.GetBytes(random.NextInt64()))))));
        for (var i = 0; i < 120; i++)
            Posts.Write($"post-{i:000}.md", SamplePosts.Minimal($"Post {i}", "2021-01-01", body: body));
        var factory = App(new() { ["Blog:PageCacheMegabytes"] = "1" });
        var client = factory.CreateClient();
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/events/post-{i:000}")).StatusCode);
            factory.Clock.Advance(TimeSpan.FromMilliseconds(10)); // recency is read from the site's clock
        }

        var cache = factory.Services.GetRequiredService<PageCache>();
        Assert.InRange(cache.Bytes, 1, 1024 * 1024);
        Assert.InRange(cache.Count, 20, 119);
        Assert.NotNull((await client.GetAsync("/events/post-119")).Headers.Age); // the latest is kept
        Assert.Null((await client.GetAsync("/events/post-000")).Headers.Age); // the first went
    }

    [Theory]
    [InlineData("", "Identity")]
    [InlineData("gzip, deflate, br, zstd", "Brotli")]
    [InlineData("gzip, deflate", "Gzip")]
    [InlineData("BR;q=0.5, gzip", "Brotli")]
    [InlineData("br;q=0, gzip;q=0", "Identity")]
    [InlineData("br; q=0.0 , gzip", "Gzip")]
    [InlineData("identity", "Identity")]
    public void Accept_encoding_is_negotiated_without_parsing_into_objects(string acceptEncoding, string expected)
    {
        Assert.Equal(expected, PageCacheMiddleware.Negotiate(new StringValues(acceptEncoding)).ToString());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    /// <summary>Counts the authentication middleware's first question on each request it handles.</summary>
    private sealed class CountingSchemeProvider(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
    {
        private int _requestHandlersAsked;

        public int RequestHandlersAsked => Volatile.Read(ref _requestHandlersAsked);

        public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            Interlocked.Increment(ref _requestHandlersAsked);
            return base.GetRequestHandlerSchemesAsync();
        }
    }
}
