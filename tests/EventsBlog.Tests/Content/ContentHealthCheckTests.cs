using EventsBlog.Content;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventsBlog.Tests.Content;

public class ContentHealthCheckTests
{
    [Fact]
    public async Task Unhealthy_until_the_first_snapshot_is_published()
    {
        var store = new ContentStore();
        var check = new ContentHealthCheck(store);

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        store.Publish(ContentIndex.Build([], showDrafts: false, DateTimeOffset.UnixEpoch));
        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal("0 posts loaded, 0 rejected", healthy.Description);
    }
}
