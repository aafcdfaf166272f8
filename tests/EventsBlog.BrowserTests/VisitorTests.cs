using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EventsBlog.BrowserTests;

/// <summary>What a visitor sees and does, in a real Chromium against the real app.</summary>
[Collection(SiteCollection.Name)]
public sealed class VisitorTests(SiteFixture site)
{
    private const string SummitPath = "/events/open-source-summit-online";
    private static readonly string[] AllowedEmbedHosts = ["www.youtube-nocookie.com", "player.vimeo.com", "player.bilibili.com"];

    [SkippableFact]
    public async Task A_visitor_opens_an_event_and_plays_its_video_with_the_keyboard()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open Source Summit Online 2020" }).ClickAsync();
        await page.WaitForURLAsync("**" + SummitPath);

        Assert.Equal("Open Source Summit Online 2020", await page.Locator("h1").InnerTextAsync());
        var talks = page.Locator("nav.talks li");
        Assert.Equal(3, await talks.CountAsync());
        Assert.Contains("Aiko Tanaka", await talks.Nth(2).InnerTextAsync());
        var placeholder = page.Locator(".embed-facade").First;
        Assert.Contains("Play on YouTube", await placeholder.InnerTextAsync());
        Assert.Equal(0, await page.Locator("iframe").CountAsync());

        var reachedPlay = false;
        for (var i = 0; i < 40 && !reachedPlay; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reachedPlay = await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('embed-play')");
        }

        Assert.True(reachedPlay, "Tab never reached the play button");
        var beforePlay = requests.ToArray();
        Assert.All(beforePlay, url => Assert.StartsWith(site.BaseUrl, url));

        await page.Keyboard.PressAsync("Enter");
        var frame = page.Locator(".embed iframe").First;
        await frame.WaitForAsync();
        var src = new Uri((await frame.GetAttributeAsync("src"))!);
        Assert.Contains(src.Host, AllowedEmbedHosts);
        Assert.Equal("www.youtube-nocookie.com", src.Host);
        Assert.Contains("autoplay=1", src.Query);
        Assert.EndsWith(SummitPath, page.Url);
    }

    [SkippableFact]
    public async Task Without_javascript_the_placeholder_is_a_link_to_the_video()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = site.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync(SummitPath);
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", await page.Locator(".embed-facade a.embed-play").First.GetAttributeAsync("href"));
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_talks_list_jumps_to_the_section()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync(height: 700);
        await page.GotoAsync(SummitPath);

        await page.Locator("nav.talks a", new() { HasText = "Deep dive: Observability for Small Teams" }).ClickAsync();

        Assert.EndsWith("#deep-dive-observability-for-small-teams-aiko-tanaka-daniel-okafor", page.Url);
        var heading = page.Locator("#deep-dive-observability-for-small-teams-aiko-tanaka-daniel-okafor");
        var box = (await heading.BoundingBoxAsync())!;
        Assert.InRange(box.Y, -1, 200);
        Assert.True(await heading.Locator("a.heading-anchor").IsVisibleAsync(), "the copy-link anchor is visible");
        Assert.Equal("Aiko Tanaka", await page.Locator("p.talk-speakers .speaker").Nth(2).InnerTextAsync());
    }

    [SkippableFact]
    public async Task The_search_box_in_the_header_finds_an_event()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        // The index is built in the background just after start: wait for it over plain HTTP first.
        using (var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) })
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(await http.GetStringAsync("/search?q=observability")).Contains("search-results", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, "the search index was not ready within 60 s");
                await Task.Delay(200);
            }
        }

        var page = await site.NewPageAsync();
        await page.GotoAsync("/archive");
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search events", Exact = true });
        await box.FillAsync("observability");
        Assert.Equal("observability", await box.InputValueAsync());
        var navigated = page.WaitForURLAsync("**/search?q=observability", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await box.PressAsync("Enter");
        await navigated;

        var results = page.Locator("ol.search-results a", new() { HasText = "Open Source Summit Online 2020" });
        Assert.Equal(1, await results.CountAsync());
        Assert.Equal("Observability", await page.Locator("ol.search-results mark").First.InnerTextAsync(), ignoreCase: true);
    }

    [SkippableFact]
    public async Task Unknown_address_shows_the_404_page_with_a_way_home()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        var response = await page.GotoAsync("/events/no-such-event");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Page not found", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the list of events" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl + "/");
    }

    [SkippableTheory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Pages_have_no_accessibility_violations(ColorScheme scheme)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        foreach (var path in new[] { "/", SummitPath, "/categories/events", "/archive", "/no-such-page", "/speakers", "/speakers/aiko-tanaka", "/videos", "/search?q=summit" })
        {
            var page = await site.NewPageAsync(colorScheme: scheme);
            await page.GotoAsync(path);
            var result = await page.RunAxe();
            Assert.NotEmpty(result.Passes); // axe really ran its rules
            var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})");
            Assert.True(result.Violations.Length == 0, $"{path} in {scheme} mode:\n{string.Join("\n", violations)}");
            await page.Context.CloseAsync();
        }
    }

    [SkippableFact]
    public async Task An_event_page_weighs_under_30_KB_and_loads_nothing_from_another_origin()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);
        await page.GotoAsync(SummitPath, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.All(responses, r => Assert.StartsWith(site.BaseUrl, r.Url));
        var bytes = 0;
        foreach (var response in responses)
            bytes += (await response.BodyAsync()).Length;
        Assert.InRange(bytes, 1, 30 * 1024);
        Assert.Contains(responses, r => Regex.IsMatch(r.Url, @"/css/site\.css\?v="));
        Assert.Contains(responses, r => Regex.IsMatch(r.Url, @"/js/site\.js\?v="));
    }

    [SkippableFact]
    public async Task Screenshots_at_desktop_and_phone_widths()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        foreach (var width in new[] { 1280, 360 })
        {
            foreach (var (name, path) in new[] { ("home", "/"), ("event", SummitPath), ("archive", "/archive") })
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    var page = await site.NewPageAsync(width, 900, scheme);
                    await page.GotoAsync(path);
                    var file = Path.Combine(SiteFixture.ScreenshotFolder, $"{name}-{width}-{scheme.ToString().ToLowerInvariant()}.png");
                    await page.ScreenshotAsync(new() { Path = file, FullPage = true });
                    Assert.True(new FileInfo(file).Length > 1000);
                    var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
                    Assert.False(overflow, $"{path} scrolls sideways at {width} px");
                    await page.Context.CloseAsync();
                }
            }
        }
    }
}
