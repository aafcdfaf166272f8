using EventsBlog.Content;

namespace EventsBlog.Hosting;

/// <summary>
/// After each new snapshot, evicts the cached pages it made stale: every listing, and the page of each
/// slug whose post changed, appeared or went. A snapshot rebuilt because time moved (a publish or expiry
/// instant, an event ending) also evicts every event page, whose "upcoming" parts may have changed.
/// </summary>
internal sealed class PageCacheEvictor(ContentStore store, PageCache cache, ILogger<PageCacheEvictor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = store.NextPublish;
        var previous = store.Current;
        try
        {
            while (true)
            {
                await next.WaitAsync(stoppingToken);
                // Take the next signal before reading the snapshot: a publish during eviction is not missed.
                next = store.NextPublish;
                var current = store.Current;
                try
                {
                    logger.LogDebug("Page cache: evicted {Count} pages", cache.Evict(StaleTags(previous, current)));
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Evicting cached pages failed; they expire within {MaxAge}", PageCache.MaxAge);
                }

                previous = current;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static Func<string, bool> StaleTags(ContentIndex previous, ContentIndex current)
    {
        if (previous.ValidUntil is { } due && current.AsOf >= due)
            return _ => true;
        // Applied in place: only the changed files' slugs can differ; otherwise every slug is compared.
        var candidates = current.ChangesSince(previous) is { } changes
            ? changes.SelectMany(c => c.Slugs)
            : previous.SlugOwners.Select(x => x.Slug).Union(current.SlugOwners.Select(x => x.Slug));
        // Tags come from request paths, whose case may differ from the slug's.
        var stale = candidates
            .Where(slug => !ReferenceEquals(previous.FindPost(slug), current.FindPost(slug)))
            .Select(PageCache.EventTag)
            .Append(PageCache.ListingsTag)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return stale.Contains;
    }
}
