using EventsBlog.Content;
using Microsoft.AspNetCore.OutputCaching;

namespace EventsBlog.Hosting;

/// <summary>
/// After each new snapshot, evicts the cached pages it made stale: every listing, and the page of each
/// slug whose post changed, appeared or went. A snapshot rebuilt because time moved (a publish or expiry
/// instant, an event ending) also evicts every event page, whose "upcoming" parts may have changed.
/// </summary>
internal sealed class OutputCacheEvictor(ContentStore store, IOutputCacheStore cache, ILogger<OutputCacheEvictor> logger) : BackgroundService
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
                    await EvictAsync(previous, current, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Evicting cached pages failed; they expire within 10 minutes");
                }

                previous = current;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task EvictAsync(ContentIndex previous, ContentIndex current, CancellationToken cancellation)
    {
        await cache.EvictByTagAsync(SitePagesCachePolicy.ListingsTag, cancellation);
        var timeMoved = previous.ValidUntil is { } due && current.AsOf >= due;
        var slugs = previous.SlugOwners.Select(x => x.Slug).Union(current.SlugOwners.Select(x => x.Slug))
            .Where(slug => timeMoved || !ReferenceEquals(previous.FindPost(slug), current.FindPost(slug)))
            .ToArray();
        foreach (var slug in slugs)
            await cache.EvictByTagAsync(SitePagesCachePolicy.EventTag(slug), cancellation);
        logger.LogDebug("Output cache: evicted the listings and {Count} event pages", slugs.Length);
    }
}
