namespace EventsBlog.Content;

public static class OldPathRedirects
{
    /// <summary>
    /// An address that nothing else answers (a 404 on its way out) but that is an old address of a post
    /// (Hugo <c>aliases</c>, a site-relative <c>url</c>, a <see cref="LegacyPermalinks"/> shape) answers 301
    /// to the post instead; this covers old addresses under the site's own routes too, such as <c>/events/old-name</c>.
    /// </summary>
    public static IApplicationBuilder UseOldPathRedirects(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            return;
        var index = context.RequestServices.GetRequiredService<ContentStore>().Current;
        var path = context.Request.Path.Value ?? "/";
        if ((index.FindByOldPath(path) ?? context.RequestServices.GetRequiredService<LegacyPermalinks>().Find(index, path)) is { } post)
            context.Response.Redirect($"/events/{Uri.EscapeDataString(post.Slug)}", permanent: true);
    });
}
