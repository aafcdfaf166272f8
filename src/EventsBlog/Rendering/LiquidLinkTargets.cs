using System.Text;
using System.Text.RegularExpressions;
using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>
/// Jekyll posts write link targets with Liquid (<c>[x]({{ site.baseurl }}/docs/)</c>,
/// <c>[x]({% post_url 2013-05-06-release %})</c>). The spaces inside the tags stop Markdown from seeing a
/// link at all, so before parsing, outside code, such tags are resolved (<c>post_url</c> and <c>link</c>
/// to a post become <c>/events/{slug}</c>) or dropped, with a warning each.
/// </summary>
public static partial class LiquidLinkTargets
{
    public static string Rewrite(string markdown, Action<int, string> warn)
    {
        if (!LinkTarget().IsMatch(markdown))
            return markdown;

        // Outside fenced code, a tag may wrap onto the next line; inside, nothing is touched.
        var output = new StringBuilder(markdown.Length);
        var prose = new StringBuilder();
        var proseStart = 0;
        var index = -1;
        foreach (var (line, inFence) in MarkdownLines.WithFences(markdown))
        {
            index++;
            if (!inFence)
            {
                if (prose.Length == 0)
                    proseStart = index;
                prose.Append(line.Span).Append('\n');
                continue;
            }

            Flush();
            output.Append(line.Span).Append('\n');
        }

        Flush();
        return output.ToString(0, output.Length - 1);

        void Flush()
        {
            if (prose.Length > 0)
                output.Append(RewriteProse(prose.ToString(), proseStart, warn));
            prose.Clear();
        }
    }

    /// <summary>Rewrites link targets in prose, leaving code spans as they are.</summary>
    private static string RewriteProse(string text, int firstLine, Action<int, string> warn)
    {
        var parts = text.Split('`');
        var line = firstLine + 1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                var partLine = line;
                parts[i] = LinkTarget().Replace(parts[i], match =>
                {
                    var at = partLine + parts[i].AsSpan(0, match.Index).Count('\n');
                    var target = new StringBuilder();
                    foreach (Capture tag in match.Groups["tag"].Captures)
                    {
                        var resolved = Resolve(tag.Value);
                        var shown = string.Join(' ', tag.Value.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
                        warn(at, resolved.Length > 0
                            ? $"the Liquid tag {shown} in a link was replaced by {resolved}"
                            : $"the Liquid tag {shown} in a link was removed");
                        target.Append(resolved);
                    }

                    return "](" + target;
                });
            }

            line += parts[i].Count('\n');
        }

        return string.Join('`', parts);
    }

    /// <summary><c>post_url NAME</c> and <c>link _posts/NAME.md</c> name a post: its page. Anything else: nothing.</summary>
    private static string Resolve(string tag)
    {
        var match = PostReference().Match(tag);
        if (!match.Success)
            return "";
        var name = Path.GetFileNameWithoutExtension(match.Groups["name"].Value);
        PostDate.TryParseFileNamePrefix(name, out _, out var rest);
        var slug = Slugs.From(rest);
        return slug.Length > 0 ? $"/events/{slug}" : "";
    }

    [GeneratedRegex(@"\]\(\s*(?:(?<tag>\{\{[^{}]{0,200}\}\}|\{%[^%]{0,200}%\})\s*)+")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"^\{%-?\s*(?:post_url\s+(?<name>[^\s%]+)|link\s+_posts/(?<name>[^\s%]+\.(?:md|markdown)))\s*-?%\}$")]
    private static partial Regex PostReference();
}
