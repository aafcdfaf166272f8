using System.Collections.Immutable;

namespace EventsBlog.Content;

/// <summary>What identifies one state of a file without reading it.</summary>
/// <param name="Media">For a post: a signature of the pictures beside it, so that a replaced picture renders the post again.</param>
public readonly record struct FileStamp(long Length, DateTime LastWriteUtc, long Media = 0);

/// <summary>One post file as last seen: its stamp, its latest parse, and the version being served.</summary>
/// <param name="Served">
/// The latest parse when it succeeded; else the last good version seen by this process, so that a post
/// saved broken keeps being served.
/// </param>
public sealed record CatalogEntry(FileStamp Stamp, PostParseResult Latest, Post? Served)
{
    /// <summary>What a snapshot is built from: the latest parse, or the last good version with the latest diagnostics.</summary>
    public PostParseResult ServedResult() =>
        Latest.IsRejected && Served is { } lastGood
            ? new PostParseResult(lastGood, [.. Latest.Diagnostics, Diagnostic.Warning(lastGood.RelativePath, 1, "the last good version of this post is still served until the error is fixed")])
            : Latest;
}

/// <summary>
/// Every post file of the folder with its parse, as an immutable value. <see cref="Update"/> reads and
/// parses only the files whose stamp changed.
/// </summary>
public sealed class PostCatalog
{
    public static readonly PostCatalog Empty = new(ImmutableDictionary<string, CatalogEntry>.Empty.WithComparers(StringComparer.Ordinal));

    private PostCatalog(ImmutableDictionary<string, CatalogEntry> entries) => Entries = entries;

    public ImmutableDictionary<string, CatalogEntry> Entries { get; }

    /// <summary>
    /// The catalog for a new scan of the folder. Files whose stamp is unchanged keep their entry;
    /// new and changed files go through <paramref name="parse"/> (in parallel); files gone are dropped.
    /// </summary>
    /// <param name="onlyThese">When the changed files are known (file events), only they are compared with the scan.</param>
    public PostCatalog Update(IReadOnlyDictionary<string, FileStamp> scan, Func<string, PostParseResult> parse, out IReadOnlyList<string> reparsed, out IReadOnlyList<string> removed,
        IReadOnlyCollection<string>? onlyThese = null)
    {
        var changed = (onlyThese ?? scan.Keys)
            .Where(path => scan.TryGetValue(path, out var stamp) && (!Entries.TryGetValue(path, out var entry) || entry.Stamp != stamp))
            .ToArray();
        var parsed = changed.AsParallel().Select(path => (Path: path, Result: parse(path))).ToArray();

        var builder = Entries.ToBuilder();
        removed = (onlyThese ?? Entries.Keys).Where(path => Entries.ContainsKey(path) && !scan.ContainsKey(path)).ToArray();
        foreach (var gone in removed)
            builder.Remove(gone);
        foreach (var (path, result) in parsed)
        {
            var lastGood = Entries.TryGetValue(path, out var previous) ? previous.Served : null;
            builder[path] = new CatalogEntry(scan[path], result, result.Post ?? lastGood);
        }

        reparsed = changed;
        return new PostCatalog(builder.ToImmutable());
    }

    /// <summary>What the index is built from: the served version of each file, with the latest diagnostics.</summary>
    public IEnumerable<PostParseResult> Served() => Entries.Values.Select(entry => entry.ServedResult());

    /// <summary>How the files at <paramref name="paths"/> changed from <paramref name="before"/> to this catalog.</summary>
    public IReadOnlyList<FileChange> ChangesSince(PostCatalog before, IEnumerable<string> paths) => paths
        .Select(path => new FileChange(path, before.Entries.GetValueOrDefault(path)?.ServedResult(), Entries.GetValueOrDefault(path)?.ServedResult()))
        .ToArray();
}
