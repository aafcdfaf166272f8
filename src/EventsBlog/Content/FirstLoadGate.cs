namespace EventsBlog.Content;

/// <summary>
/// The server starts while the posts are read; a request that comes before the first snapshot waits for
/// it instead of being told that no post exists. Health checks answer at once (readiness says "loading").
/// </summary>
internal sealed class FirstLoadGate(RequestDelegate next, ContentStore store)
{
    public Task InvokeAsync(HttpContext context)
    {
        var loaded = store.Loaded;
        return loaded.IsCompleted || context.Request.Path.StartsWithSegments("/healthz")
            ? next(context)
            : WaitThenNext(context, loaded);
    }

    private async Task WaitThenNext(HttpContext context, Task loaded)
    {
        await loaded.WaitAsync(context.RequestAborted);
        await next(context);
    }
}
