using System.Globalization;
using EventsBlog.Content;

namespace EventsBlog.Discovery;

/// <summary>When an event happens, as people and calendars read it.</summary>
public static class EventTimes
{
    /// <summary>Start and end in the event's own zone; an all-day event is its date.</summary>
    public static (DateTime Start, DateTime End, TimeZoneInfo Zone, bool AllDay) Local(Post post, TimeZoneInfo siteZone)
    {
        var zone = post.Event is { } info && TimeZoneInfo.TryFindSystemTimeZoneById(info.TimeZone, out var own) ? own : siteZone;
        if (post.Event is { Start: { } start } timed)
        {
            var localStart = TimeZoneInfo.ConvertTime(start, zone).DateTime;
            var localEnd = timed.End is { } end ? TimeZoneInfo.ConvertTime(end, zone).DateTime : localStart.AddHours(1);
            return (localStart, localEnd, zone, false);
        }

        var day = post.Date.ToDateTime(TimeOnly.MinValue);
        return (day, day.AddDays(1), zone, true);
    }

    /// <summary>"Saturday 1 August 2020, 18:00–21:00 (Europe/Berlin)" or "Saturday 1 August 2020".</summary>
    public static string Describe(Post post, TimeZoneInfo siteZone)
    {
        var (start, end, zone, allDay) = Local(post, siteZone);
        var culture = CultureInfo.InvariantCulture;
        if (allDay)
            return post.Date.ToString("dddd d MMMM yyyy", culture);
        var day = start.ToString("dddd d MMMM yyyy, HH:mm", culture);
        var until = end.Date == start.Date ? end.ToString("HH:mm", culture) : end.ToString("dddd d MMMM yyyy, HH:mm", culture);
        return $"{day}–{until} ({zone.Id})";
    }

    /// <summary>A Google Calendar "add event" link: a plain link, nothing is requested until the visitor follows it.</summary>
    public static Uri GoogleCalendarLink(Post post, string summary, TimeZoneInfo siteZone, Uri page)
    {
        var (start, end, zone, allDay) = Local(post, siteZone);
        var dates = allDay
            ? $"{start:yyyyMMdd}/{end:yyyyMMdd}"
            : $"{TimeZoneInfo.ConvertTimeToUtc(start, zone):yyyyMMdd'T'HHmmss'Z'}/{TimeZoneInfo.ConvertTimeToUtc(end, zone):yyyyMMdd'T'HHmmss'Z'}";
        var query = new Dictionary<string, string?>
        {
            ["action"] = "TEMPLATE",
            ["text"] = post.Title,
            ["dates"] = dates,
            ["details"] = $"{summary}\n\n{page}".Trim(),
            ["location"] = post.Event?.Location ?? (post.Event?.Online == true ? post.Event.Stream?.AbsoluteUri ?? "Online" : null),
        };
        return new Uri(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("https://calendar.google.com/calendar/render", query));
    }
}
