using System.Net;
using EventsBlog.Content;
using EventsBlog.Rendering;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventsBlog.Tests.Content;

/// <summary>Live authoring through the real app: files change in a temp folder, pages follow without a restart.</summary>
public sealed class ContentServiceTests : AppTest
{
    private static async Task<(HttpStatusCode Status, string Body)> Get(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task Shows(HttpClient client, string path, string text) =>
        Eventually.True(async () => (await Get(client, path)) is (HttpStatusCode.OK, var body) && body.Contains(text), $"{path} shows '{text}'");

    private static Task Gone(HttpClient client, string path) =>
        Eventually.True(async () => (await Get(client, path)).Status == HttpStatusCode.NotFound, $"{path} is a 404");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Added_changed_renamed_and_deleted_posts_show_without_restart(bool polling)
    {
        Posts.Write("first.md", SamplePosts.Minimal("First"));
        var factory = App(new() { ["Blog:UsePolling"] = polling.ToString(), ["Blog:PollingInterval"] = "00:00:00.200" });
        var client = factory.CreateClient();
        await Shows(client, "/events/first", "First");

        Posts.Write("second.md", SamplePosts.Minimal("Second", body: "Version one."));
        await Shows(client, "/events/second", "Version one.");
        await Shows(client, "/", "Second");

        Posts.Write("second.md", SamplePosts.Minimal("Second", body: "Version two."));
        await Shows(client, "/events/second", "Version two.");

        File.Move(Path.Combine(Posts.Path, "second.md"), Path.Combine(Posts.Path, "renamed.md"));
        await Shows(client, "/events/renamed", "Version two.");
        await Gone(client, "/events/second");

        File.Delete(Path.Combine(Posts.Path, "renamed.md"));
        await Gone(client, "/events/renamed");
        Assert.DoesNotContain("Second", (await Get(client, "/")).Body);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/events/first")).Status);
    }

    [Fact]
    public async Task Requests_wait_for_the_first_load_and_health_says_loading()
    {
        Posts.Write("ready.md", SamplePosts.Minimal("Ready", body: "Loaded at last."));
        // Reading a named pipe blocks until something is written to it: the load waits for the test.
        var pipe = Posts.MakePipe("pipe.md");
        var factory = App();
        var client = factory.CreateClient();

        var page = client.GetAsync("/events/ready");
        await Task.Delay(300);
        Assert.False(page.IsCompleted, "the page answered before the posts were loaded");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);

        await File.WriteAllTextAsync(pipe, SamplePosts.Minimal("Piped"));
        var response = await page;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Loaded at last.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
    }

    [Fact]
    public async Task Bodies_are_compressed_once_the_snapshot_is_published()
    {
        for (var i = 0; i < 20; i++)
            Posts.Write($"post-{i:D2}.md", SamplePosts.Minimal($"Post {i}", body: string.Concat(Enumerable.Repeat($"Words about talk {i}. ", 30))));
        var factory = App();
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<ContentStore>();

        await store.Loaded;
        await Eventually.True(() => Task.FromResult(store.Current.NewestFirst.All(post => post.IsBodyCompressed)), "every body is compressed");
        Assert.Contains("Words about talk 7.", (await Get(client, "/events/post-07")).Body);
    }

    [Fact]
    public async Task A_burst_of_files_becomes_one_snapshot()
    {
        Posts.Write("seed.md", SamplePosts.Minimal("Seed"));
        // The burst comes as fast as a program can make one: written beside the folder, then renamed into a
        // folder that exists from the start, 300 renames in a few milliseconds. Written in place one file at a
        // time, a pause of the writer (two cores, other test runs) can leave a quiet period in the middle of it.
        var burst = Directory.CreateDirectory(Path.Combine(Posts.Path, "burst"));
        var staging = Directory.CreateDirectory(Posts.Path + ".staging");
        try
        {
            for (var i = 0; i < 300; i++)
                File.WriteAllText(Path.Combine(staging.FullName, $"post-{i:D3}.md"), SamplePosts.Minimal($"Burst {i}"));
            var factory = App();
            var client = factory.CreateClient();
            var store = factory.Services.GetRequiredService<ContentStore>();
            await store.Loaded;
            // After the publish, start-up work goes on: the start-up cache is saved, and once the search index is
            // built the heap is compacted (a blocking collection). A burst during that work would test how a busy
            // or paused process receives file events, not the debounce.
            await Eventually.True(() => Task.FromResult(File.Exists(Posts.StartupCacheFile)), "the start-up cache is saved");
            await Eventually.True(() => Task.FromResult(factory.Logs.Entries.Any(e => e.Message.StartsWith("Start-up done", StringComparison.Ordinal))), "start-up is done");
            var before = store.Version;

            foreach (var file in staging.GetFiles())
                file.MoveTo(Path.Combine(burst.FullName, file.Name));

            await Eventually.True(() => Task.FromResult(store.Current.Count == 301), "all 300 new posts are loaded");
            await Task.Delay(500); // nothing more should come
            Assert.Equal(before + 1, store.Version);
            Assert.Contains(factory.Logs.Entries, e => e.Message.Contains("read 300 files"));
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_post_saved_broken_keeps_its_last_good_version_and_the_error_is_logged()
    {
        Posts.Write("talk.md", SamplePosts.Minimal("Good title", body: "Good body."));
        var factory = App();
        var client = factory.CreateClient();
        await Shows(client, "/events/talk", "Good body.");
        var store = factory.Services.GetRequiredService<ContentStore>();
        await Eventually.True(() => Task.FromResult(store.Current.FindPost("talk")!.IsBodyInFile), "the body is saved in the start-up cache, and read from there");

        Posts.Write("talk.md", "---\ntitle: [broken\ndate: 2020-01-01\n---\nBroken body.");
        await Eventually.True(() => Task.FromResult(factory.Logs.Warnings.Any(w => w.StartsWith("talk.md:2: error: YAML syntax error", StringComparison.Ordinal))), "the error is logged");
        Assert.Equal("Good body.", store.Current.FindPost("talk")!.Markdown.Trim()); // the file now holds the broken one
        Assert.True(store.Current.FindPost("talk")!.IsSummaryInFile);
        Assert.Equal("Good body.", store.Current.FindPost("talk")!.Summary);

        var (status, body) = await Get(client, "/events/talk");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Good body.", body);
        Assert.Contains(factory.Logs.Warnings, w => w.StartsWith("talk.md:1: warning: the last good version", StringComparison.Ordinal));

        Posts.Write("talk.md", SamplePosts.Minimal("Good title", body: "Fixed body."));
        await Shows(client, "/events/talk", "Fixed body.");
    }

    [Fact]
    public async Task A_slug_that_changes_hands_is_logged()
    {
        Posts.Write("b-talk.md", SamplePosts.Minimal("From b", extra: "slug: talk", body: "Served by b."));
        var factory = App();
        var client = factory.CreateClient();
        await Shows(client, "/events/talk", "Served by b.");

        // a-talk.md sorts first, so it takes the slug over.
        Posts.Write("a-talk.md", SamplePosts.Minimal("From a", extra: "slug: talk", body: "Served by a."));
        await Shows(client, "/events/talk", "Served by a.");
        await Eventually.True(() => Task.FromResult(factory.Logs.Warnings.Contains("/events/talk is now served by a-talk.md (was b-talk.md)")), "the change of hands is logged");
    }

    [Fact]
    public async Task A_half_written_file_does_not_leave_a_rejection_behind()
    {
        var factory = App();
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<ContentStore>();

        var path = Path.Combine(Posts.Path, "slow.md");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteAsync("---\ntitle: Slow writer\n");
            await writer.FlushAsync();
            await Eventually.True(() => Task.FromResult(store.Current.RejectedFiles.Contains("slow.md")), "the half-written file is seen");
            await writer.WriteAsync("date: 2020-01-01\n---\n\nThe whole text.\n");
        }

        await Shows(client, "/events/slow", "The whole text.");
        Assert.Empty(store.Current.RejectedFiles);
    }

    [Fact]
    public async Task Only_the_changed_post_is_rendered_again_for_the_video_listing()
    {
        Posts.Write("a.md", SamplePosts.Minimal("A", body: "Alpha one.")).Write("b.md", SamplePosts.Minimal("B", body: "Beta."));
        var factory = App();
        var client = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<PostRenderCache>();
        await Shows(client, "/events/a", "Alpha one.");
        Assert.Null(cache.Peek("a.md")); // an event page is kept whole by the page cache, its rendering is not kept
        await client.GetStringAsync("/videos");
        var renderedA = cache.Peek("a.md");
        var renderedB = cache.Peek("b.md");

        Posts.Write("a.md", SamplePosts.Minimal("A", body: "Alpha two."));
        await Eventually.True(() => Task.FromResult(cache.Peek("a.md") is null), "the changed post's rendering is evicted");
        await Shows(client, "/events/a", "Alpha two.");
        await client.GetStringAsync("/videos");

        Assert.NotNull(renderedA);
        Assert.NotNull(renderedB);
        Assert.NotSame(renderedA, cache.Peek("a.md"));
        Assert.Contains("Alpha two.", cache.Peek("a.md")!.BodyHtml);
        Assert.Same(renderedB, cache.Peek("b.md"));
    }

    [Fact]
    public async Task Posts_appear_and_expire_at_their_instants_with_no_file_change()
    {
        Posts.Write("soon.md", SamplePosts.Minimal("Soon", extra: "publishDate: 2024-06-15T13:00:00Z"))
            .Write("brief.md", SamplePosts.Minimal("Brief", extra: "expiryDate: 2024-06-15T14:00:00Z"));
        var factory = App();
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await Get(client, "/events/soon")).Status);
        Assert.Contains("Brief", (await Get(client, "/")).Body);

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await Shows(client, "/events/soon", "Soon");
        await Shows(client, "/", "Soon");

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await Gone(client, "/events/brief");
        Assert.DoesNotContain("Brief", (await Get(client, "/")).Body);
    }

    [Fact]
    public async Task An_event_moves_from_upcoming_to_past_when_its_day_ends()
    {
        Posts.Write("today.md", SamplePosts.Minimal("Today's meetup", "2024-06-15"));
        var factory = App();
        var client = factory.CreateClient();
        Assert.Contains("Upcoming", (await Get(client, "/events/today")).Body);

        factory.Clock.Advance(TimeSpan.FromHours(12)); // 2024-06-16 00:00 UTC: the snapshot is rebuilt, cached pages evicted
        await Eventually.True(async () => !(await Get(client, "/events/today")).Body.Contains("Upcoming"), "the event page no longer says upcoming");
        await Eventually.True(async () => !(await Get(client, "/")).Body.Contains("Upcoming"), "the home page no longer says upcoming");
    }
}
