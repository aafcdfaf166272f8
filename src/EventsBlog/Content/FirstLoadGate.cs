namespace EventsBlog.Content;

/// <summary>
/// The server starts while the posts are read; a request that comes before the first snapshot waits for
/// it instead of being told that no post exists. Health checks answer at once (readiness says "loading").
/// The first answer after the load lets the start-up work that waited for it begin (<see cref="FirstAnswer"/>).
/// </summary>
internal sealed class FirstLoadGate(RequestDelegate next, ContentStore store, FirstAnswer firstAnswer)
{
    public Task InvokeAsync(HttpContext context) =>
        firstAnswer.HasAnswered || context.Request.Path.StartsWithSegments("/healthz")
            ? next(context)
            : WaitThenNext(context);

    private async Task WaitThenNext(HttpContext context)
    {
        await store.Loaded.WaitAsync(context.RequestAborted);
        try
        {
            await next(context);
        }
        finally
        {
            firstAnswer.Answered();
        }
    }
}
