namespace EventsBlog.Content;

public static class OldPathRedirects
{
    /// <summary>
    /// Last-resort endpoint: an old address of a post (Hugo <c>aliases</c>, a site-relative <c>url</c>)
    /// answers 301 to the post; anything else is a 404.
    /// </summary>
    public static IEndpointConventionBuilder MapOldPathRedirects(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback("{**path}", (HttpContext context, ContentStore content) =>
            content.Current.FindByOldPath(context.Request.Path.Value ?? "/") is { } post
                ? Results.Redirect($"/events/{Uri.EscapeDataString(post.Slug)}", permanent: true)
                : Results.NotFound());
}
