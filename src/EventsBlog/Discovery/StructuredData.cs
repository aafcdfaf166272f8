using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventsBlog.Content;
using EventsBlog.Rendering;

namespace EventsBlog.Discovery;

/// <summary>schema.org JSON-LD for an event page: the <c>Event</c>, its talks as <c>subEvent</c>s, its <c>VideoObject</c>.</summary>
public static class StructuredData
{
    // The default encoder escapes '<', '>' and '&': the JSON can sit in a <script> element safely.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Default };

    public static string Event(RenderedPost rendered, string summary, Uri page, string siteTitle, Uri siteRoot, Uri? image, TimeZoneInfo siteZone)
    {
        var post = rendered.Post;
        var (start, end, zone, allDay) = EventTimes.Local(post, siteZone);
        string Instant(DateTime local) => allDay
            ? DateOnly.FromDateTime(local).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        var online = post.Event?.Online ?? (post.Event?.Location is null && rendered.Videos.Count > 0);
        var place = post.Event?.Location;
        var mode = (online, place) switch
        {
            (true, not null) => "MixedEventAttendanceMode",
            (true, null) => "OnlineEventAttendanceMode",
            _ => "OfflineEventAttendanceMode",
        };
        var locations = new JsonArray();
        if (place is not null || !online)
            locations.Add(new JsonObject { ["@type"] = "Place", ["name"] = place ?? siteTitle, ["address"] = place ?? siteTitle });
        if (online)
            locations.Add(new JsonObject { ["@type"] = "VirtualLocation", ["url"] = (post.Event?.Stream ?? page).AbsoluteUri });

        var startDate = Instant(start);
        var endDate = Instant(allDay ? start : end);
        var data = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = post.Title,
            ["description"] = summary,
            ["url"] = page.AbsoluteUri,
            ["startDate"] = startDate,
            ["endDate"] = endDate,
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/" + mode,
            ["location"] = locations.Count == 1 ? locations[0]!.DeepClone() : locations,
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = siteTitle, ["url"] = siteRoot.AbsoluteUri },
        };
        if (image is not null)
            data["image"] = new JsonArray(image.AbsoluteUri);
        if (rendered.Talks.Count > 0)
        {
            data["subEvent"] = new JsonArray(rendered.Talks.Select(talk => (JsonNode)new JsonObject
            {
                ["@type"] = "Event",
                ["name"] = talk.Title,
                ["url"] = $"{page.AbsoluteUri}#{talk.Id}",
                ["startDate"] = startDate,
                ["endDate"] = endDate,
                ["eventAttendanceMode"] = "https://schema.org/" + mode,
                ["location"] = locations.Count == 1 ? locations[0]!.DeepClone() : locations.DeepClone(),
                ["performer"] = new JsonArray(talk.Speakers.Select(name => (JsonNode)new JsonObject { ["@type"] = "Person", ["name"] = name }).ToArray()),
            }).ToArray());
        }

        if ((rendered.LeadVideo ?? rendered.Videos.FirstOrDefault()) is { } video)
            data["video"] = VideoObject(video, post, summary);
        return data.ToJsonString(Json);
    }

    private static JsonObject VideoObject(Video video, Post post, string summary)
    {
        var videoObject = new JsonObject
        {
            ["@type"] = "VideoObject",
            ["name"] = video.Title,
            ["description"] = summary.Length > 0 ? summary : video.Title,
            ["embedUrl"] = video.EmbedUrl.AbsoluteUri,
            ["url"] = video.WatchUrl.AbsoluteUri,
            ["uploadDate"] = post.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (Thumbnail(video) is { } thumbnail)
            videoObject["thumbnailUrl"] = thumbnail.AbsoluteUri;
        return videoObject;
    }

    /// <summary>YouTube's still for a video (an address in metadata; the page itself never loads it).</summary>
    public static Uri? Thumbnail(Video video) =>
        video.WatchUrl.Host == "www.youtube.com" && System.Web.HttpUtility.ParseQueryString(video.WatchUrl.Query)["v"] is { Length: > 0 } id
            ? new Uri($"https://i.ytimg.com/vi/{Uri.EscapeDataString(id)}/hqdefault.jpg")
            : null;
}
