using System.Diagnostics;
using EventsBlog.Content;
using EventsBlog.Rendering;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace EventsBlog.Search;

/// <summary>One search hit: the post, and the matching text with the matches marked (HTML, already encoded).</summary>
public sealed record SearchHit(Post Post, string TitleHtml, string SnippetHtml);

/// <summary>The outcome of a query; <see cref="IsReady"/> is false while the first index is still being built.</summary>
public sealed record SearchResults(bool IsReady, IReadOnlyList<SearchHit> Hits, int TotalHits);

/// <summary>
/// Full-text search with Lucene.NET, in memory. Titles, speakers, talk titles, tags and categories, summaries
/// and bodies are indexed with the CJK analyzer (bigrams for Chinese, Japanese and Korean, words for the rest);
/// title and speaker matches weigh more than body matches. The index follows the live content: after each
/// new snapshot only the posts that changed are indexed again.
/// </summary>
public sealed class SearchIndex : BackgroundService
{
    public const int MaxQueryLength = 200;

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] Fields = ["title", "speakers", "talks", "tags", "summary", "body"];
    private static readonly Dictionary<string, float> Boosts = new()
    {
        ["title"] = 6f, ["speakers"] = 5f, ["talks"] = 3f, ["tags"] = 2f, ["summary"] = 1.5f, ["body"] = 1f,
    };

    private readonly ContentStore _store;
    private readonly FirstAnswer? _firstAnswer;
    private readonly ILogger<SearchIndex> _logger;
    private readonly TaskCompletionSource _firstBuild = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="firstAnswer">When given, the first index is built once the site has answered (<see cref="FirstAnswer"/>).</param>
    public SearchIndex(ContentStore store, ILogger<SearchIndex> logger, FirstAnswer? firstAnswer = null)
    {
        _store = store;
        _firstAnswer = firstAnswer;
        _logger = logger;
    }

    /// <summary>
    /// Lucene's parts, made when the first index is built, not with the service: making them loads and sets up
    /// much of Lucene, CPU that would otherwise be taken from the load of the posts at first start.
    /// </summary>
    private sealed class Engine : IDisposable
    {
        public Analyzer Analyzer { get; } = new CJKAnalyzer(Version);
        public RAMDirectory Directory { get; } = new();
        public IndexWriter Writer { get; }
        public SearcherManager Searchers { get; }

        public Engine()
        {
            Writer = new IndexWriter(Directory, new IndexWriterConfig(Version, Analyzer) { OpenMode = OpenMode.CREATE });
            Searchers = new SearcherManager(Writer, applyAllDeletes: true, searcherFactory: null);
        }

        public void Dispose()
        {
            Searchers.Dispose();
            Writer.Dispose();
            Directory.Dispose();
            Analyzer.Dispose();
        }
    }

    /// <summary>Set before the first build completes (<see cref="IsReady"/>), by the one task that builds.</summary>
    private Engine? _engine;

    public bool IsReady => _firstBuild.Task.IsCompleted;

    /// <summary>Completes when the first index has been built.</summary>
    public Task FirstBuild => _firstBuild.Task;

    /// <summary>Characters of body text around the matches shown with each hit.</summary>
    private const int SnippetLength = 180;

    private static readonly ISet<string> SlugOnly = new HashSet<string> { "slug" };

    public SearchResults Search(string text, int maxHits = 10)
    {
        if (!IsReady)
            return new SearchResults(false, [], 0);
        var engine = _engine!;
        var query = Parse(engine.Analyzer, text);
        if (query is null)
            return new SearchResults(true, [], 0);

        var searcher = engine.Searchers.Acquire();
        try
        {
            var top = searcher.Search(query, maxHits);
            var index = _store.Current;
            var titles = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new CharacterKeepingEncoder(), new QueryScorer(query)) { TextFragmenter = new NullFragmenter() };
            var bodyScorer = new QueryScorer(query, "body");
            var bodies = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new CharacterKeepingEncoder(), bodyScorer) { TextFragmenter = new SimpleSpanFragmenter(bodyScorer, SnippetLength) };
            var hits = new List<SearchHit>();
            foreach (var scoreDoc in top.ScoreDocs)
            {
                if (index.FindPost(searcher.Doc(scoreDoc.Doc, SlugOnly).Get("slug")) is not { } post)
                    continue;
                var title = titles.GetBestFragment(engine.Analyzer, "title", post.Title) ?? Html.Encode(post.Title);
                // Bodies are neither stored nor kept as term vectors (memory): the few shown are analysed again.
                var snippet = bodies.GetBestFragment(engine.Analyzer, "body", PlainText(post));
                hits.Add(new SearchHit(post, Joined(title), Joined(snippet ?? Html.Encode(post.Summary))));
            }

            return new SearchResults(true, hits, top.TotalHits);
        }
        finally
        {
            engine.Searchers.Release(searcher);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the startup path: the site answers while the first index is built.
        await Task.Yield();
        if (_firstAnswer is not null)
            await _firstAnswer.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (stoppingToken.IsCancellationRequested)
            return;
        _engine = new Engine();
        var indexed = new Dictionary<string, Post>(StringComparer.Ordinal);
        ContentIndex? synced = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = _store.NextPublish;
                var current = _store.Current;
                if (current.IsLoaded)
                {
                    try
                    {
                        Sync(indexed, current, synced is null ? null : current.ChangesSince(synced));
                        synced = current;
                        _firstBuild.TrySetResult();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        synced = null; // compare everything next time
                        _logger.LogError(ex, "Updating the search index failed; searches use the previous index");
                    }
                }

                await next.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override void Dispose()
    {
        _engine?.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Indexes what is new or changed since the last snapshot and drops what is gone: only the files of
    /// <paramref name="changes"/> when the snapshot was made from the last one in place, else every post.
    /// </summary>
    private void Sync(Dictionary<string, Post> indexed, ContentIndex index, IReadOnlyList<FileChange>? changes)
    {
        var started = Stopwatch.GetTimestamp();
        var engine = _engine!;
        // Link posts have no page, and are not searched.
        IEnumerable<(string Path, Post? Post)> wanted = changes is null
            ? index.NewestFirst.Where(p => !p.IsLinkPost).Select(p => (p.RelativePath, (Post?)p))
            : changes.Select(c => (c.RelativePath, c.After?.Post is { } post && ReferenceEquals(index.FindPost(post.Slug), post) ? post : null));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = 0;
        foreach (var (path, post) in wanted)
        {
            seen.Add(path);
            if (post is null)
            {
                if (indexed.Remove(path))
                {
                    engine.Writer.DeleteDocuments(new Term("id", path));
                    changed++;
                }

                continue;
            }

            if (indexed.TryGetValue(path, out var known) && ReferenceEquals(known, post))
                continue;
            engine.Writer.UpdateDocument(new Term("id", path), ToDocument(post));
            indexed[path] = post;
            changed++;
        }

        foreach (var gone in changes is null ? indexed.Keys.Where(path => !seen.Contains(path)).ToArray() : [])
        {
            engine.Writer.DeleteDocuments(new Term("id", gone));
            indexed.Remove(gone);
            changed++;
        }

        if (changed == 0)
            return;
        engine.Searchers.MaybeRefreshBlocking();
        _logger.LogInformation("Search index updated: {Changed} posts indexed or removed, {Total} in the index ({Megabytes:0.0} MB), in {Elapsed} ms",
            changed, indexed.Count, engine.Directory.GetSizeInBytes() / 1048576.0, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Words without their positions: queries never need them (the visitor's quotes are escaped, and the parser
    /// makes no phrase queries by itself). With the path no longer stored, the index of 10,000 posts went from
    /// 6.1 to 2.6 MB.
    /// </summary>
    private static readonly FieldType Words = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    private static Document ToDocument(Post post)
    {
        var talks = post.Talks;
        return
        [
            // The path only finds the document again to replace or delete it; the slug finds the post of a hit.
            new StringField("id", post.RelativePath, Field.Store.NO),
            new StringField("slug", post.Slug, Field.Store.YES),
            new Field("title", post.Title, Words),
            new Field("speakers", string.Join("\n", post.AllSpeakers(talks)), Words),
            new Field("talks", string.Join("\n", talks.Select(t => t.Title)), Words),
            new Field("tags", string.Join("\n", post.Tags.Concat(post.Categories).Select(t => t.Name)), Words),
            new Field("summary", post.Summary, Words),
            new Field("body", PlainText(post), Words),
        ];
    }

    private static string PlainText(Post post)
    {
        try
        {
            return Markdig.Markdown.ToPlainText(post.Markdown, MarkdownRenderer.Pipeline);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return post.Markdown; // Markdig refuses it (nesting too deep): the raw text is still searchable
        }
    }

    /// <summary>Neighbouring marks (CJK text is indexed in overlapping pairs) become one.</summary>
    private static string Joined(string html) => html.Replace("</mark><mark>", "", StringComparison.Ordinal);

    /// <summary>The visitor's words as a query: every word must match somewhere; operators are taken literally.</summary>
    private static Query? Parse(Analyzer analyzer, string text)
    {
        var escaped = QueryParserBase.Escape(text.Trim());
        if (escaped.Length == 0)
            return null;
        var parser = new MultiFieldQueryParser(Version, Fields, analyzer, Boosts) { DefaultOperator = Operator.AND };
        try
        {
            return parser.Parse(escaped);
        }
        catch (ParseException)
        {
            return null;
        }
    }
}

/// <summary>Escapes only what HTML needs: Lucene's own encoder turns every non-ASCII character into an entity.</summary>
internal sealed class CharacterKeepingEncoder : IEncoder
{
    public string EncodeText(string originalText) => Html.Encode(originalText);
}
