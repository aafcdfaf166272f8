using System.Buffers;

namespace EventsBlog.Rendering;

/// <summary>The cheap scans done before (or instead of) parsing: which lines are fenced code, which text may hold markup.</summary>
public static class MarkdownLines
{
    /// <summary>
    /// Characters that may be inline markup in Markdig's pipelines, or whitespace it treats its own way. Text
    /// without them reads the same as Markdig reads it, so load-time scans skip the parse for most lines.
    /// </summary>
    private static readonly SearchValues<char> MaybeMarkup = SearchValues.Create("\\`*_~^+=[]!<>&{}%|#\t\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000");

    public static bool MayHoldMarkup(ReadOnlySpan<char> text) => text.ContainsAny(MaybeMarkup);

    /// <summary>
    /// Each line of <paramref name="markdown"/> (a slice of it: nothing is copied) with whether it belongs to a
    /// fenced code block (``` or ~~~); the fence lines themselves count as code.
    /// </summary>
    public static IEnumerable<(ReadOnlyMemory<char> Line, bool InFence)> WithFences(string markdown)
    {
        ReadOnlyMemory<char> fence = default;
        var start = 0;
        while (start <= markdown.Length)
        {
            var end = markdown.IndexOf('\n', start);
            if (end < 0)
                end = markdown.Length;
            var line = markdown.AsMemory(start, end - start);
            start = end + 1;
            var trimmed = line.Span.TrimStart();
            if (!fence.IsEmpty)
            {
                if (trimmed.StartsWith(fence.Span, StringComparison.Ordinal))
                    fence = default;
                yield return (line, true);
            }
            else if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = line[(line.Length - trimmed.Length)..][..3];
                yield return (line, true);
            }
            else
            {
                yield return (line, false);
            }
        }
    }
}
