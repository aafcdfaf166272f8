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
        thumbnail: https://example.org/cover.png
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
        var loader = new PostLoader(new PostParser(settings), settings);
        var scan = loader.Scan();
        var catalog = PostCatalog.Empty.Update(scan, loader.Parse, out _, out _);
        foreach (var entry in catalog.Entries.Values)
            entry.Latest.Post?.CompressBody();
        return (loader, scan, catalog);
    }

    private static string Json(PostParseResult result) => JsonSerializer.Serialize(result);

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
            .Write("broken.md", "---\ntitle: [unclosed\n---\nBody.");
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
        var loaded = saved.Matching(scan);

        var parsed = catalog.Entries.Where(e => e.Value.Latest.Post is not null).ToDictionary(e => e.Key, e => e.Value.Latest);
        Assert.Equal(parsed.Count, saved.Count);
        Assert.Equal(parsed.Keys.Order(), loaded.Keys.Order());
        foreach (var (path, result) in parsed)
        {
            Assert.Equal(Json(result), Json(loaded[path]));
            Assert.True(loaded[path].Post!.IsBodyCompressed == result.Post!.IsBodyCompressed, $"{path}: the body comes back as it was held");
        }

        // A rejected file is never saved: it is parsed (and reported) at every start.
        Assert.DoesNotContain("broken.md", loaded.Keys);
        Assert.NotEmpty(loaded["warned.md"].Diagnostics);
    }

    [Fact]
    public void Every_property_of_a_post_is_saved()
    {
        WriteCorpus();
        var settings = Settings(Posts.Path, CacheFile);
        var (_, scan, catalog) = Parsed(settings);
        Cache(settings).Save(catalog);
        var loaded = Cache(settings).Load().Matching(scan).Values.Select(r => r.Post!).ToArray();

        // If a property is added to Post, the corpus must set it and the cache must save it.
        var properties = typeof(Post).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null);
        foreach (var property in properties)
        {
            var setSomewhere = loaded.Any(post => property.GetValue(post) switch
            {
                null => false,
                string text => text.Length > 0,
                var reference when !property.PropertyType.IsValueType => reference is not null,
                System.Collections.ICollection list => list.Count > 0,
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
        Posts.Write("kept.md", SamplePosts.Minimal("Kept")).Write("edited.md", SamplePosts.Minimal("Before"));
        var settings = Settings(Posts.Path, CacheFile);
        var (loader, _, catalog) = Parsed(settings);
        Cache(settings).Save(catalog);

        Posts.Write("edited.md", SamplePosts.Minimal("After, longer"));
        Posts.Write("new.md", SamplePosts.Minimal("New"));
        var saved = Cache(settings).Load();
        var loaded = saved.Matching(loader.Scan());

        Assert.Equal(2, saved.Count);
        Assert.Equal(["kept.md"], loaded.Keys);
    }

    [Fact]
    public void A_cache_saved_with_other_settings_is_not_used()
    {
        Posts.Write("post.md", SamplePosts.Minimal("Post"));
        var (_, scan, catalog) = Parsed(Settings(Posts.Path, CacheFile, timeZone: "UTC"));
        Cache(Settings(Posts.Path, CacheFile, timeZone: "UTC")).Save(catalog);
        var logs = new CapturedLogs();

        var loaded = Cache(Settings(Posts.Path, CacheFile, timeZone: "Europe/Berlin"), logs).Load().Matching(scan);

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

        var loaded = Cache(settings, logs).Load().Matching(scan);

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
        var loaded = saved.Matching(scan);

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
        }
        finally
        {
            Directory.Delete(CacheFile, recursive: true);
        }
    }
}
