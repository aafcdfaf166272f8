namespace EventsBlog.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>The full-text index, built in the background and kept in step with the content.</summary>
    public static IServiceCollection AddEventsSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndex>();
        services.AddHostedService(provider => provider.GetRequiredService<SearchIndex>());
        services.AddHostedService<StartupCompaction>();
        return services;
    }
}
