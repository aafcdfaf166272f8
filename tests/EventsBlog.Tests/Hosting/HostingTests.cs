using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using EventsBlog.Tests.Infrastructure;

namespace EventsBlog.Tests.Hosting;

/// <summary>Running on the open internet: headers, caching, compression, proxies, limits, replicas.</summary>
public sealed class HostingTests : AppTest
{
    public HostingTests()
    {
        Posts.Write("2020-08-01-online-summit.md", SamplePosts.Summit)
            .Write("a.md", SamplePosts.Minimal("Alpha", "2021-01-01", body: "Alpha one."))
            .Write("b.md", SamplePosts.Minimal("Beta", "2021-02-02", body: "Beta."));
    }

    private static HttpClient Raw(Uri address) => new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = address };

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_no_server_header()
    {
        var (_, address) = KestrelApp();
        using var client = Raw(address);
        foreach (var path in new[] { "/", "/events/online-summit", "/css/site.css", "/nope", "/feed.xml" })
        {
            var response = await client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https:", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'" })
                Assert.Contains(directive, csp);
            Assert.Contains("frame-src https://youtube.com https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com https://player.bilibili.com https://docs.google.com https://speakerdeck.com", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
            Assert.False(response.Headers.Contains("Server"), $"{path} names the server");
        }
    }

    [Fact]
    public async Task Pages_have_strong_content_etags_and_answer_304()
    {
        var client = App().CreateClient();
        var first = await client.GetAsync("/events/online-summit");
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=60, stale-while-revalidate=600", first.Headers.CacheControl!.ToString());

        var again = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var weak = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
        weak.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(weak)).StatusCode);

        var other = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Compression_is_negotiated_and_each_encoding_has_its_own_etag(string encoding)
    {
        var client = App().CreateClient();
        var plain = await client.GetAsync("/events/online-summit");
        var request = new HttpRequestMessage(HttpMethod.Get, "/events/online-summit");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var compressed = await client.SendAsync(request);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(encoding, compressed.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < (await plain.Content.ReadAsByteArrayAsync()).Length);

        var css = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        css.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        Assert.Equal(encoding, (await client.SendAsync(css)).Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_from_a_known_proxy_only()
    {
        var (_, trusted) = KestrelApp(new() { ["Blog:KnownProxies:0"] = "127.0.0.1" });
        var (_, untrusted) = KestrelApp(new() { ["Blog:KnownProxies:0"] = "10.9.8.7" });
        var (_, noProxies) = KestrelApp();

        async Task<string> Canonical(Uri address)
        {
            using var client = Raw(address);
            var request = new HttpRequestMessage(HttpMethod.Get, "/archive");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "events.example.org");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"canonical\" href=\"([^\"]+)\"").Groups[1].Value;
        }

        Assert.Equal("https://events.example.org/archive", await Canonical(trusted));
        Assert.Equal($"http://127.0.0.1:{untrusted.Port}/archive", await Canonical(untrusted));
        Assert.Equal($"http://127.0.0.1:{noProxies.Port}/archive", await Canonical(noProxies));
    }

    [Fact]
    public async Task A_live_change_evicts_its_page_and_the_listings_while_other_pages_stay_cached()
    {
        var factory = App();
        var client = factory.CreateClient();
        foreach (var path in new[] { "/events/a", "/events/b", "/" })
            await client.GetAsync(path);
        Assert.True((await client.GetAsync("/events/b")).Headers.Age is not null, "a second request is served from the output cache");

        Posts.Write("a.md", SamplePosts.Minimal("Alpha", "2021-01-01", body: "Alpha two."));
        await Eventually.True(async () => (await client.GetStringAsync("/events/a")).Contains("Alpha two."), "the changed page is served fresh");

        Assert.True((await client.GetAsync("/events/b")).Headers.Age is not null, "the unchanged page is still cached");
        Posts.Write("c.md", SamplePosts.Minimal("Gamma", "2021-03-03"));
        await Eventually.True(async () => (await client.GetStringAsync("/")).Contains("Gamma"), "the home page lists the new post");
    }

    [Fact]
    public async Task Two_replicas_on_one_folder_answer_identical_bytes_and_etags()
    {
        var settings = new Dictionary<string, string?> { ["Blog:BaseUrl"] = "https://events.example.org" };
        var one = App(settings).CreateClient();
        var two = App(settings).CreateClient();
        foreach (var path in new[] { "/", "/events/online-summit", "/archive", "/feed.xml", "/atom.xml", "/events.ics", "/sitemap.xml", "/speakers" })
        {
            foreach (var encoding in new[] { "", "br", "gzip" })
            {
                async Task<(byte[] Body, EntityTagHeaderValue? ETag)> Fetch(HttpClient client)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, path);
                    if (encoding.Length > 0)
                        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
                    var response = await client.SendAsync(request);
                    return (await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag);
                }

                var (bodyOne, etagOne) = await Fetch(one);
                var (bodyTwo, etagTwo) = await Fetch(two);
                Assert.Equal(bodyOne, bodyTwo);
                Assert.NotNull(etagOne);
                Assert.Equal(etagOne, etagTwo);
            }
        }
    }

    [Fact]
    public async Task Liveness_readiness_and_metrics()
    {
        var client = App().CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);

        var metrics = App(new() { ["Blog:Metrics"] = "true" }).CreateClient();
        await metrics.GetAsync("/");
        var text = await metrics.GetStringAsync("/metrics");
        Assert.Contains("http_requests_received_total", text);
    }

    [Fact]
    public async Task Oversized_requests_are_refused()
    {
        var (_, address) = KestrelApp();
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var headers = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-Filler-{i}: {new string('x', 20)}\r\n"));
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n"));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        Assert.StartsWith("HTTP/1.1 431", Encoding.ASCII.GetString(buffer, 0, read));
    }
}
