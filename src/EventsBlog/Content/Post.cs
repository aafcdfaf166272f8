using EventsBlog.Rendering;

namespace EventsBlog.Content;

/// <summary>A category or tag: its name as written and its URL slug.</summary>
public sealed record Taxon(string Name, string Slug);

/// <summary>One post as the site serves it: validated front matter plus the raw Markdown body.</summary>
public sealed record Post
{
    /// <summary>Path relative to the posts folder, with '/' separators.</summary>
    public required string RelativePath { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }

    /// <summary>The calendar day as written in the post, whatever its offset.</summary>
    public required DateOnly Date { get; init; }

    public IReadOnlyList<Taxon> Categories { get; init; } = [];
    public IReadOnlyList<Taxon> Tags { get; init; } = [];
    public IReadOnlyList<string> Authors { get; init; } = [];

    private readonly PackedText _summary = PackedText.Empty;

    /// <summary>Front-matter summary, else the first paragraph as plain text.</summary>
    /// <remarks>
    /// Read only to make a page, a feed or the search index: held as UTF-8 (half the size of a string), then, like
    /// the body, read from the start-up cache file once saved there (1.9 MB less of the heap at 10,000 posts).
    /// </remarks>
    public string Summary { get => _summary.Unpack(); init => _summary = PackedText.Hold(value); }

    /// <summary>The summary as held, for the start-up cache (set after <see cref="Summary"/>).</summary>
    internal PackedText PackedSummary { get => _summary; init => _summary = value; }
    public string? Thumbnail { get; init; }

    /// <summary>The page's <c>&lt;html lang&gt;</c>; null means the site's language.</summary>
    public string? Language { get; init; }

    /// <summary>The event's own website.</summary>
    public string? EventLink { get; init; }

    /// <summary>Set for a link post: it is listed but links out and has no page of its own.</summary>
    public Uri? ExternalUrl { get; init; }

    /// <summary>Old site paths (Hugo <c>aliases</c>, a site-relative <c>url</c>) that redirect here.</summary>
    public IReadOnlyList<string> OldPaths { get; init; } = [];

    public bool IsDraft { get; init; }

    /// <summary>Hugo's <c>publishDate</c>: the post is hidden before this instant.</summary>
    public DateTimeOffset? PublishAt { get; init; }

    /// <summary>Hugo's <c>expiryDate</c>: the post is hidden from this instant on.</summary>
    public DateTimeOffset? ExpireAt { get; init; }

    /// <summary>When and where, from the front-matter <c>event</c> block; null for a plain all-day post.</summary>
    public EventInfo? Event { get; init; }

    /// <summary>The instant the event stops being upcoming: its <c>end</c>, else the end of its date in <c>Blog:TimeZone</c>.</summary>
    public DateTimeOffset UpcomingUntil { get; init; }

    private readonly IReadOnlyList<Talk>? _talks = [];
    private readonly Func<string, string>? _shareSpeakerName;

    /// <summary>
    /// The talks of the page (its <c>## Title - Speakers</c> sections), found without rendering: unless given,
    /// found in the body each time they are asked for. Only the search index and the speaker pages ask, once per
    /// version of a post; held, they were about 10 MB of the heap at 10,000 posts.
    /// </summary>
    public IReadOnlyList<Talk> Talks { get => _talks ?? TalkHeadings.Extract(Markdown, _shareSpeakerName); init => _talks = value; }

    /// <summary>Set by the parser instead of <see cref="Talks"/>: each speaker's name of a talk found is given by this function (<see cref="SharedNames"/>).</summary>
    internal Func<string, string> TalksFoundWhenAsked
    {
        init
        {
            _talks = null;
            _shareSpeakerName = value;
        }
    }

    /// <summary>Speakers named in front matter (<c>speakers</c>, <c>speaker</c>, <c>presenters</c>).</summary>
    public IReadOnlyList<string> Speakers { get; init; } = [];

    /// <summary>Everyone who speaks at the event: front-matter speakers, then those of <paramref name="talks"/> (its <see cref="Talks"/>, found once by the caller).</summary>
    public IEnumerable<string> AllSpeakers(IReadOnlyList<Talk> talks) => Speakers.Concat(talks.SelectMany(t => t.Speakers)).DistinctBy(Slugs.From);

    private readonly PackedText _markdown = PackedText.Empty;

    /// <summary>The Markdown body; held as UTF-8, compressed by <see cref="CompressBody"/>, then read from the start-up cache once saved there (<see cref="PackedText"/>).</summary>
    public required string Markdown { get => _markdown.Unpack(); init => _markdown = PackedText.Hold(value); }

    /// <summary>The body as held, for the start-up cache, which saves and restores it without unpacking it (set after <see cref="Markdown"/>).</summary>
    internal PackedText PackedMarkdown { get => _markdown; init => _markdown = value; }

    /// <summary>Holds the body compressed from now on; what <see cref="Markdown"/> reads does not change.</summary>
    public void CompressBody() => _markdown.Compress();

    internal bool IsBodyCompressed => _markdown.IsCompressed;

    /// <summary>Read from the start-up cache file when asked for, not held (<see cref="PackedText.KeepIn"/>).</summary>
    internal bool IsBodyInFile => _markdown.IsInFile;

    internal bool IsSummaryInFile => _summary.IsInFile;

    /// <summary>Line of the file on which <see cref="Markdown"/> starts, for messages about the body.</summary>
    public int BodyLine { get; init; } = 1;

    /// <summary>Line of the front-matter key that set the slug (or 1), for duplicate-slug messages.</summary>
    public int SlugLine { get; init; } = 1;

    public bool IsLinkPost => ExternalUrl is not null;

    public bool IsUpcomingAt(DateTimeOffset now) => now < UpcomingUntil;

    public bool IsVisibleAt(DateTimeOffset now) => (PublishAt is not { } publish || publish <= now) && (ExpireAt is not { } expire || now < expire);
}
