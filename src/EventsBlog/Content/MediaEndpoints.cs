using Microsoft.AspNetCore.StaticFiles;

namespace EventsBlog.Content;

public static class MediaEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// <c>/media/{path}?v={hash}</c>: pictures beside posts. With the current hash the answer is
    /// cacheable forever (a replaced picture gets a new URL); otherwise briefly.
    /// </summary>
    public static IEndpointConventionBuilder MapMedia(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/media/{**path}", (HttpContext context, string path, string? v, MediaFiles media) =>
        {
            if (!media.TryGetFile(path, out var fullPath, out var hash))
                return Results.NotFound();
            context.Response.Headers.CacheControl = v == hash ? "public, max-age=31536000, immutable" : "public, max-age=60";
            ContentTypes.TryGetContentType(fullPath, out var contentType);
            return Results.File(fullPath, contentType ?? "application/octet-stream", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{hash}\""));
        });
}
