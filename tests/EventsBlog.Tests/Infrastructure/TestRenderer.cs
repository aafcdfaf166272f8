using EventsBlog.Content;
using EventsBlog.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Infrastructure;

/// <summary>The app's real rendering services, wired as the app wires them, for unit tests.</summary>
public static class TestRenderer
{
    public static MarkdownRenderer Create(BlogOptions? options = null)
    {
        options ??= new BlogOptions();
        if (options.Embeds.AllowedHosts.Length == 0)
            options.Embeds.AllowedHosts = EmbedOptions.DefaultAllowedHosts;
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<MediaFiles>();
        services.AddEventsRendering();
        return services.BuildServiceProvider().GetRequiredService<MarkdownRenderer>();
    }
}
