using System.Net;
using EventsBlog.Tests.Infrastructure;

namespace EventsBlog.Tests.Content;

/// <summary>Author preview: drafts shown and marked, a reload event when the post on screen changes, nothing of it in production.</summary>
public sealed class PreviewEndpointsTests : AppTest
{
    [Fact]
    public async Task Preview_shows_drafts_and_sends_reload_when_the_post_changes()
    {
        Posts.Write("draft.md", SamplePosts.Minimal("Work in progress", extra: "draft: true", body: "First words."));
        var factory = App(new() { ["Blog:Preview"] = "true" });
        var client = factory.CreateClient();

        var page = await client.GetStringAsync("/events/draft");
        Assert.Contains("<span class=\"badge draft\">Draft</span>", page);
        Assert.Matches("<script src=\"/js/preview.js\\?v=[^\"]+\" defer></script>", page);

        using var stream = await client.GetStreamAsync("/_preview/changes?slug=draft");
        using var reader = new StreamReader(stream);
        Assert.Equal(": watching", await reader.ReadLineAsync());

        Posts.Write("draft.md", SamplePosts.Minimal("Work in progress", extra: "draft: true", body: "More words."));
        var events = new List<string>();
        var read = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line && line != "data: changed")
                events.Add(line);
        });
        Assert.True(await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))) == read, "no reload event within 10 s");
        Assert.Contains("event: reload", events);
    }

    [Fact]
    public async Task Production_has_no_preview_endpoint_script_or_drafts()
    {
        Posts.Write("draft.md", SamplePosts.Minimal("Work in progress", extra: "draft: true"));
        var client = App().CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_preview/changes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events/draft")).StatusCode);
        Assert.DoesNotContain("preview.js", await client.GetStringAsync("/"));
    }

    [Fact]
    public void Preview_command_becomes_settings()
    {
        Assert.Equal(["--Blog:Preview=true", $"--Blog:PostsPath={Path.GetFullPath("drafts")}", "--urls", "http://localhost:5005"],
            CommandLine.ExpandPreview(["preview", "--urls", "http://localhost:5005", "drafts"]));
        Assert.Equal(["--Blog:Preview=true"], CommandLine.ExpandPreview(["preview"]));
        Assert.Equal(["--urls", "x"], CommandLine.ExpandPreview(["--urls", "x"]));
    }
}
