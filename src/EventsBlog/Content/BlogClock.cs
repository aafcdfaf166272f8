using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>"Today" in <c>Blog:TimeZone</c>, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class BlogClock(TimeProvider time, IOptions<BlogOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);
}
