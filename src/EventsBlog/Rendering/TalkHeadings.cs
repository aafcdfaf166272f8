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
        string? fence = null;
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                    fence = null;
                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
                fence = trimmed[..3];
            else if (line.Length - trimmed.Length <= 3 && trimmed.StartsWith('#'))
                headings.Append(line).Append("\n\n");
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
