namespace EventsBlog.Content;

/// <summary>A talk: a <c>## Title - Speaker A, Speaker B</c> section of an event post.</summary>
/// <param name="Id">The section's id on the event page.</param>
public sealed record Talk(string Id, string Title, IReadOnlyList<string> Speakers);

/// <summary>
/// When and where an event happens, from the optional front-matter block
/// <c>event: { start, end, timezone, location, online, register, stream }</c>.
/// </summary>
/// <param name="Start">Null: the event is the post's date, all day.</param>
/// <param name="TimeZone">The IANA zone its times are in (the event's own, else <c>Blog:TimeZone</c>).</param>
public sealed record EventInfo(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string TimeZone,
    string? Location,
    bool Online,
    Uri? Register,
    Uri? Stream)
{
    public bool IsAllDay => Start is null;
}
