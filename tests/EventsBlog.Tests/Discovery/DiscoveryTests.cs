using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using EventsBlog.Tests.Infrastructure;
using Ical.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventsBlog.Tests.Discovery;

/// <summary>Feeds, calendars, sitemap, robots and structured data, read back with real parsers.</summary>
public sealed partial class DiscoveryTests : AppTest
{
    private const string BaseUrl = "https://events.example.org";
    public DiscoveryTests()
    {
        Posts.Write("2020-08-01-online-summit.md", SamplePosts.Summit)
            .Write("berlin.md", """
                ---
                title: Berlin Meetup
                date: 2024-09-12
                categories: [meetups]
                thumbnail: /img/berlin.png
                event:
                  start: 2024-09-12 18:30
                  end: 2024-09-12 21:00
                  timezone: Europe/Berlin
                  location: Kreuzberg, Berlin
                  online: true
                  register: https://example.org/register
                  stream: https://example.org/live
                speakers: [Jonas Weber, {name: Emma Wilson}]
                ---

                An evening of talks.

                ## Stateful apps - Jonas Weber
                """)
            .Write("link.md", SamplePosts.Minimal("Elsewhere", "2023-01-01", extra: "url: https://example.org/elsewhere\ncategory: links"));
        for (var i = 0; i < 25; i++)
            Posts.Write($"old/post-{i:D2}.md", SamplePosts.Minimal($"Old {i}", $"2010-01-{i + 1:D2}"));
    }

    private HttpClient Client(bool withBaseUrl = true) =>
        App(withBaseUrl ? new() { ["Blog:BaseUrl"] = BaseUrl } : null).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Rss_feed_has_the_20_newest_posts_with_absolute_links_and_categories()
    {
        var response = await Client().GetAsync("/feed.xml");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);

        var items = feed.Items.ToArray();
        Assert.Equal(20, items.Length);
        Assert.Equal("Berlin Meetup", items[0].Title.Text);
        Assert.Equal($"{BaseUrl}/events/berlin", items[0].Links[0].Uri.AbsoluteUri);
        Assert.Equal("meetups", Assert.Single(items[0].Categories).Name);
        Assert.Equal("https://example.org/elsewhere", items[1].Links[0].Uri.AbsoluteUri);
        Assert.Equal($"{BaseUrl}/events/online-summit", items[2].Links[0].Uri.AbsoluteUri);
        Assert.All(items, item => Assert.True(item.Links[0].Uri.IsAbsoluteUri));
    }

    [Fact]
    public async Task Atom_feed_parses_and_links_from_the_request_without_a_base_url()
    {
        var response = await Client(withBaseUrl: false).GetAsync("/atom.xml");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal(20, feed.Items.Count());
        Assert.Equal("http://localhost/events/berlin", feed.Items.First().Links[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Every_page_links_its_feeds()
    {
        var html = await Client().GetStringAsync("/archive");
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\"", html);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", html);
    }

    [Fact]
    public async Task Calendars_load_back_with_times_and_zones()
    {
        var client = Client();
        var all = Calendar.Load(await client.GetStringAsync("/events.ics"))!;
        Assert.Equal(27, all.Events.Count);

        var one = Calendar.Load(await client.GetStringAsync("/events/berlin.ics"))!;
        var meetup = Assert.Single(one.Events);
        Assert.Equal("Berlin Meetup", meetup.Summary);
        Assert.Equal("Europe/Berlin", meetup.DtStart!.TzId);
        Assert.Equal(new DateTime(2024, 9, 12, 16, 30, 0, DateTimeKind.Utc), meetup.DtStart.AsUtc);
        Assert.Equal(new DateTime(2024, 9, 12, 19, 0, 0, DateTimeKind.Utc), meetup.DtEnd!.AsUtc);
        Assert.Equal("Kreuzberg, Berlin", meetup.Location);
        Assert.Equal(new Uri($"{BaseUrl}/events/berlin"), meetup.Url);
        Assert.Single(one.TimeZones);

        var summit = Assert.Single(Calendar.Load(await client.GetStringAsync("/events/online-summit.ics"))!.Events);
        Assert.True(summit.IsAllDay);
        Assert.Equal(new DateOnly(2020, 8, 1), summit.DtStart!.Date);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events/nope.ics")).StatusCode);
    }

    [Fact]
    public async Task Event_page_shows_times_place_registration_stream_and_calendar_links()
    {
        var factory = App(new() { ["Blog:BaseUrl"] = BaseUrl });
        factory.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var html = await factory.CreateClient().GetStringAsync("/events/berlin");

        Assert.Contains("Thursday 12 September 2024, 18:30–21:00 (Europe/Berlin)", html);
        Assert.Contains("<p class=\"event-place\">Kreuzberg, Berlin and online</p>", html);
        Assert.Contains("<a class=\"button\" href=\"https://example.org/register\" rel=\"noopener\">Register</a>", html);
        Assert.Contains("href=\"https://example.org/live\"", html);
        Assert.Contains("<a href=\"/events/berlin.ics\">iCalendar file</a>", html);
        Assert.Matches("href=\"https://calendar.google.com/calendar/render\\?action=TEMPLATE&amp;text=Berlin%20Meetup&amp;dates=20240912T163000Z%2F20240912T190000Z", html);

        factory.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 12, 19, 30, 0, TimeSpan.Zero)); // after it ended
        var client = factory.CreateClient();
        await Eventually.True(async () => !(await client.GetStringAsync("/events/berlin")).Contains(">Register</a>"), "registration is gone once the event ended");
        Assert.DoesNotContain(">Watch the live stream</a>", await client.GetStringAsync("/events/berlin"));
    }

    [Fact]
    public async Task Event_page_has_json_ld_event_with_talks_performers_and_video()
    {
        var html = await Client().GetStringAsync("/events/online-summit");
        var json = JsonLd().Match(html).Groups[1].Value;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("Event", root.GetProperty("@type").GetString());
        Assert.Equal("Online Open Source Summit 2020", root.GetProperty("name").GetString());
        Assert.Equal("2020-08-01", root.GetProperty("startDate").GetString());
        Assert.Equal("2020-08-01", root.GetProperty("endDate").GetString());
        Assert.Equal("https://schema.org/OnlineEventAttendanceMode", root.GetProperty("eventAttendanceMode").GetString());
        Assert.Equal("VirtualLocation", root.GetProperty("location").GetProperty("@type").GetString());
        var talks = root.GetProperty("subEvent").EnumerateArray().ToArray();
        Assert.Equal(2, talks.Length);
        Assert.Equal(["Aiko Tanaka", "Daniel Okafor"], talks[1].GetProperty("performer").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var video = root.GetProperty("video");
        Assert.Equal("VideoObject", video.GetProperty("@type").GetString());
        Assert.Equal("https://www.youtube-nocookie.com/embed/abc123XYZ_-", video.GetProperty("embedUrl").GetString());

        Assert.Contains("<meta property=\"og:video\" content=\"https://www.youtube-nocookie.com/embed/abc123XYZ_-\">", html);
        Assert.Contains($"<link rel=\"canonical\" href=\"{BaseUrl}/events/online-summit\">", html);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", html);
        Assert.Contains("<meta property=\"og:title\" content=\"Online Open Source Summit 2020\">", html);
        Assert.Contains("<meta property=\"og:image\" content=\"https://i.ytimg.com/vi/abc123XYZ_-/hqdefault.jpg\">", html);
        Assert.DoesNotContain("twitter:title", html); // said once, as og:title
    }

    [Fact]
    public async Task An_in_person_event_has_a_place_and_its_zone_in_json_ld()
    {
        var html = await Client().GetStringAsync("/events/berlin");
        using var document = JsonDocument.Parse(JsonLd().Match(html).Groups[1].Value);
        var root = document.RootElement;
        Assert.Equal("2024-09-12T18:30:00+02:00", root.GetProperty("startDate").GetString());
        Assert.Equal("https://schema.org/MixedEventAttendanceMode", root.GetProperty("eventAttendanceMode").GetString());
        var places = root.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("@type").GetString()!).ToArray();
        Assert.Equal(["Place", "VirtualLocation"], places);
        Assert.Contains($"<meta property=\"og:image\" content=\"{BaseUrl}/img/berlin.png\">", html);
    }

    [Fact]
    public async Task Sitemap_lists_every_served_post_and_listing_with_lastmod_and_robots_points_to_it()
    {
        var client = Client();
        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = sitemap.Root!.Elements(ns + "url").ToDictionary(u => u.Element(ns + "loc")!.Value, u => u.Element(ns + "lastmod")?.Value);

        Assert.Equal("2020-08-01", urls[$"{BaseUrl}/events/online-summit"]);
        Assert.Equal("2024-09-12", urls[$"{BaseUrl}/events/berlin"]);
        Assert.Equal(27, urls.Keys.Count(u => u.Contains("/events/")));
        Assert.DoesNotContain(urls.Keys, u => u.Contains("elsewhere"));
        foreach (var listing in new[] { "/", "/archive", "/speakers", "/videos", "/categories/meetups", "/tags/cloud", "/speakers/jonas-weber" })
            Assert.NotNull(urls[BaseUrl + listing]);

        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains($"Sitemap: {BaseUrl}/sitemap.xml", robots);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();
}
