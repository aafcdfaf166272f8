using Microsoft.AspNetCore.HttpLogging;

namespace EventsBlog.Hosting;

/// <summary>
/// Writes the request id into each request's log line itself. ASP.NET's per-request log scope carried it
/// before, but that scope (and the Activity made with it) cost about 1 KB per request on a cached hit; it
/// is turned off in appsettings.json (<c>Microsoft.AspNetCore.Hosting.Diagnostics: None</c>).
/// </summary>
internal sealed class RequestIdLogging : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        logContext.AddParameter("RequestId", logContext.HttpContext.TraceIdentifier);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
