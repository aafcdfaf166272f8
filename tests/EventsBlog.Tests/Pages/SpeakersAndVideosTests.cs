using System.Net;
using EventsBlog.Tests.Infrastructure;

namespace EventsBlog.Tests.Pages;

/// <summary>Speaker pages from talk headings and front-matter lists; the video listing.</summary>
public sealed class SpeakersAndVideosTests : AppTest
{
    public SpeakersAndVideosTests()
    {
        Posts.Write("2020-08-01-online-summit.md", SamplePosts.Summit)
            .Write("panel.md", SamplePosts.Minimal("Panel Night", "2022-03-03", extra: "speaker: [Aiko Tanaka, {name: Zoë Müller}]\npresenters: [Bob]",
                body: "Intro.\n\n## Keynote – Aiko Tanaka and Bob\n\nhttps://vimeo.com/42\n\n## Q&A\n\n{{< youtube qa123 >}}"));
    }

    [Fact]
    public async Task Speakers_come_from_headings_and_front_matter_with_their_talk_counts()
    {
        var client = App().CreateClient();
        var list = await client.GetStringAsync("/speakers");
        Assert.Contains("<a href=\"/speakers/aiko-tanaka\">Aiko Tanaka</a> <span class=\"count\">2 talks</span>", list);
        Assert.Contains("<a href=\"/speakers/zoë-müller\">Zoë Müller</a> <span class=\"count\">1 talk</span>", list);
        Assert.Contains("<a href=\"/speakers/tom-becker\">Tom Becker</a>", list);
        Assert.Contains("<a href=\"/speakers/bob\">Bob</a> <span class=\"count\">1 talk</span>", list);

        var aiko = await client.GetStringAsync("/speakers/aiko-tanaka");
        Assert.Contains("<a class=\"talk-link\" href=\"/events/panel#keynote-aiko-tanaka-and-bob\">Keynote</a>", aiko);
        Assert.Contains("<a class=\"talk-link\" href=\"/events/online-summit#deep-dive-observability-aiko-tanaka-daniel-okafor\">Deep dive: Observability</a>", aiko);
        Assert.True(aiko.IndexOf("panel#", StringComparison.Ordinal) < aiko.IndexOf("online-summit#", StringComparison.Ordinal), "newest first");

        var zoe = await client.GetStringAsync("/speakers/" + Uri.EscapeDataString("zoë-müller"));
        Assert.Contains("<a class=\"talk-link\" href=\"/events/panel\">Panel Night</a>", zoe);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/speakers/nobody")).StatusCode);
    }

    [Fact]
    public async Task Talk_ids_found_at_load_time_match_the_rendered_page()
    {
        var client = App().CreateClient();
        foreach (var (slug, ids) in new[] { ("online-summit", new[] { "lightning-talk-build-caches-tom-becker", "deep-dive-observability-aiko-tanaka-daniel-okafor" }), ("panel", new[] { "keynote-aiko-tanaka-and-bob" }) })
        {
            var page = await client.GetStringAsync($"/events/{slug}");
            foreach (var id in ids)
                Assert.Contains($"<h2 id=\"{id}\">", page);
        }
    }

    [Fact]
    public async Task Videos_lists_every_embed_newest_first_with_event_talk_and_speakers_as_placeholders()
    {
        var html = await App().CreateClient().GetStringAsync("/videos");
        var vimeo = html.IndexOf("data-embed-src=\"https://player.vimeo.com/video/42\"", StringComparison.Ordinal);
        var qa = html.IndexOf("data-embed-src=\"https://www.youtube-nocookie.com/embed/qa123\"", StringComparison.Ordinal);
        var summit = html.IndexOf("data-embed-src=\"https://www.youtube-nocookie.com/embed/abc123XYZ_-\"", StringComparison.Ordinal);
        Assert.True(vimeo > 0 && qa > vimeo && summit > qa, "three videos, newest event first, in page order");
        Assert.Contains("<a href=\"/events/panel#keynote-aiko-tanaka-and-bob\">Keynote</a>", html);
        Assert.Contains("<a class=\"speaker\" href=\"/speakers/bob\">Bob</a>", html);
        Assert.DoesNotContain("<iframe", html);
    }
}
