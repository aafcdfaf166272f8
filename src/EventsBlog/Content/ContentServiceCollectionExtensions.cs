using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>Options, parser, the post index and its loading, "today", and the health check.</summary>
    public static IServiceCollection AddEventsContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BlogOptions>()
            .Bind(configuration.GetSection(BlogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<BlogOptions>, BlogOptionsDefaults>();
        services.AddSingleton<IValidateOptions<BlogOptions>, BlogOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BlogClock>();
        services.AddSingleton<MediaFiles>();
        services.AddSingleton<PostParser>();
        services.AddSingleton<PostLoader>();
        services.AddSingleton<StartupCache>();
        services.AddSingleton<ContentStore>();
        services.AddSingleton<FirstAnswer>();
        services.AddSingleton<LegacyPermalinks>();
        services.AddSingleton<PostChecker>();
        services.AddSingleton<ContentService>();
        services.AddHostedService(provider => provider.GetRequiredService<ContentService>());
        services.AddHealthChecks().AddCheck<ContentHealthCheck>("content", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Requests wait here for the first posts (<see cref="FirstLoadGate"/>); and the posts start loading now, not
    /// when the host starts: the rest of the app is wired and the server started while they are read.
    /// </summary>
    public static void UseFirstLoadGate(this WebApplication app)
    {
        app.Services.GetRequiredService<ContentService>().StartLoading();
        app.UseMiddleware<FirstLoadGate>();
    }
}
