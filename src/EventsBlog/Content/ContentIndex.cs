namespace EventsBlog.Content;

/// <summary>One file changed between two snapshots: the result the first was built from, and the new one (null: gone).</summary>
public sealed record FileChange(string RelativePath, PostParseResult? Before, PostParseResult? After)
{
    /// <summary>The slugs the file had and has: the only pages such a change can touch.</summary>
    public IEnumerable<string> Slugs => new[] { Before?.Post?.Slug, After?.Post?.Slug }.OfType<string>();
}

/// <summary>A page of a listing.</summary>
public sealed record PostPage(IReadOnlyList<Post> Posts, int Page, int PageCount, int TotalCount);

/// <summary>One appearance of a speaker: at an event, in a talk (or named in the event's front matter).</summary>
public sealed record Appearance(Post Post, Talk? Talk);

/// <summary>A speaker and every appearance, newest first.</summary>
public sealed record Speaker(string Name, string Slug, IReadOnlyList<Appearance> Appearances);

/// <summary>A year of the archive, newest posts first.</summary>
public sealed record ArchiveYear(int Year, IReadOnlyList<Post> Posts);

/// <summary>
/// An immutable snapshot of every loaded post: by slug, by date, by category, by tag, and the old
/// paths that redirect. Built in one go and swapped atomically; never changed after construction.
/// </summary>
public sealed class ContentIndex
{
    public static readonly ContentIndex Empty = new([], bySlug: null, new Dictionary<string, Post>(), contestedSlugs: [], [], [], isLoaded: false, validUntil: null, DateTimeOffset.MinValue);

    // Plain arrays and dictionaries, never changed once built: a change makes a new snapshot (TryApply
    // copies them), so they must stay cheap to make (frozen collections cost more than they save here).
    private readonly Post[] _byDateAscending;
    private readonly Post[] _upcoming;
    private readonly Post[] _past;
    private readonly Dictionary<string, Post> _bySlug;
    // Groupings only some pages read are made on first use, once per snapshot: a live change then costs
    // the sort and the slug table, not the speakers' and tags' groupings too.
    private readonly Lazy<Dictionary<string, (Taxon Taxon, Post[] Posts)>> _byCategory;
    private readonly Lazy<Dictionary<string, (Taxon Taxon, Post[] Posts)>> _byTag;
    private readonly Dictionary<string, Post> _byOldPath;
    private readonly Lazy<Dictionary<string, Speaker>> _speakers;
    private readonly Lazy<Dictionary<string, Post>> _byFileName;

    /// <summary>Slugs that more than one servable post claims: a change touching one is not applied in place.</summary>
    private readonly HashSet<string> _contestedSlugs;

    /// <summary>Listed posts by date, then title, then path: the order of every listing.</summary>
    private static readonly Comparer<Post> DateAscending = Comparer<Post>.Create(static (a, b) =>
    {
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0)
            return byDate;
        var byTitle = string.CompareOrdinal(a.Title, b.Title);
        return byTitle != 0 ? byTitle : string.CompareOrdinal(a.RelativePath, b.RelativePath);
    });

    /// <summary>Upcoming events: soonest first.</summary>
    private static readonly Comparer<Post> SoonestFirst = Comparer<Post>.Create(static (a, b) =>
    {
        var byStart = (a.Event?.Start ?? a.UpcomingUntil).CompareTo(b.Event?.Start ?? b.UpcomingUntil);
        return byStart != 0 ? byStart : DateAscending.Compare(a, b);
    });

    private static readonly Comparer<Post> NewestFirstOrder = Comparer<Post>.Create(static (a, b) => DateAscending.Compare(b, a));

    private ContentIndex(Post[] byDateAscending, Dictionary<string, Post>? bySlug, Dictionary<string, Post> byOldPath, HashSet<string> contestedSlugs,
        IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<string> rejectedFiles, bool isLoaded, DateTimeOffset? validUntil, DateTimeOffset now,
        Post[]? upcoming = null, Post[]? past = null)
    {
        AsOf = now;
        IsLoaded = isLoaded;
        ValidUntil = validUntil;
        Diagnostics = diagnostics;
        RejectedFiles = rejectedFiles;
        _byDateAscending = byDateAscending;
        _contestedSlugs = contestedSlugs;
        _upcoming = upcoming ?? Sorted(byDateAscending.Where(p => p.IsUpcomingAt(now)).ToArray(), SoonestFirst);
        _past = past ?? byDateAscending.Where(p => !p.IsUpcomingAt(now)).Reverse().ToArray();
        if (bySlug is null)
        {
            bySlug = new Dictionary<string, Post>(byDateAscending.Length, StringComparer.Ordinal);
            foreach (var post in byDateAscending)
            {
                if (!post.IsLinkPost)
                    bySlug[post.Slug] = post;
            }
        }

        _bySlug = bySlug;
        _byOldPath = byOldPath;
        _speakers = new(() => GroupSpeakers(byDateAscending));
        _byFileName = new(() => ByFileName(bySlug));
        _byCategory = new(() => Group(byDateAscending, static p => p.Categories));
        _byTag = new(() => Group(byDateAscending, static p => p.Tags));
    }

    private static Post[] Sorted(Post[] posts, Comparer<Post> order)
    {
        Array.Sort(posts, order);
        return posts;
    }

    // Stands for this snapshot in a later one's AppliedOnto, without keeping it alive.
    private readonly object _identity = new();

    private object? AppliedOnto { get; init; }

    /// <summary>The files changed since <paramref name="earlier"/>, if this snapshot was made from it by <see cref="TryApply"/>; else null (compare everything).</summary>
    public IReadOnlyList<FileChange>? ChangesSince(ContentIndex earlier) =>
        AppliedOnto is not null && ReferenceEquals(AppliedOnto, earlier._identity) ? AppliedChanges : null;

    private IReadOnlyList<FileChange> AppliedChanges { get; init; } = [];

    /// <summary>The instant this snapshot describes (what is published, what is upcoming).</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>False only for the empty snapshot in place before the first load finishes.</summary>
    public bool IsLoaded { get; }

    public int Count => _byDateAscending.Length;

    /// <summary>
    /// The next instant at which this snapshot goes stale (a <c>publishDate</c>, an <c>expiryDate</c>, an
    /// event ending), when it must be rebuilt; null if none.
    /// </summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>Which file serves each slug, to log a live URL that changes hands.</summary>
    public IEnumerable<(string Slug, string RelativePath)> SlugOwners => _bySlug.Select(kv => (kv.Key, kv.Value.RelativePath));

    /// <summary>Every rejection and warning found while loading.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<string> RejectedFiles { get; }

    public IEnumerable<Taxon> Categories => _byCategory.Value.Values.Select(v => v.Taxon).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<Taxon> Tags => _byTag.Value.Values.Select(v => v.Taxon).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Builds a snapshot from parsed posts as of <paramref name="now"/>. Drafts are left out unless
    /// <paramref name="showDrafts"/>, and so are posts before their <c>publishDate</c> or from their
    /// <c>expiryDate</c>; of servable posts sharing a slug, the one whose path sorts first (ordinal) wins
    /// and the others are rejected.
    /// </summary>
    public static ContentIndex Build(IEnumerable<PostParseResult> results, bool showDrafts, DateTimeOffset now)
    {
        DateTimeOffset? validUntil = null;
        var diagnostics = new List<Diagnostic>();
        var rejected = new List<string>();
        var listed = new List<Post>();
        var slugOwners = new Dictionary<string, Post>(StringComparer.Ordinal);
        var contested = new HashSet<string>(StringComparer.Ordinal);
        var byOldPath = new Dictionary<string, Post>(StringComparer.Ordinal);

        var ordered = results.ToArray();
        Array.Sort(ordered, static (a, b) => string.CompareOrdinal(a.Post?.RelativePath ?? a.Diagnostics[0].File, b.Post?.RelativePath ?? b.Diagnostics[0].File));
        foreach (var result in ordered)
        {
            diagnostics.AddRange(result.Diagnostics);
            if (result.Post is not { } post)
            {
                rejected.Add(result.Diagnostics[0].File);
                continue;
            }

            if (post.IsDraft && !showDrafts)
                continue;
            validUntil = Earliest(validUntil, post.PublishAt, now);
            validUntil = Earliest(validUntil, post.ExpireAt, now);
            validUntil = Earliest(validUntil, post.UpcomingUntil, now);

            if (!post.IsVisibleAt(now))
                continue;
            if (!post.IsLinkPost && !slugOwners.TryAdd(post.Slug, post))
            {
                contested.Add(post.Slug);
                diagnostics.Add(Diagnostic.Error(post.RelativePath, post.SlugLine,
                    $"duplicate slug '{post.Slug}': '{slugOwners[post.Slug].RelativePath}' already uses it; set another 'slug'"));
                rejected.Add(post.RelativePath);
                continue;
            }

            listed.Add(post);
            foreach (var oldPath in post.IsLinkPost ? [] : post.OldPaths)
            {
                var path = NormalizePath(oldPath);
                if (path == "/" || byOldPath.TryAdd(path, post))
                    continue;
                if (!ReferenceEquals(byOldPath[path], post))
                    diagnostics.Add(Diagnostic.Warning(post.RelativePath, 1, $"the old address '{oldPath}' already redirects to '{byOldPath[path].RelativePath}'; it is ignored here"));
            }
        }

        return new ContentIndex(Sorted(listed.ToArray(), DateAscending), bySlug: null, byOldPath, contested, diagnostics, rejected, isLoaded: true, validUntil, now);
    }

    /// <summary>
    /// The snapshot after a few files changed, made from this one by inserting and removing in its sorted
    /// arrays (copies, no sorting or grouping), so that a new post shows as fast in 100,000 posts as in 100.
    /// Null when the change needs <see cref="Build"/>: a slug or old address that several files claim,
    /// a post with old addresses, or time that has passed one of this snapshot's instants. The result
    /// equals what <see cref="Build"/> makes from the same files, except that <see cref="ValidUntil"/> may
    /// come earlier (a rebuild sooner than needed, never later).
    /// </summary>
    /// <param name="changes">Each changed file: the result this snapshot was built from, and its new one (null: gone).</param>
    public ContentIndex? TryApply(IReadOnlyList<FileChange> changes, bool showDrafts, DateTimeOffset now)
    {
        // Each change copies the listing arrays: beyond a few files (a git pull), one sort is cheaper.
        if (!IsLoaded || now < AsOf || (ValidUntil is { } due && now >= due) || changes.Count > MaxChangesApplied)
            return null;
        if (changes.Any(c => !Eligible(c.Before?.Post) || !Eligible(c.After?.Post)) || changes.DistinctBy(c => c.RelativePath).Count() != changes.Count)
            return null;

        var listed = _byDateAscending;
        var upcoming = _upcoming;
        var past = _past;
        var bySlug = new Dictionary<string, Post>(_bySlug, StringComparer.Ordinal);
        // Everything that goes first, then everything that comes: a post renamed to another file keeps its slug.
        foreach (var change in changes)
        {
            if (Listable(change.Before?.Post) is not { } before)
                continue;
            if (!before.IsLinkPost && !ReferenceEquals(bySlug.GetValueOrDefault(before.Slug), before))
                return null;
            listed = Without(listed, before, DateAscending);
            if (before.IsUpcomingAt(now))
                upcoming = Without(upcoming, before, SoonestFirst);
            else
                past = Without(past, before, NewestFirstOrder);
            if (!before.IsLinkPost)
                bySlug.Remove(before.Slug);
        }

        var validUntil = ValidUntil;
        var diagnostics = Diagnostics;
        var rejected = RejectedFiles;
        foreach (var change in changes)
        {
            if (change.After?.Post is { } written && !(written.IsDraft && !showDrafts))
            {
                validUntil = Earliest(validUntil, written.PublishAt, now);
                validUntil = Earliest(validUntil, written.ExpireAt, now);
                validUntil = Earliest(validUntil, written.UpcomingUntil, now);
            }

            if (Listable(change.After?.Post) is { } after)
            {
                if (!after.IsLinkPost && !bySlug.TryAdd(after.Slug, after))
                    return null;
                listed = With(listed, after, DateAscending);
                if (after.IsUpcomingAt(now))
                    upcoming = With(upcoming, after, SoonestFirst);
                else
                    past = With(past, after, NewestFirstOrder);
            }

            diagnostics = ReplacedFor(diagnostics, change.RelativePath, d => d.File, change.After?.Diagnostics ?? []);
            rejected = ReplacedFor(rejected, change.RelativePath, path => path, change.After is { IsRejected: true } ? [change.RelativePath] : []);
        }

        return new ContentIndex(listed, bySlug, _byOldPath, _contestedSlugs, diagnostics, rejected, isLoaded: true, validUntil, now, upcoming, past)
        {
            AppliedOnto = _identity,
            AppliedChanges = changes,
        };

        Post? Listable(Post? post) => post is not null && !(post.IsDraft && !showDrafts) && post.IsVisibleAt(now) ? post : null;

        bool Eligible(Post? post) => post is null || (post.OldPaths.Count == 0 && !_contestedSlugs.Contains(post.Slug));
    }

    private const int MaxChangesApplied = 64;

    private static Post[] Without(Post[] sorted, Post post, Comparer<Post> order)
    {
        var index = Array.BinarySearch(sorted, post, order);
        if (index < 0)
            return sorted;
        var result = new Post[sorted.Length - 1];
        Array.Copy(sorted, result, index);
        Array.Copy(sorted, index + 1, result, index, sorted.Length - index - 1);
        return result;
    }

    private static Post[] With(Post[] sorted, Post post, Comparer<Post> order)
    {
        var index = Array.BinarySearch(sorted, post, order);
        index = index < 0 ? ~index : index;
        var result = new Post[sorted.Length + 1];
        Array.Copy(sorted, result, index);
        result[index] = post;
        Array.Copy(sorted, index, result, index + 1, sorted.Length - index);
        return result;
    }

    /// <summary>A list kept in file order, with one file's items replaced by <paramref name="items"/>.</summary>
    private static T[] ReplacedFor<T>(IReadOnlyList<T> list, string file, Func<T, string> fileOf, IReadOnlyList<T> items)
    {
        var result = new List<T>(list.Count + items.Count);
        var inserted = false;
        foreach (var item in list)
        {
            var order = string.CompareOrdinal(fileOf(item), file);
            if (order == 0)
                continue;
            if (order > 0 && !inserted)
            {
                result.AddRange(items);
                inserted = true;
            }

            result.Add(item);
        }

        if (!inserted)
            result.AddRange(items);
        return result.ToArray();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? soonest, DateTimeOffset? instant, DateTimeOffset now) =>
        instant > now && (soonest is null || instant < soonest) ? instant : soonest;

    public Post? FindPost(string slug) => _bySlug.GetValueOrDefault(slug);

    /// <summary>A servable post by its file name without extension (the first by path when several share it).</summary>
    public Post? FindByFileName(string fileName) => _byFileName.Value.GetValueOrDefault(fileName);

    /// <summary>The post an old address (Hugo <c>aliases</c>, site-relative <c>url</c>) points to.</summary>
    public Post? FindByOldPath(string path) => _byOldPath.GetValueOrDefault(NormalizePath(path));

    /// <summary>Upcoming events (soonest first), then past ones (newest first), as one paged list.</summary>
    public PostPage? Home(int page, int pageSize) =>
        Paged(_upcoming.Length + _past.Length, page, pageSize, i => i < _upcoming.Length ? _upcoming[i] : _past[i - _upcoming.Length]);

    /// <summary>Every listed post (link posts too), newest date first.</summary>
    public IEnumerable<Post> NewestFirst
    {
        get
        {
            for (var i = _byDateAscending.Length - 1; i >= 0; i--)
                yield return _byDateAscending[i];
        }
    }

    public (Taxon Taxon, IReadOnlyList<Post> Posts)? Category(string slug) =>
        _byCategory.Value.TryGetValue(slug, out var entry) ? (entry.Taxon, entry.Posts) : null;

    public (Taxon Taxon, IReadOnlyList<Post> Posts)? Tag(string slug) =>
        _byTag.Value.TryGetValue(slug, out var entry) ? (entry.Taxon, entry.Posts) : null;

    /// <summary>Every speaker, by name.</summary>
    public IReadOnlyList<Speaker> Speakers() =>
        _speakers.Value.Values.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ToArray();

    public Speaker? FindSpeaker(string slug) => _speakers.Value.GetValueOrDefault(slug);

    public IReadOnlyList<ArchiveYear> Archive() => _byDateAscending
        .Reverse()
        .GroupBy(p => p.Date.Year)
        .Select(g => new ArchiveYear(g.Key, g.ToArray()))
        .ToArray();

    private static PostPage? Paged(int total, int page, int pageSize, Func<int, Post> at)
    {
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        if (page < 1 || page > pageCount)
            return null;
        var start = (page - 1) * pageSize;
        var posts = Enumerable.Range(start, Math.Min(pageSize, total - start)).Select(at).ToArray();
        return new PostPage(posts, page, pageCount, total);
    }

    private static Dictionary<string, Post> ByFileName(Dictionary<string, Post> bySlug)
    {
        var byFileName = new Dictionary<string, Post>(StringComparer.OrdinalIgnoreCase);
        foreach (var post in bySlug.Values.OrderBy(p => p.RelativePath, StringComparer.Ordinal))
            byFileName.TryAdd(Path.GetFileNameWithoutExtension(post.RelativePath), post);
        return byFileName;
    }

    /// <summary>Speakers from talk headings and front-matter lists, matched by slug; newest event first.</summary>
    private static Dictionary<string, Speaker> GroupSpeakers(Post[] byDateAscending)
    {
        var appearances = new Dictionary<string, (string Name, List<Appearance> List)>(StringComparer.Ordinal);
        void Add(string name, Appearance appearance)
        {
            var slug = Slugs.From(name);
            if (slug.Length == 0)
                return;
            if (!appearances.TryGetValue(slug, out var entry))
                appearances[slug] = entry = (name, []);
            entry.List.Add(appearance);
        }

        for (var i = byDateAscending.Length - 1; i >= 0; i--)
        {
            var post = byDateAscending[i];
            if (post.IsLinkPost)
                continue;
            var talks = post.Talks;
            foreach (var talk in talks)
            {
                foreach (var name in talk.Speakers)
                    Add(name, new Appearance(post, talk));
            }

            if (post.Speakers.Count == 0)
                continue;
            var inTalks = talks.SelectMany(t => t.Speakers).Select(Slugs.From).ToHashSet(StringComparer.Ordinal);
            foreach (var name in post.Speakers.Where(name => !inTalks.Contains(Slugs.From(name))))
                Add(name, new Appearance(post, null));
        }

        return appearances.ToDictionary(kv => kv.Key, kv => new Speaker(kv.Value.Name, kv.Key, kv.Value.List.ToArray()), StringComparer.Ordinal);
    }

    /// <summary>Posts by category or tag slug, newest first; the first spelling seen names the group.</summary>
    private static Dictionary<string, (Taxon, Post[])> Group(Post[] byDateAscending, Func<Post, IReadOnlyList<Taxon>> taxa)
    {
        var groups = new Dictionary<string, (Taxon Taxon, List<Post> Posts)>(StringComparer.Ordinal);
        for (var i = byDateAscending.Length - 1; i >= 0; i--)
        {
            foreach (var taxon in taxa(byDateAscending[i]))
            {
                if (!groups.TryGetValue(taxon.Slug, out var group))
                    groups[taxon.Slug] = group = (taxon, []);
                group.Posts.Add(byDateAscending[i]);
            }
        }

        return groups.ToDictionary(g => g.Key, g => (g.Value.Taxon, g.Value.Posts.ToArray()), StringComparer.Ordinal);
    }

    private static string NormalizePath(string path) => "/" + path.Trim().Trim('/').ToLowerInvariant();
}
