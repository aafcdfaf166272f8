using Markdig.Syntax;
using System.Text.RegularExpressions;

namespace EventsBlog.Content;

/// <summary>Validates a decoded <see cref="FrontMatter"/> and maps it to a <see cref="Post"/>.</summary>
internal sealed partial class PostBuilder(
    PostParser.ParseContext context,
    IReadOnlyDictionary<string, int> keyLines,
    FrontMatter frontMatter,
    string body,
    int bodyLine,
    TimeZoneInfo zone,
    MediaFiles? media,
    SharedNames names)
{
    private const int SummaryMaxLength = 280;

    public Post? Build()
    {
        var title = frontMatter.Title?.Trim();
        if (string.IsNullOrEmpty(title))
            return context.Reject(LineOf("title"), keyLines.ContainsKey("title") ? "the title is empty" : "missing title: add 'title: ...' to the front matter");

        if (!TryGetDate(out var date))
            return null;

        var (slug, slugLine) = MakeSlug();
        if (slug.Length == 0)
            return context.Reject(slugLine, "no slug can be made from the file name or 'slug': use letters or digits");

        var (externalUrl, oldPaths) = ReadUrls();
        if (!TryGetInstant("publishDate", frontMatter.PublishDate, out var publishAt) || !TryGetInstant("expiryDate", frontMatter.ExpiryDate, out var expireAt))
            return null;
        var eventInfo = ReadEvent();
        var endOfDate = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue)));

        return new Post
        {
            RelativePath = context.RelativePath,
            Slug = slug,
            SlugLine = slugLine,
            Title = title,
            Date = date,
            Categories = Taxa("category", ReadCategories()),
            Tags = Taxa("tags", Texts(frontMatter.Tags, splitOn: ',')),
            Authors = Texts(frontMatter.Author).Concat(Texts(frontMatter.Authors)).Distinct(StringComparer.Ordinal).Select(names.Share).ToArray(),
            Summary = Joined(frontMatter.Summary) ?? Joined(frontMatter.Description) ?? FirstParagraph(body),
            Thumbnail = ReadThumbnail(),
            Language = One("lang", frontMatter.Lang),
            EventLink = ReadEventLink(),
            ExternalUrl = externalUrl,
            OldPaths = oldPaths,
            IsDraft = IsTrue(frontMatter.Draft),
            PublishAt = publishAt,
            ExpireAt = expireAt,
            Event = eventInfo,
            UpcomingUntil = eventInfo?.End ?? endOfDate,
            TalksFoundWhenAsked = names.Share,
            Speakers = Texts(frontMatter.Speakers).Concat(Texts(frontMatter.Speaker)).Concat(Texts(frontMatter.Presenters)).DistinctBy(Slugs.From).Select(names.Share).ToArray(),
            Markdown = body,
            BodyLine = bodyLine,
        };
    }

    private int LineOf(string key) => keyLines.TryGetValue(key, out var line) ? line : 1;

    private bool TryGetDate(out DateOnly date)
    {
        if (frontMatter.Date is { } written)
        {
            if (PostDate.TryParse(written, out date))
                return true;
            context.Reject(LineOf("date"), $"invalid date '{written}': write it as YYYY-MM-DD, optionally with a time and offset (2020-08-01 10:00:00+02:00)");
            return false;
        }

        if (PostDate.TryParseFileNamePrefix(Path.GetFileName(context.RelativePath), out date, out _))
            return true;
        context.Reject(1, "missing date: add 'date: YYYY-MM-DD' to the front matter or start the file name with YYYY-MM-DD-");
        return false;
    }

    /// <summary>An optional instant such as <c>publishDate</c>; without an offset it is taken in <c>Blog:TimeZone</c>.</summary>
    private bool TryGetInstant(string key, string? written, out DateTimeOffset? instant)
    {
        instant = null;
        if (NonEmpty(written) is not { } text)
            return true;
        if (PostDate.TryParseInstant(text, zone, out var parsed))
        {
            instant = parsed;
            return true;
        }

        context.Reject(LineOf(key), $"invalid {key} '{text}': write it as YYYY-MM-DD, optionally with a time and offset");
        return false;
    }

    private (string Slug, int Line) MakeSlug()
    {
        if (One("slug", frontMatter.Slug) is { } written)
            return (Slugs.From(written), LineOf("slug"));

        // A Hugo page bundle (folder/index.md) is named by its folder.
        var name = Path.GetFileNameWithoutExtension(context.RelativePath);
        if (name.Equals("index", StringComparison.OrdinalIgnoreCase) && Path.GetDirectoryName(context.RelativePath) is { Length: > 0 } folder)
            name = Path.GetFileName(folder);
        PostDate.TryParseFileNamePrefix(name, out _, out var withoutDate);
        return (Slugs.From(withoutDate), 1);
    }

    private IEnumerable<string> ReadCategories()
    {
        // 'category' is one name, as written ("talks & videos"); a list there is read as several.
        return Texts(frontMatter.Category).Concat(Texts(frontMatter.Categories, splitOn: ' '));
    }

    private Taxon[] Taxa(string key, IEnumerable<string> written)
    {
        var taxa = new List<Taxon>();
        foreach (var name in written)
        {
            var taxon = names.Taxon(name);
            if (taxon.Slug.Length == 0)
                context.Warn(LineOf(key), $"'{name}' in '{key}' has no letters or digits and is left out");
            else if (!taxa.Exists(t => t.Slug == taxon.Slug))
                taxa.Add(taxon);
        }

        return taxa.ToArray();
    }

    /// <summary>
    /// The <c>event</c> block. A mistake in it costs the times or links it names (with a warning), never
    /// the post: the post still has its date.
    /// </summary>
    private EventInfo? ReadEvent()
    {
        if (frontMatter.Event is null)
            return null;
        if (frontMatter.Event is not IDictionary<object, object> block)
        {
            context.Warn(LineOf("event"), "'event' must be a block such as 'event: { start: 2024-05-01 18:00, end: 2024-05-01 21:00, location: Berlin }'; it is ignored");
            return null;
        }

        var values = block.ToDictionary(kv => kv.Key.ToString() ?? "", kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var eventZone = zone;
        if (Texts(values.GetValueOrDefault("timezone")).FirstOrDefault() is { } zoneName)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var found))
                eventZone = found;
            else
                context.Warn(LineOf("event"), $"event timezone '{zoneName}' is not a known IANA time zone; Blog:TimeZone is used");
        }

        DateTimeOffset? Instant(string key)
        {
            if (Texts(values.GetValueOrDefault(key)).FirstOrDefault() is not { } text)
                return null;
            if (PostDate.TryParseInstant(text, eventZone, out var instant))
                return instant;
            context.Warn(LineOf("event"), $"event {key} '{text}' is not a date and time such as 2024-05-01 18:00; it is ignored");
            return null;
        }

        Uri? Link(string key)
        {
            if (Texts(values.GetValueOrDefault(key)).FirstOrDefault() is not { } text)
                return null;
            if (EventsBlog.Rendering.EmbedPolicy.AbsoluteHttpUrl(text) is { } url && !text.StartsWith("//", StringComparison.Ordinal))
                return url;
            context.Warn(LineOf("event"), $"event {key} '{text}' must be an absolute http(s) URL; it is ignored");
            return null;
        }

        var start = Instant("start");
        var end = Instant("end");
        if (start is not null && end is not null && end < start)
        {
            context.Warn(LineOf("event"), "event end is before its start; the end is ignored");
            end = null;
        }

        return new EventInfo(start, end, eventZone.Id, Texts(values.GetValueOrDefault("location")).FirstOrDefault(),
            IsTrue(values.GetValueOrDefault("online")), Link("register"), Link("stream"));
    }

    /// <summary>An absolute URL or site path as written; a relative path resolved beside the post.</summary>
    private string? ReadThumbnail()
    {
        var key = frontMatter.Thumbnail is not null ? "thumbnail" : "image";
        if (Texts(frontMatter.Thumbnail).Concat(Texts(frontMatter.Image)).FirstOrDefault() is not { } written)
            return null;
        if (written.StartsWith('/') || EventsBlog.Rendering.EmbedPolicy.AbsoluteHttpUrl(written) is not null)
            return written;
        var target = media?.Resolve(context.RelativePath, written);
        if (target is { } looked)
            context.LookedAt(looked, media!.Root);
        switch (target)
        {
            case { Kind: MediaKind.Image, Url: var url }:
                return url;
            case { Kind: MediaKind.Missing }:
                context.Warn(LineOf(key), $"the {key} '{written}' does not exist next to the post");
                return null;
            case { Kind: MediaKind.NotServed or MediaKind.Outside }:
                context.Warn(LineOf(key), $"the {key} '{written}' is not an image inside the posts folder (png, jpg, jpeg, gif, webp, avif)");
                return null;
            default:
                return null;
        }
    }

    private string? ReadEventLink()
    {
        if (One("link", frontMatter.Link) is not { } link)
            return null;
        if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri.AbsoluteUri;
        context.Warn(LineOf("link"), $"'link' must be an absolute http(s) URL; '{link}' is ignored");
        return null;
    }

    /// <summary>An absolute <c>url</c> makes a link post; a site-relative one is the post's old address.</summary>
    private (Uri? External, string[] OldPaths) ReadUrls()
    {
        var oldPaths = new List<string>();
        Uri? external = null;
        if (One("url", frontMatter.Url) is { } url)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
                external = absolute;
            else if (!url.Contains(':'))
                oldPaths.Add(url);
            else
                context.Warn(LineOf("url"), $"'url' must be an http(s) URL or a site path; '{url}' is ignored");
        }

        oldPaths.AddRange(Texts(frontMatter.Aliases));
        return (external, oldPaths.Select(p => "/" + p.Trim().Trim('/')).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
    }

    /// <summary>Text values of a key that may hold one text, a list, or entries with a <c>name</c>.</summary>
    private static string[] Texts(object? value, char? splitOn = null) => value switch
    {
        null => [],
        string text when splitOn is { } separator => text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        string text => NonEmpty(text) is { } one ? [one] : [],
        IDictionary<object, object> entry when entry.TryGetValue("name", out var name) => Texts(name),
        IEnumerable<object> list => list.SelectMany(item => item switch
        {
            IDictionary<object, object> entry when entry.TryGetValue("name", out var name) => Texts(name),
            IDictionary<object, object> => [],
            _ => Texts(item),
        }).ToArray(),
        _ => [],
    };

    /// <summary>A key that takes one value: a list gives its first item, with a warning.</summary>
    private string? One(string key, object? value)
    {
        var texts = Texts(value);
        if (texts.Length > 1 || value is IEnumerable<object>)
            context.Warn(LineOf(key), $"'{key}' takes one value; {(texts.Length > 0 ? $"'{texts[0]}' is used" : "it is ignored")}");
        return texts.FirstOrDefault();
    }

    private static string? Joined(object? value) => NonEmpty(string.Join(' ', Texts(value)));

    private static bool IsTrue(object? value) =>
        value is string text && text.Trim().ToLowerInvariant() is "true" or "yes" or "on";

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// The first prose paragraph as plain text, found by a cheap line scan: bodies are not rendered at
    /// startup, and only this one paragraph goes through Markdig.
    /// </summary>
    internal static string FirstParagraph(string markdown)
    {
        var paragraph = new List<string>();
        foreach (var (raw, inFence) in EventsBlog.Rendering.MarkdownLines.WithFences(markdown))
        {
            if (inFence)
            {
                if (paragraph.Count > 0)
                    break;
                continue;
            }

            var line = raw.Span.Trim();

            if (line.Length == 0)
            {
                if (paragraph.Count > 0)
                    break;
                continue;
            }

            if (paragraph.Count == 0 && (IsNotProse(line) || raw.Span.StartsWith("    ", StringComparison.Ordinal) || raw.Span.StartsWith('\t')))
                continue;
            paragraph.Add(line.ToString());
        }

        var plain = ParagraphText(paragraph, withMarkdig: !paragraph.TrueForAll(IsPlainLine));
        if (plain.Length <= SummaryMaxLength)
            return plain;
        var cut = plain.LastIndexOf(' ', SummaryMaxLength);
        return plain[..(cut > SummaryMaxLength / 2 ? cut : SummaryMaxLength)].TrimEnd(',', '.', ';', ':') + "…";
    }

    /// <summary>
    /// The text of a paragraph's lines: parsed, then its text collected (Markdig's ToPlainText builds an HTML
    /// renderer for every call); or joined when no line holds markup, which reads the same.
    /// </summary>
    internal static string ParagraphText(List<string> lines, bool withMarkdig)
    {
        var text = withMarkdig
            ? string.Join(' ', Markdig.Markdown.Parse(string.Join('\n', lines)).Descendants<LeafBlock>().Select(block => EventsBlog.Rendering.MarkdownRenderer.PlainText(block.Inline)))
            : string.Join(' ', lines);
        return Whitespace().Replace(TemplateTag().Replace(text, " "), " ").Trim();
    }

    /// <summary>A line that starts with a letter (no list, quote or heading) and holds no inline markup.</summary>
    internal static bool IsPlainLine(string line) =>
        line.Length > 0 && char.IsLetter(line[0]) && !EventsBlog.Rendering.MarkdownLines.MayHoldMarkup(line);

    /// <summary>Headings, HTML, tables, quotes, lists, images, rules, template tags and bare URLs.</summary>
    private static bool IsNotProse(ReadOnlySpan<char> line) =>
        line[0] is '#' or '<' or '|' or '>' or '='
        || line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)
        || line.StartsWith("+ ", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal)
        || line.StartsWith("![", StringComparison.Ordinal) || line.StartsWith("{{", StringComparison.Ordinal)
        || line.StartsWith("{%", StringComparison.Ordinal) || line.StartsWith("[youtube:", StringComparison.OrdinalIgnoreCase)
        || (line.Contains(':') && Uri.IsWellFormedUriString(line.ToString(), UriKind.Absolute));

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}|\[youtube:[^\]]*\]", RegexOptions.Singleline)]
    private static partial Regex TemplateTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
