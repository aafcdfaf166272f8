using System.Text;
using EventsBlog.Content;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace EventsBlog.Discovery;

/// <summary>iCalendar (RFC 5545, by Ical.Net): <c>/events.ics</c> with every event, <c>/events/{slug}.ics</c> with one.</summary>
public static class CalendarEndpoints
{
    public static void MapCalendars(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/events.ics", (HttpContext context, ContentStore content, SiteUrls urls, BlogClock clock) =>
            Calendar(context, urls, clock, content.Current.NewestFirst.Where(p => !p.IsLinkPost)));
        endpoints.MapGet("/events/{slug}.ics", (HttpContext context, string slug, ContentStore content, SiteUrls urls, BlogClock clock) =>
            content.Current.FindPost(slug) is { } post ? Calendar(context, urls, clock, [post]) : Results.NotFound());
    }

    private static IResult Calendar(HttpContext context, SiteUrls urls, BlogClock clock, IEnumerable<Post> posts)
    {
        var calendar = new Calendar { ProductId = "-//EventsBlog//EN" };
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            var (start, end, zone, allDay) = EventTimes.Local(post, clock.Zone);
            var page = urls.Post(context.Request, post);
            var item = new CalendarEvent
            {
                Uid = $"{post.Slug}@{new Uri(urls.Root(context.Request)).Host}",
                Summary = post.Title,
                Description = $"{post.Summary}\n\n{page}".Trim(),
                Url = page,
                Location = post.Event?.Location ?? (post.Event?.Online == true ? "Online" : null),
                // Stable stamp (not "now"), so the same content gives the same bytes.
                DtStamp = new CalDateTime(post.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), hasTime: true),
                DtStart = allDay ? new CalDateTime(DateOnly.FromDateTime(start)) : new CalDateTime(start, zone.Id, hasTime: true),
                DtEnd = allDay ? new CalDateTime(DateOnly.FromDateTime(end)) : new CalDateTime(end, zone.Id, hasTime: true),
            };
            calendar.Events.Add(item);
            if (!allDay && zones.Add(zone.Id))
                calendar.AddTimeZone(zone.Id);
        }

        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return Results.Text(text, "text/calendar; charset=utf-8", Encoding.UTF8);
    }
}
