using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace EventsBlog.Content;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz/live</c>: the process answers (no checks). <c>/healthz/ready</c> and <c>/healthz</c>: the posts
    /// are loaded, so traffic may come.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }
}
