using System.Net;
using System.Reflection;
using System.Text.Json;
using EventsBlog.Content;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Content;

/// <summary>Parsed posts saved between runs: the same posts come back, and only for files that did not change.</summary>
public sealed class StartupCacheTests : AppTest
{
    /// <summary>Sets every property of <see cref="Post"/> that front matter can set, and a warning.</summary>
    private const string EverythingPost = """
        ---
        title: "Cloud Summit: C++ & Rust"
        date: 2024-05-20
        slug: cloud-summit
        categories: [events, Summits]
        tags: [cloud, 云原生]
        authors: [Ann Editor]
        summary: The summit of the year.
        thumbnail: cover.png
        lang: de
        link: https://summit.example.org/
        aliases: [/old/cloud-summit/]
        draft: true
        publishDate: 2024-01-01T09:00:00+02:00
        expiryDate: 2030-01-01T00:00:00Z
        speakers: [Zoe Keynote]
        unknown: [ignored]
        event:
          start: 2024-05-20T09:00:00
          end: 2024-05-20T17:30:00
          timezone: Europe/Berlin
          location: Berlin, Messe
          online: true
          register: https://summit.example.org/register
          stream: https://www.youtube.com/watch?v=abc
        ---

        Intro paragraph.

        ## Opening - Ann Speaker, Bob Speaker

        Words, ünïcödé and 中文.
        """;

    private const string LinkPost = """
        ---
        title: Elsewhere
        date: 2023-01-02
        url: https://elsewhere.example.org/post
        ---

        Read it there.
        """;

    private static IOptions<BlogOptions> Settings(string postsPath, string cacheFile, string timeZone = "UTC") =>
        Options.Create(new BlogOptions { PostsPath = postsPath, StartupCachePath = cacheFile, TimeZone = timeZone });

    private static StartupCache Cache(IOptions<BlogOptions> settings, CapturedLogs? logs = null) =>
        new(settings, LoggerFactory.Create(logging => logging.AddProvider(logs ?? new CapturedLogs())).CreateLogger<StartupCache>());

    private (PostLoader Loader, IReadOnlyDictionary<string, FileStamp> Scan, PostCatalog Catalog) Parsed(IOptions<BlogOptions> settings)
    {
        var loader = new PostLoader(new PostParser(settings, new MediaFiles(settings)), settings);
        var scan = loader.Scan();
        var catalog = PostCatalog.Empty.Update(scan, loader.Parse, out _, out _);
        foreach (var entry in catalog.Entries.Values)
            entry.Latest.Post?.CompressBody();
        return (loader, scan, catalog);
    }

    private static string Json(PostParseResult result) => JsonSerializer.Serialize(result);

    /// <summary>What a start would take from the cache: the saved parses of the files <paramref name="scan"/> says did not change.</summary>
    private static Dictionary<string, PostParseResult> Matching(SavedPosts saved, IReadOnlyDictionary<string, FileStamp> scan) =>
        scan.Where(file => saved.For(file.Key, file.Value) is not null).ToDictionary(file => file.Key, file => saved.For(file.Key, file.Value)!);

    private string CacheFile => Posts.StartupCacheFile;

    private void WriteCorpus()
    {
        var samples = Path.Combine(RepositoryRoot(), "Posts");
        foreach (var file in Directory.GetFiles(samples))
            Posts.WriteBytes(Path.GetFileName(file), File.ReadAllBytes(file));
        Posts.Write("everything.md", EverythingPost)
            .Write("link.md", LinkPost)
            .Write("summit.md", SamplePosts.Summit.Replace("\n", "\r\n"))
            .Write("warned.md", SamplePosts.Minimal("Warned", extra: "link: ftp://example.org/"))
            .Write("broken.md", "---\ntitle: [unclosed\n---\nBody.")
            .WriteBytes("cover.png", SamplePosts.Png)
            .WriteBytes("pictures/far.png", SamplePosts.Png)
            .Write("far-picture.md", SamplePosts.Minimal("Far picture", extra: "thumbnail: pictures/far.png"))
            .Write("outside-picture.md", SamplePosts.Minimal("Outside picture", extra: "thumbnail: ../../outside.png"));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "EventsBlog.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("EventsBlog.sln not found above the test assembly");
    }

    [Fact]
    public void Saved_posts_come_back_equal_to_a_fresh_parse()
    {
        WriteCorpus();
        var settings = Settings(Posts.Path, CacheFile);
        var (_, scan, catalog) = Parsed(settings);
        Cache(settings).Save(catalog);

        var saved = Cache(settings).Load();
        var loaded = Matching(saved, scan);

        var parsed = catalog.Entries.Where(e => StartupCache.IsSaved(e.Value.Latest)).ToDictionary(e => e.Key, e => e.Value.Latest);
        Assert.Equal(parsed.Count, saved.Count);
        Assert.Equal(parsed.Keys.Order(), loaded.Keys.Order());
        foreach (var (path, result) in parsed)
        {
            Assert.Equal(Json(result), Json(loaded[path]));
            Assert.True(loaded[path].Post!.IsBodyCompressed == result.Post!.IsBodyCompressed, $"{path}: the body comes back as it was held");
        }

        // A rejected file is never saved: it is parsed (and reported) at every start. Nor is a post that looked
        // for a picture outside the posts folder, which nothing follows.
        Assert.DoesNotContain("broken.md", loaded.Keys);
        Assert.NotNull(catalog.Entries["outside-picture.md"].Latest.Post);
        Assert.DoesNotContain("outside-picture.md", loaded.Keys);
        Assert.StartsWith("/media/cover.png?v=", loaded["everything.md"].Post!.Thumbnail);
        Assert.StartsWith("/media/pictures/far.png?v=", loaded["far-picture.md"].Post!.Thumbnail);
        Assert.NotEmpty(loaded["warned.md"].Diagnostics);
    }

    [Fact]
    public void Saved_bodies_and_summaries_are_read_from_the_file_they_were_saved_in_not_held()
    {
        WriteCorpus();
        var settings = Settings(Posts.Path, CacheFile);
        var (_, scan, catalog) = Parsed(settings);
        var posts = catalog.Entries.Values.Select(entry => entry.Latest.Post).OfType<Post>().ToArray();
        var bodies = posts.ToDictionary(post => post.RelativePath, post => post.Markdown);
        var summaries = posts.ToDictionary(post => post.RelativePath, post => post.Summary);
        Assert.Contains(summaries.Values, summary => summary.Length > 20);

        Cache(settings).Save(catalog);
        var restarted = Matching(Cache(settings).Load(), scan).Values.Select(result => result.Post!).ToArray();
        // Replaced under its name (the next save, another replica), then gone: both read the file they were saved in.
        File.WriteAllBytes(CacheFile + ".other", new byte[64]);
        File.Move(CacheFile + ".other", CacheFile, overwrite: true);
        File.Delete(CacheFile);

        Assert.False(catalog.Entries["outside-picture.md"].Latest.Post!.IsBodyInFile, "a post that is not saved keeps its body");
        Assert.False(catalog.Entries["outside-picture.md"].Latest.Post!.IsSummaryInFile, "a post that is not saved keeps its summary");
        var saved = posts.Where(post => post.RelativePath != "outside-picture.md").ToArray();
        Assert.True(saved.Length > 5);
        Assert.Equal(saved.Length, restarted.Length);
        foreach (var post in saved.Concat(restarted))
        {
            Assert.True(post.IsBodyInFile, $"{post.RelativePath}: the body is read from the file");
            Assert.Equal(bodies[post.RelativePath], post.Markdown);
            Assert.True(post.IsSummaryInFile, $"{post.RelativePath}: the summary is read from the file");
            Assert.Equal(summaries[post.RelativePath], post.Summary);
        }
    }

    [Fact]
    public void Every_property_of_a_post_is_saved()
    {
        WriteCorpus();
        var settings = Settings(Posts.Path, CacheFile);
        var (_, scan, catalog) = Parsed(settings);
        Cache(settings).Save(catalog);
        var loaded = Matching(Cache(settings).Load(), scan).Values.Select(r => r.Post!).ToArray();

        // If a property is added to Post, the corpus must set it and the cache must save it.
        var properties = typeof(Post).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null);
        foreach (var property in properties)
        {
            var setSomewhere = loaded.Any(post => property.GetValue(post) switch
            {
                null => false,
                string text => text.Length > 0,
                System.Collections.ICollection list => list.Count > 0,
                var reference when !property.PropertyType.IsValueType => reference is not null,
                bool flag => flag,
                int number => number > 1,
                var value => !value.Equals(Activator.CreateInstance(property.PropertyType)),
            });
            Assert.True(setSomewhere, $"no post read back from the cache has {property.Name} set");
        }
    }

    [Fact]
    public void A_file_changed_since_the_save_is_not_taken_from_the_cache()
    {
        Posts.Write("kept.md", SamplePosts.Minimal("Kept")).Write("edited.md", SamplePosts.Minimal("Before")).Write("pictured/post.md", SamplePosts.Minimal("Pictured"))
            .WriteBytes("pictures/far.png", SamplePosts.Png).Write("far-picture.md", SamplePosts.Minimal("Far", extra: "thumbnail: pictures/far.png"))
            .Write("awaited-picture.md", SamplePosts.Minimal("Awaited", extra: "thumbnail: later/cover.png"));
        var settings = Settings(Posts.Path, CacheFile);
        var (loader, _, catalog) = Parsed(settings);
        Cache(settings).Save(catalog);

        Posts.Write("edited.md", SamplePosts.Minimal("After, longer"));
        Posts.Write("new.md", SamplePosts.Minimal("New"));
        var saved = Cache(settings).Load();
        var loaded = Matching(saved, loader.Scan());

        Assert.Equal(5, saved.Count);
        Assert.Equal(["awaited-picture.md", "far-picture.md", "kept.md", "pictured/post.md"], loaded.Keys.Order());

        // The same length, written later; a picture put beside a post; a picture referred to replaced; a
        // missing picture that appears.
        Posts.Write("kept.md", SamplePosts.Minimal("Kapt"));
        File.SetLastWriteTimeUtc(Path.Combine(Posts.Path, "kept.md"), DateTime.UtcNow.AddMinutes(1));
        Posts.WriteBytes("pictured/cover.png", SamplePosts.Png);
        Posts.WriteBytes("pictures/far.png", [.. SamplePosts.Png, 0]);
        Posts.WriteBytes("later/cover.png", SamplePosts.Png);
        Assert.Empty(Matching(Cache(settings).Load(), loader.Scan()));
    }

    [Fact]
    public void A_cache_saved_with_other_settings_is_not_used()
    {
        Posts.Write("post.md", SamplePosts.Minimal("Post"));
        var (_, scan, catalog) = Parsed(Settings(Posts.Path, CacheFile, timeZone: "UTC"));
        Cache(Settings(Posts.Path, CacheFile, timeZone: "UTC")).Save(catalog);
        var logs = new CapturedLogs();

        var loaded = Matching(Cache(Settings(Posts.Path, CacheFile, timeZone: "Europe/Berlin"), logs).Load(), scan);

        Assert.Empty(loaded);
        Assert.Contains(logs.Entries, e => e.Message.Contains("another build or other settings"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("flipped")]
    public void A_damaged_cache_is_reported_and_nothing_damaged_is_used(string damage)
    {
        for (var i = 0; i < 20; i++)
            Posts.Write($"post-{i}.md", SamplePosts.Minimal($"Post {i}", body: string.Concat(Enumerable.Repeat("Words about the talk. ", 40))));
        var settings = Settings(Posts.Path, CacheFile);
        var (_, scan, catalog) = Parsed(settings);
        Cache(settings).Save(catalog);
        var bytes = File.ReadAllBytes(CacheFile);
        // The header (the build and the settings) is well inside the first third.
        var entries = bytes.Length / 3;
        switch (damage)
        {
            case "truncated":
                bytes = bytes[..(bytes.Length * 2 / 3)];
                break;
            case "garbage":
                new Random(7).NextBytes(bytes.AsSpan(entries));
                break;
            default:
                // Lengths and counts turned huge or negative.
                for (var i = entries; i < bytes.Length; i += 97)
                    bytes[i] = 0xFF;
                break;
        }

        File.WriteAllBytes(CacheFile, bytes);
        var logs = new CapturedLogs();

        var loaded = Matching(Cache(settings, logs).Load(), scan);

        // What is left is either nothing or entries whose checksum held: each equal to a fresh parse.
        Assert.True(loaded.Count < 20, $"{loaded.Count} of 20 entries loaded from a damaged file");
        foreach (var (path, result) in loaded)
            Assert.Equal(Json(catalog.Entries[path].Latest), Json(result));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(CacheFile)
            && (e.Message.Contains("could not be read") || e.Message.Contains("are damaged")));
    }

    [Fact]
    public void A_damaged_entry_costs_one_parse()
    {
        for (var i = 0; i < 5; i++)
            Posts.Write($"post-{i}.md", SamplePosts.Minimal($"Post {i}"));
        var settings = Settings(Posts.Path, CacheFile);
        var (_, scan, catalog) = Parsed(settings);
        Cache(settings).Save(catalog);
        var bytes = File.ReadAllBytes(CacheFile);
        bytes[^10] ^= 0x20; // inside the last entry
        File.WriteAllBytes(CacheFile, bytes);
        var logs = new CapturedLogs();

        var saved = Cache(settings, logs).Load();
        var loaded = Matching(saved, scan);

        Assert.Equal(4, saved.Count);
        Assert.Equal(4, loaded.Count);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("1 entries of the start-up cache"));
    }

    [Fact]
    public async Task A_restart_reads_only_the_files_changed_while_the_site_was_down()
    {
        Posts.Write("kept.md", SamplePosts.Minimal("Kept", body: "Kept body."))
            .Write("edited.md", SamplePosts.Minimal("Edited", body: "Before the restart."))
            .Write("gone.md", SamplePosts.Minimal("Gone"));
        var first = App();
        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/events/kept")).StatusCode);
        await first.DisposeAsync();
        Assert.True(File.Exists(CacheFile));

        Posts.Write("edited.md", SamplePosts.Minimal("Edited", body: "After the restart, edited while the site was down."));
        File.Delete(Path.Combine(Posts.Path, "gone.md"));
        var second = App();
        var client = second.CreateClient();

        Assert.Contains("After the restart", await client.GetStringAsync("/events/edited"));
        Assert.Contains("Kept body.", await client.GetStringAsync("/events/kept"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events/gone")).StatusCode);
        Assert.Contains(second.Logs.Entries, e => e.Message.Contains("Loaded 2 posts") && e.Message.Contains("read 1 files and 1 from the start-up cache"));
    }

    [Fact]
    public void A_stamp_is_the_same_in_every_process()
    {
        // Stamps are compared across restarts: nothing in them may depend on the process (HashCode is seeded per process).
        Posts.Write("bundle/index.md", SamplePosts.Minimal("Bundle")).WriteBytes("bundle/cover.png", SamplePosts.Png).WriteBytes("bundle/img/a.png", SamplePosts.Png);
        var written = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        foreach (var file in Directory.GetFiles(Posts.Path, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, written);
        var settings = Settings(Posts.Path, CacheFile);

        var stamp = new PostLoader(new PostParser(settings), settings).Scan()["bundle/index.md"];

        Assert.Equal(-2491073535287430614, stamp.Media);
    }

    [Fact]
    public async Task Posts_changed_while_the_site_runs_are_saved_on_the_way_out()
    {
        Posts.Write("post.md", SamplePosts.Minimal("Post", body: "First version."));
        var first = App();
        var client = first.CreateClient();
        Assert.Contains("First version.", await client.GetStringAsync("/events/post"));
        Posts.Write("post.md", SamplePosts.Minimal("Post", body: "Second version, edited while the site ran."));
        await Eventually.True(async () => (await client.GetStringAsync("/events/post")).Contains("Second version"), "the edit is served");
        await first.DisposeAsync();

        var second = App();

        Assert.Contains("Second version", await second.CreateClient().GetStringAsync("/events/post"));
        Assert.Contains(second.Logs.Entries, e => e.Message.Contains("read 0 files and 1 from the start-up cache"));
    }

    [Fact]
    public async Task A_cache_that_cannot_be_written_costs_only_a_warning()
    {
        Posts.Write("post.md", SamplePosts.Minimal("Post", body: "Served anyway."));
        // A folder where the file should be: nothing can be written there.
        Directory.CreateDirectory(CacheFile);
        try
        {
            var app = App();
            Assert.Contains("Served anyway.", await app.CreateClient().GetStringAsync("/events/post"));
            await Eventually.True(() => Task.FromResult(app.Logs.Warnings.Any(w => w.Contains("could not be written"))), "a warning about the cache");
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(CacheFile)!, Path.GetFileName(CacheFile) + ".*.tmp"));
        }
        finally
        {
            Directory.Delete(CacheFile, recursive: true);
        }
    }
}
