using EventsBlog.Content;
using Markdig;
using Markdig.Syntax;

namespace EventsBlog.Rendering;

/// <summary>
/// The talks of a post without rendering it: its ATX heading lines (outside fenced code) are read
/// directly when none holds markup, else parsed alone with the site's pipeline, and given ids and talks by
/// the same rules as the rendered page. Speaker pages and the search index use these at load time.
/// </summary>
public static class TalkHeadings
{
    /// <param name="shareName">Gives the instance to hold of each speaker's name (<see cref="SharedNames"/>).</param>
    public static IReadOnlyList<Talk> Extract(string markdown, Func<string, string>? shareName = null) =>
        Talks(PlainHeadings(markdown) ?? MarkdigHeadings(markdown), shareName);

    /// <summary>The ATX headings (level, text), read directly; null when any may hold markup.</summary>
    internal static List<(int Level, string Text)>? PlainHeadings(string markdown)
    {
        var headings = new List<(int Level, string Text)>();
        foreach (var (line, inFence) in MarkdownLines.WithFences(markdown))
        {
            if (inFence)
                continue;
            switch (ReadPlainHeading(line.Span, out var level, out var text))
            {
                case LineKind.Heading:
                    headings.Add((level, text));
                    break;
                case LineKind.NeedsMarkdig:
                    return null;
            }
        }

        return headings;
    }

    /// <summary>The same, every heading line parsed by Markdig.</summary>
    internal static List<(int Level, string Text)> MarkdigHeadings(string markdown)
    {
        var lines = new System.Text.StringBuilder();
        foreach (var (line, inFence) in MarkdownLines.WithFences(markdown))
        {
            var trimmed = line.Span.TrimStart();
            if (!inFence && line.Length - trimmed.Length <= 3 && trimmed.StartsWith('#'))
                lines.Append(line.Span).Append("\n\n");
        }

        return lines.Length == 0
            ? []
            : Markdown.Parse(lines.ToString(), MarkdownRenderer.Pipeline).Descendants<HeadingBlock>()
                .Select(heading => (heading.Level, MarkdownRenderer.PlainText(heading.Inline))).ToList();
    }

    private static IReadOnlyList<Talk> Talks(IEnumerable<(int Level, string Text)> headings, Func<string, string>? shareName)
    {
        var ids = new Slugs.UniqueIds(MarkdownRenderer.PageIds);
        var talks = new List<Talk>();
        foreach (var (level, text) in headings)
        {
            var id = ids.Next(text);
            if (level == 2 && MarkdownRenderer.TryParseTalk(text, out var title, out var speakers))
            {
                if (shareName is not null)
                {
                    for (var i = 0; i < speakers.Length; i++)
                        speakers[i] = shareName(speakers[i]);
                }

                talks.Add(new Talk(id, title, speakers));
            }
        }

        return talks;
    }

    private enum LineKind { NotHeading, Heading, NeedsMarkdig }

    /// <summary>
    /// An ATX heading by CommonMark's rules (up to 3 spaces, 1 to 6 '#', then a space or the end), read
    /// directly when its text holds nothing that could be markup.
    /// </summary>
    private static LineKind ReadPlainHeading(ReadOnlySpan<char> line, out int level, out string text)
    {
        level = 0;
        text = "";
        var indent = line.Length - line.TrimStart(' ').Length;
        var rest = line[indent..];
        if (indent > 3 || rest.IsEmpty)
            return LineKind.NotHeading;
        if (rest[0] != '#')
            return rest[0] is '\t' or '\v' or '\f' ? LineKind.NeedsMarkdig : LineKind.NotHeading;
        level = rest.Length - rest.TrimStart('#').Length;
        rest = rest[level..];
        if (level > 6 || (!rest.IsEmpty && rest[0] != ' '))
            return rest.IsEmpty || rest[0] != '\t' ? LineKind.NotHeading : LineKind.NeedsMarkdig;
        var content = rest.Trim(' ');
        if (MarkdownLines.MayHoldMarkup(content))
            return LineKind.NeedsMarkdig;
        text = content.ToString();
        return LineKind.Heading;
    }
}
