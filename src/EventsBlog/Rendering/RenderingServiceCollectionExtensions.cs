using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace EventsBlog.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>Markdown rendering, embeds, the raw-HTML sanitizer, the render cache, and UTF-8 page text.</summary>
    public static IServiceCollection AddEventsRendering(this IServiceCollection services)
    {
        services.AddSingleton<EmbedPolicy>();
        services.AddSingleton<EmbedHtml>();
        services.AddSingleton<RawHtmlSanitizer>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PostRenderCache>();
        services.AddSingleton<VideoCatalog>();
        // Pages carry non-ASCII text as characters, not numeric entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }
}
