using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

public static class PreviewEndpoints
{
    /// <summary>
    /// In preview mode only: a Server-Sent Events stream that sends <c>reload</c> once the post shown at
    /// <c>?slug=</c> changes (or, without a slug, once anything changes). A 404 otherwise.
    /// </summary>
    public static IEndpointConventionBuilder MapPreviewChanges(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/_preview/changes", async (HttpContext context, ContentStore store, IOptions<BlogOptions> options, string? slug) =>
        {
            if (!options.Value.Preview)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var shown = slug is null ? null : store.Current.FindPost(slug);
            await context.Response.WriteAsync(": watching\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                while (true)
                {
                    await store.NextPublish.WaitAsync(context.RequestAborted);
                    if (slug is null || !ReferenceEquals(store.Current.FindPost(slug), shown))
                        break;
                }

                await context.Response.WriteAsync("event: reload\ndata: changed\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The tab was closed.
            }
        });
}
