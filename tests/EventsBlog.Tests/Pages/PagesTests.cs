using System.Net;
using EventsBlog.Content;
using EventsBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventsBlog.Tests.Pages;

/// <summary>The site through HTTP: the real app over a temp posts folder.</summary>
public sealed class PagesTests : AppTest
{
    private HttpClient Client(Dictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        App(settings, clock)
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> Html(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return body;
    }

    [Fact]
    public async Task Event_page_shows_title_date_taxonomy_video_talks_and_body()
    {
        Posts.Write("2020-08-01-online-summit.md", SamplePosts.Summit);
        var html = await Html(await Client().GetAsync("/events/online-summit"));

        Assert.Contains("<h1>Online Open Source Summit 2020</h1>", html);
        Assert.Contains("""<time datetime="2020-08-01">""", html);
        Assert.Contains("""<a class="category" href="/categories/events">events</a>""", html);
        Assert.Contains("""<a href="/tags/open-source">#open source</a>""", html);
        Assert.Contains("""<div class="embed embed-facade" data-embed-src="https://www.youtube-nocookie.com/embed/abc123XYZ_-" data-embed-title="Online Open Source Summit 2020">""", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.Contains("""<a href="#deep-dive-observability-aiko-tanaka-daniel-okafor">Deep dive: Observability</a>""", html);
        Assert.Contains("""<a class="speaker" href="/speakers/daniel-okafor">Daniel Okafor</a>""", html);
        Assert.Contains("""<h2 id="resources">Resources<a class="heading-anchor" href="#resources" aria-label="Link to this section">#</a></h2>""", html);
        Assert.Contains("<title>Online Open Source Summit 2020 · ", html);
        Assert.True(html.IndexOf("embed-facade", StringComparison.Ordinal) < html.IndexOf("class=\"talks\"", StringComparison.Ordinal), "the video comes before the talks list");
    }

    [Fact]
    public async Task Iframe_mode_frames_videos_lazily()
    {
        Posts.Write("2020-08-01-online-summit.md", SamplePosts.Summit);
        var html = await Html(await Client(new() { ["Blog:Embeds:Mode"] = "Iframe" }).GetAsync("/events/online-summit"));
        Assert.Contains("""<div class="embed"><iframe src="https://www.youtube-nocookie.com/embed/abc123XYZ_-" title="Online Open Source Summit 2020" loading="lazy" allowfullscreen""", html);
        Assert.DoesNotContain("embed-facade", html);
    }

    [Fact]
    public async Task Home_lists_upcoming_first_then_past_and_pages_with_404_outside_the_range()
    {
        Posts.Write("past-old.md", SamplePosts.Minimal("Past old", "2020-01-01", body: "First paragraph of the old one."))
            .Write("past-new.md", SamplePosts.Minimal("Past new", "2024-06-14"))
            .Write("today.md", SamplePosts.Minimal("Today event", "2024-06-15"))
            .Write("soon.md", SamplePosts.Minimal("Soon event", "2024-09-01", extra: "summary: Come along!"));
        var client = Client(new() { ["Blog:PageSize"] = "3" });

        var first = await Html(await client.GetAsync("/"));
        Assert.True(Order(first, "Today event", "Soon event", "Past new"));
        Assert.DoesNotContain("Past old", first);
        Assert.Contains("Come along!", first);
        Assert.Contains("""<a rel="next" href="/?page=2">""", first);

        var second = await Html(await client.GetAsync("/?page=2"));
        Assert.Contains("Past old", second);
        Assert.Contains("First paragraph of the old one.", second);

        foreach (var page in new[] { "3", "0", "-1", "abc", "1.5", "99999999999" })
            await Html(await client.GetAsync($"/?page={page}"), HttpStatusCode.NotFound);
    }

    private static bool Order(string html, params string[] texts) =>
        texts.Select(t => html.IndexOf(t, StringComparison.Ordinal)).Zip(texts.Skip(1).Select(t => html.IndexOf(t, StringComparison.Ordinal))).All(p => p.First >= 0 && p.First < p.Second);

    [Fact]
    public async Task An_event_stays_upcoming_until_the_end_of_its_day_in_the_site_time_zone()
    {
        Posts.Write("e.md", SamplePosts.Minimal("Evening event", "2024-06-15"));
        // 2024-06-15 23:30 in Paris is 21:30 UTC; 22:30 UTC is already the 16th there.
        var beforeMidnight = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 21, 30, 0, TimeSpan.Zero));
        var afterMidnight = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 6, 15, 22, 30, 0, TimeSpan.Zero));
        var paris = new Dictionary<string, string?> { ["Blog:TimeZone"] = "Europe/Paris" };

        Assert.Contains("Upcoming", await Html(await Client(paris, beforeMidnight).GetAsync("/events/e")));
        Assert.DoesNotContain("Upcoming", await Html(await Client(paris, afterMidnight).GetAsync("/events/e")));
    }

    [Fact]
    public async Task Category_tag_and_archive_pages_list_their_posts()
    {
        Posts.Write("a.md", SamplePosts.Minimal("Alpha", "2021-05-01", extra: "categories: [talks & videos]\ntags: [Cloud Native]"))
            .Write("b.md", SamplePosts.Minimal("Beta", "2019-02-01", extra: "category: meetups\ntags: cloud native, k8s"));
        var client = Client();

        var category = await Html(await client.GetAsync("/categories/talks-videos"));
        Assert.Contains("talks &amp; videos", category);
        Assert.Contains("Alpha", category);
        Assert.DoesNotContain("Beta", category);

        var tag = await Html(await client.GetAsync("/tags/cloud-native"));
        Assert.True(Order(tag, "Alpha", "Beta"));

        var archive = await Html(await client.GetAsync("/archive"));
        Assert.True(Order(archive, "2021", "Alpha", "2019", "Beta"));

        await Html(await client.GetAsync("/categories/nope"), HttpStatusCode.NotFound);
        await Html(await client.GetAsync("/tags/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Broken_posts_are_rejected_with_a_logged_warning_and_the_rest_is_served()
    {
        Posts.Write("good.md", SamplePosts.Minimal("Good one"))
            .Write("sub/no-title.md", "---\ndate: 2020-01-01\n---\nBody")
            .Write("bad-yaml.md", "---\ntitle: [unclosed\ndate: 2020-01-01\n---\nBody")
            .WriteBytes("binary.md", [0, 1, 2, 3])
            .Write("notes.txt", "not a post")
            .Write("_index.md", "---\ntitle: Section\n---\n");
        var factory = App();
        var client = factory.CreateClient();

        var home = await Html(await client.GetAsync("/"));
        Assert.Contains("Good one", home);
        await Html(await client.GetAsync("/events/no-title"), HttpStatusCode.NotFound);
        await Html(await client.GetAsync("/events/bad-yaml"), HttpStatusCode.NotFound);

        var warnings = factory.Logs.Warnings.ToArray();
        Assert.Contains("sub/no-title.md:1: error: missing title: add 'title: ...' to the front matter", warnings);
        Assert.Contains(warnings, w => w.StartsWith("bad-yaml.md:2: error: YAML syntax error", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("binary.md:1: error: the file is binary", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("notes.txt") || w.Contains("_index.md"));
        Assert.Contains(factory.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Loaded 1 posts from ", StringComparison.Ordinal) && e.Message.Contains("rejected 3"));
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_rejected_without_being_read_and_the_rest_served()
    {
        Posts.Write("small.md", SamplePosts.Minimal("Small")).Write("big.md", SamplePosts.Minimal("Big", body: new string('x', 5000)));
        var factory = App(new() { ["Blog:MaxPostBytes"] = "1000" });
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events/small")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events/big")).StatusCode);
        Assert.Contains(factory.Logs.Warnings, w => w.StartsWith("big.md:1: error: the file is 5,", StringComparison.Ordinal) && w.EndsWith("more than Blog:MaxPostBytes (1,000)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drafts_are_hidden_unless_shown()
    {
        Posts.Write("draft.md", SamplePosts.Minimal("Secret draft", extra: "draft: true"));

        var hidden = Client();
        Assert.DoesNotContain("Secret draft", await Html(await hidden.GetAsync("/")));
        await Html(await hidden.GetAsync("/events/draft"), HttpStatusCode.NotFound);

        var shown = Client(new() { ["Blog:ShowDrafts"] = "true" });
        Assert.Contains("Secret draft", await Html(await shown.GetAsync("/")));
        Assert.Contains("Draft", await Html(await shown.GetAsync("/events/draft")));
    }

    [Fact]
    public async Task Link_posts_link_out_and_old_paths_redirect_permanently()
    {
        Posts.Write("out.md", SamplePosts.Minimal("Elsewhere", extra: "url: https://example.org/elsewhere"))
            .Write("moved.md", SamplePosts.Minimal("Moved", extra: "url: /blog/2021/03/moved/\naliases: [/old/path.html, /events/old-name/, /tags/old]"))
            .Write("other.md", SamplePosts.Minimal("Other", extra: "aliases: [/old/path.html]"));
        var client = Client();

        Assert.Contains("""href="https://example.org/elsewhere""", await Html(await client.GetAsync("/")));
        await Html(await client.GetAsync("/events/out"), HttpStatusCode.NotFound);

        foreach (var old in new[] { "/blog/2021/03/moved/", "/blog/2021/03/moved", "/old/path.html", "/events/old-name", "/tags/old/" })
        {
            var response = await client.GetAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal("/events/moved", response.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events/other")).StatusCode);
    }

    [Fact]
    public async Task Front_matter_is_escaped_and_non_ascii_stays_utf8()
    {
        Posts.Write("x.md", SamplePosts.Minimal("\"<script>alert(1)</script> Café 云原生\"", extra: "tags: [\"<b>bold</b>\"]\nsummary: \"<img src=x onerror=alert(1)>\"\nlang: zh-CN"));
        var client = Client();

        foreach (var html in new[] { await Html(await client.GetAsync("/events/x")), await Html(await client.GetAsync("/")) })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<b>bold", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Café 云原生", html);
            Assert.DoesNotContain("&#", html.Replace("&#x27;", "").Replace("&#39;", ""));
        }

        Assert.Contains("<html lang=\"zh-CN\">", await Html(await client.GetAsync("/events/x")));
    }

    [Fact]
    public async Task Unknown_pages_traversal_and_raw_markdown_are_html_404s()
    {
        Posts.Write("real.md", SamplePosts.Minimal("Real"));
        var client = Client();

        foreach (var path in new[] { "/events/nope", "/events/..%2F..%2Fetc%2Fpasswd", "/events/..%2Freal.md", "/real.md", "/Posts/real.md", "/events/real.md", "/nothing/here" })
        {
            var html = await Html(await client.GetAsync(path), HttpStatusCode.NotFound);
            Assert.Contains("Page not found", html);
            Assert.Contains("""<a href="/">Go to the list of events</a>""", html);
            Assert.DoesNotContain("root:", html);
        }
    }

    [Fact]
    public async Task A_failure_shows_a_plain_500_page_and_logs_the_exception()
    {
        Posts.Write("real.md", SamplePosts.Minimal("Real"));
        var clock = new BreakableClock();
        var factory = App(clock: clock);
        var client = factory.CreateClient();
        // Broken only once the posts are loaded: a load that fails stops the site, and the request would wait for it.
        await factory.Services.GetRequiredService<ContentStore>().Loaded;
        clock.Broken = true;

        var response = await client.GetAsync("/");
        var html = await Html(response, HttpStatusCode.InternalServerError);

        Assert.Contains("Sorry, something went wrong", html);
        var requestId = System.Text.RegularExpressions.Regex.Match(html, "Request id: <code>([^<]+)</code>").Groups[1].Value;
        Assert.NotEmpty(requestId);
        Assert.DoesNotContain("clock is broken", html);
        Assert.DoesNotContain("BreakableClock", html);
        var logged = Assert.Single(factory.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("clock is broken", logged.Exception?.Message);
        Assert.Equal($"Request {requestId} (GET /) failed", logged.Message);
    }

    private sealed class BreakableClock : TimeProvider
    {
        public bool Broken { get; set; }

        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException("clock is broken") : System.GetUtcNow();
    }

    [Fact]
    public async Task Healthz_answers_once_posts_are_loaded()
    {
        Posts.Write("real.md", SamplePosts.Minimal("Real"));
        var response = await Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stylesheet_is_served_from_the_top_level_wwwroot()
    {
        var client = Client();
        var home = await Html(await client.GetAsync("/"));
        var href = System.Text.RegularExpressions.Regex.Match(home, "href=\"(/css/site.css\\?v=[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(href);

        var css = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".post-card", await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_inline_script_or_style_in_pages()
    {
        Posts.Write("2020-08-01-online-summit.md", SamplePosts.Summit)
            .Write("rich.md", SamplePosts.Minimal("Rich", body: "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n+---+---+\n| x | y |\n+===+===+\n| 1 | 2 |\n+---+---+\n\nNote[^1]\n\n[^1]: Here.\n\n<div style=\"color:red\" onclick=\"x()\"><style>p{}</style><script>x()</script>Hi</div>\n\n- [x] task"));
        var client = Client();
        foreach (var path in new[] { "/", "/events/online-summit", "/events/rich", "/archive", "/categories/events", "/tags/cloud", "/nope" })
        {
            var html = await client.GetStringAsync(path).ContinueWith(t => t.IsFaulted ? "" : t.Result);
            html = html.Length > 0 ? html : await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            // Scripts are files; the one inline script element allowed is JSON-LD data, which never runs.
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=\"/js/[a-z]+\\.js\\?v=)(?! type=\"application/ld\\+json\")", html);
            Assert.DoesNotMatch("<script(?! type=\"application/ld\\+json\")[^>]*>[^<]", html);
            Assert.DoesNotContain("<style", html);
            Assert.DoesNotContain("style=", html);
        }
    }

    [Fact]
    public async Task Invalid_settings_stop_startup_with_a_clear_message()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Client(new() { ["Blog:TimeZone"] = "Mars/Olympus", ["Blog:PageSize"] = "0" }).GetAsync("/"));
        var message = error.ToString();
        Assert.Contains("Blog:TimeZone 'Mars/Olympus' is not a known time zone", message);
        Assert.Contains("PageSize", message);
    }
}
