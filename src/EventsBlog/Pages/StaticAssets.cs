using Microsoft.Net.Http.Headers;

namespace EventsBlog.Pages;

public static class StaticAssets
{
    /// <summary>
    /// Assets linked with <c>asp-append-version</c> carry their content hash in <c>?v=</c>: cached for a
    /// year and immutable. Without it, a short cache so that a deploy shows at once.
    /// </summary>
    public static StaticFileOptions CacheFingerprinted() => new()
    {
        OnPrepareResponse = context =>
            context.Context.Response.Headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=300",
    };
}
