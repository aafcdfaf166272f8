namespace EventsBlog.Discovery;

public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>Absolute URLs for feeds, calendars, sitemaps and link previews.</summary>
    public static IServiceCollection AddEventsDiscovery(this IServiceCollection services) => services.AddSingleton<SiteUrls>();

    /// <summary>Feeds, calendars, the sitemap and robots.txt.</summary>
    public static void MapDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeeds();
        endpoints.MapCalendars();
        endpoints.MapSitemap();
    }
}
