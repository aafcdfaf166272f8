using EventsBlog.Content;
using Markdig;
using Markdig.Syntax;

namespace EventsBlog.Rendering;

/// <summary>
/// The talks of a post without rendering it: its ATX heading lines (outside fenced code) are parsed
/// alone with the site's pipeline, and given ids and talks by the same rules as the rendered page.
/// Speaker pages and the search index use these at load time.
/// </summary>
public static class TalkHeadings
{
    public static IReadOnlyList<Talk> Extract(string markdown)
    {
        var headings = new System.Text.StringBuilder();
        foreach (var (line, inFence) in MarkdownLines.WithFences(markdown))
        {
            var trimmed = line.Span.TrimStart();
            if (!inFence && line.Length - trimmed.Length <= 3 && trimmed.StartsWith('#'))
                headings.Append(line.Span).Append("\n\n");
        }

        if (headings.Length == 0)
            return [];

        var ids = new Slugs.UniqueIds(MarkdownRenderer.PageIds);
        var talks = new List<Talk>();
        foreach (var heading in Markdown.Parse(headings.ToString(), MarkdownRenderer.Pipeline).Descendants<HeadingBlock>())
        {
            var text = MarkdownRenderer.PlainText(heading.Inline);
            var id = ids.Next(text);
            if (heading.Level == 2 && MarkdownRenderer.TryParseTalk(text, out var title, out var speakers))
                talks.Add(new Talk(id, title, speakers));
        }

        return talks;
    }
}
