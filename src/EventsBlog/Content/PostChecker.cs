using EventsBlog.Rendering;
using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>The outcome of checking a posts folder: every problem, ordered by file and line.</summary>
public sealed record CheckReport(int PostCount, IReadOnlyList<Diagnostic> Diagnostics)
{
    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);

    public int Warnings => Diagnostics.Count(d => d.Severity == Severity.Warning);
}

/// <summary>
/// Validates every post exactly as the site does (same loader, parser, index rules and renderer), and
/// also renders each one to report what rendering changes.
/// </summary>
public sealed class PostChecker(PostLoader loader, MarkdownRenderer renderer, IOptions<BlogOptions> options, TimeProvider time)
{
    public CheckReport Check()
    {
        var results = loader.Scan().Keys.AsParallel().Select(loader.Parse).ToArray();
        var index = ContentIndex.Build(results, options.Value.ShowDrafts, time.GetUtcNow());
        var renderWarnings = results
            .Where(r => r.Post is not null)
            .AsParallel()
            .SelectMany(r => renderer.Render(r.Post!).Diagnostics);
        var diagnostics = index.Diagnostics
            .Concat(renderWarnings)
            .Distinct()
            .OrderBy(d => d.File, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Severity)
            .ToArray();
        return new CheckReport(results.Length, diagnostics);
    }
}
