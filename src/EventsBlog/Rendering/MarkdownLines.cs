namespace EventsBlog.Rendering;

/// <summary>The cheap line scans done before (or instead of) parsing: which lines are fenced code.</summary>
public static class MarkdownLines
{
    /// <summary>
    /// Each line of <paramref name="markdown"/> with whether it belongs to a fenced code block (``` or ~~~);
    /// the fence lines themselves count as code.
    /// </summary>
    public static IEnumerable<(string Line, bool InFence)> WithFences(string markdown)
    {
        string? fence = null;
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                    fence = null;
                yield return (line, true);
            }
            else if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                yield return (line, true);
            }
            else
            {
                yield return (line, false);
            }
        }
    }
}
