using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventsBlog.Content;

/// <summary>Healthy once the first snapshot of posts has been loaded.</summary>
internal sealed class ContentHealthCheck(ContentStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var index = store.Current;
        return Task.FromResult(index.IsLoaded
            ? HealthCheckResult.Healthy($"{index.Count} posts loaded, {index.RejectedFiles.Count} rejected")
            : HealthCheckResult.Unhealthy("posts are still loading"));
    }
}
