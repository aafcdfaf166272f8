using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>"Now" from the injected <see cref="TimeProvider"/>, and the site's time zone (<c>Blog:TimeZone</c>).</summary>
public sealed class BlogClock(TimeProvider time, IOptions<BlogOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset Now => time.GetUtcNow();

    public TimeZoneInfo Zone => _zone;
}
