using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using EventsBlog.Content;
using EventsBlog.Rendering;
using EventsBlog.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventsBlog.Benchmarks;

/// <summary>
/// The content path at 10,000 posts of ../shared/bench/gen_posts.py: parse one post, build the index,
/// apply one change to it, render one post (uncached), a search query, and loading all the posts at start:
/// from their files (a first start) or from the start-up cache (a restart).
/// </summary>
[MemoryDiagnoser]
public class ContentBenchmarks
{
    private const int PostCount = 10_000;
    private PostParser _parser = null!;
    private MarkdownRenderer _renderer = null!;
    private byte[] _onePost = null!;
    private Post _parsedPost = null!;
    private PostParseResult[] _parsed = null!;
    private ContentStore _store = null!;
    private SearchIndex _search = null!;
    private string _folder = null!;
    private ContentIndex _index = null!;
    private FileChange[] _change = null!;
    private DateTimeOffset _now;
    private PostLoader _loader = null!;
    private IReadOnlyDictionary<string, FileStamp> _scan = null!;
    private StartupCache _startupCache = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "eventsblog-bench-posts");
        if (!Directory.Exists(_folder) || Directory.GetFiles(_folder).Length != PostCount)
            Generate(_folder);

        var options = Options.Create(new BlogOptions { PostsPath = _folder, Embeds = new EmbedOptions { AllowedHosts = EmbedOptions.DefaultAllowedHosts } });
        _parser = new PostParser(options);
        var services = new ServiceCollection();
        services.AddSingleton<IOptions<BlogOptions>>(options);
        services.AddSingleton<MediaFiles>();
        services.AddEventsRendering();
        _renderer = services.BuildServiceProvider().GetRequiredService<MarkdownRenderer>();

        var files = Directory.GetFiles(_folder).Order(StringComparer.Ordinal).ToArray();
        _onePost = File.ReadAllBytes(files[PostCount / 2]);
        _parsedPost = _parser.Parse("one.md", _onePost).Post!;
        _parsed = files.AsParallel().Select(f => _parser.Parse(Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();
        // As the site holds them once a load is published: renders and searches unpack the bodies.
        _parsedPost.CompressBody();
        foreach (var result in _parsed)
            result.Post?.CompressBody();

        _now = DateTimeOffset.UtcNow;
        _index = ContentIndex.Build(_parsed, showDrafts: false, _now);
        var edited = _parsed[PostCount / 2];
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(_folder, edited.Post!.RelativePath))).Replace("title: ", "title: Edited ", StringComparison.Ordinal);
        _change = [new FileChange(edited.Post.RelativePath, edited, _parser.Parse(edited.Post.RelativePath, Encoding.UTF8.GetBytes(text)))];
        if (_index.TryApply(_change, showDrafts: false, _now) is null)
            throw new InvalidOperationException("the edit is not applied in place");

        _loader = new PostLoader(_parser, options);
        _scan = _loader.Scan();
        var cacheOptions = Options.Create(new BlogOptions { PostsPath = _folder, StartupCachePath = Path.Combine(Path.GetTempPath(), "eventsblog-bench-startup.bin") });
        _startupCache = new StartupCache(cacheOptions, NullLogger<StartupCache>.Instance);
        var byPath = _parsed.ToDictionary(result => result.Post!.RelativePath);
        _startupCache.Save(PostCatalog.Empty.Update(_scan, path => byPath[path], out _, out _));
        var saved = _startupCache.Load();
        if (_scan.Count(file => saved.For(file.Key, file.Value) is not null) != PostCount)
            throw new InvalidOperationException("the start-up cache does not hold every post");

        _store = new ContentStore();
        _search = new SearchIndex(_store, NullLogger<SearchIndex>.Instance);
        _search.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _store.Publish(ContentIndex.Build(_parsed, showDrafts: false, DateTimeOffset.UtcNow));
        var ready = Stopwatch.StartNew();
        while (!_search.IsReady && ready.Elapsed < TimeSpan.FromMinutes(2))
            Thread.Sleep(50);
    }

    [GlobalCleanup]
    public void Cleanup() => _search.Dispose();

    [Benchmark(Description = "parse one post")]
    public Post? ParseOnePost() => _parser.Parse("one.md", _onePost).Post;

    [Benchmark(Description = "build the index of 10,000 posts")]
    public ContentIndex BuildIndex() => ContentIndex.Build(_parsed, showDrafts: false, DateTimeOffset.UtcNow);

    [Benchmark(Description = "build it with the speaker and tag groupings")]
    public ContentIndex BuildIndexAndGroupings()
    {
        var index = ContentIndex.Build(_parsed, showDrafts: false, DateTimeOffset.UtcNow);
        _ = index.Speakers();
        _ = index.Tags.Count();
        return index;
    }

    [Benchmark(Description = "apply one edited post to the index")]
    public ContentIndex? ApplyOneChange() => _index.TryApply(_change, showDrafts: false, _now);

    [Benchmark(Description = "render one post (uncached)")]
    public RenderedPost RenderOnePost() => _renderer.Render(_parsedPost);

    [Benchmark(Description = "search: a speaker's name")]
    public SearchResults SearchSpeaker() => _search.Search("Svoboda Jana");

    [Benchmark(Description = "search: a word in most posts")]
    public SearchResults SearchCommonWord() => _search.Search("kubernetes");

    [Benchmark(Description = "load 10,000 posts from their files (first start)")]
    public PostCatalog LoadFromFiles() => PostCatalog.Empty.Update(_scan, _loader.Parse, out _, out _);

    [Benchmark(Description = "load 10,000 posts from the start-up cache (restart)")]
    public PostCatalog LoadFromStartupCache()
        => PostCatalog.Empty.Update(_scan, _startupCache.Load().OrParse(_scan, _loader.Parse), out _, out _);

    private static void Generate(string folder)
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        var generator = FindGenerator();
        var process = Process.Start(new ProcessStartInfo("python3", [generator, PostCount.ToString(System.Globalization.CultureInfo.InvariantCulture), folder]) { RedirectStandardOutput = true })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{generator} failed");
    }

    /// <summary>../shared/bench/gen_posts.py beside the repository.</summary>
    private static string FindGenerator()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench", "gen_posts.py");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException("../shared/bench/gen_posts.py was not found beside the repository");
    }
}
