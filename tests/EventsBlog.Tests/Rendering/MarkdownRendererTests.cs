using EventsBlog.Content;
using EventsBlog.Rendering;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Rendering;

public class MarkdownRendererTests
{
    private static readonly IOptions<BlogOptions> Options = Microsoft.Extensions.Options.Options.Create(new BlogOptions
    {
        Embeds = new EmbedOptions { AllowedHosts = EmbedOptions.DefaultAllowedHosts },
    });

    private static readonly MarkdownRenderer Renderer = TestRenderer.Create(new BlogOptions { Embeds = new EmbedOptions { Mode = EmbedMode.Iframe } });
    private static readonly MarkdownRenderer FacadeRenderer = TestRenderer.Create();

    private static RenderedPost Render(string markdown, string title = "The Event") => Renderer.Render(new Post
    {
        RelativePath = "event.md",
        Slug = "event",
        Title = title,
        Date = new DateOnly(2020, 8, 1),
        Markdown = markdown,
        BodyLine = 5,
    });

    private static string AllHtml(RenderedPost rendered) => (rendered.LeadVideoHtml ?? "") + rendered.BodyHtml;

    [Fact]
    public void Summit_post_gives_lead_video_talks_with_speakers_and_resources()
    {
        var post = new PostParser(Options).Parse("summit.md", System.Text.Encoding.UTF8.GetBytes(SamplePosts.Summit)).Post!;
        var rendered = Renderer.Render(post);

        Assert.Equal(new Uri("https://www.youtube-nocookie.com/embed/abc123XYZ_-"), rendered.LeadVideo!.EmbedUrl);
        Assert.Equal(new Uri("https://www.youtube.com/watch?v=abc123XYZ_-"), rendered.LeadVideo.WatchUrl);
        Assert.Equal("YouTube", rendered.LeadVideo.Provider);
        Assert.DoesNotContain("iframe", rendered.BodyHtml);
        Assert.Equal(
            [
                new Talk("lightning-talk-build-caches-tom-becker", "Lightning talk: Build Caches", ["Tom Becker"]),
                new Talk("deep-dive-observability-aiko-tanaka-daniel-okafor", "Deep dive: Observability", ["Aiko Tanaka", "Daniel Okafor"]),
            ],
            rendered.Talks,
            new TalkComparer());
        Assert.Contains("""<h2 id="deep-dive-observability-aiko-tanaka-daniel-okafor">Deep dive: Observability<a class="heading-anchor" href="#deep-dive-observability-aiko-tanaka-daniel-okafor" aria-label="Link to this section">#</a></h2>""", rendered.BodyHtml);
        Assert.Contains("""<a class="speaker" href="/speakers/aiko-tanaka">Aiko Tanaka</a>, <a class="speaker" href="/speakers/daniel-okafor">Daniel Okafor</a>""", rendered.BodyHtml);
        Assert.Contains("""<h2 id="resources">Resources<a class="heading-anchor" href="#resources" """, rendered.BodyHtml);
        Assert.Contains("""<a href="https://example.org/slides">Slides</a>""", rendered.BodyHtml);
        Assert.Contains("""<div class="embed"><iframe src="https://www.youtube-nocookie.com/embed/abc123XYZ_-" title="Online Open Source Summit 2020" loading="lazy" allowfullscreen""", rendered.LeadVideoHtml);
    }

    private sealed class TalkComparer : IEqualityComparer<Talk>
    {
        public bool Equals(Talk? x, Talk? y) => x!.Id == y!.Id && x.Title == y.Title && x.Speakers.SequenceEqual(y.Speakers);

        public int GetHashCode(Talk obj) => obj.Id.GetHashCode();
    }

    [Theory]
    [InlineData("Title - A, B", "Title", "A|B")]
    [InlineData("Title – A and B", "Title", "A|B")]
    [InlineData("Title — A & B", "Title", "A|B")]
    [InlineData("Cloud-Native Day - Jean-Luc Picard", "Cloud-Native Day", "Jean-Luc Picard")]
    [InlineData("Part 1 - Intro - Ann, Bob and Cy", "Part 1 - Intro", "Ann|Bob|Cy")]
    public void Talk_headings_split_on_the_last_spaced_separator(string heading, string title, string speakers)
    {
        Assert.True(MarkdownRenderer.TryParseTalk(heading, out var parsedTitle, out var parsedSpeakers));
        Assert.Equal(title, parsedTitle);
        Assert.Equal(speakers.Split('|'), parsedSpeakers);
    }

    [Theory]
    [InlineData("Centaurus")]
    [InlineData("Resources")]
    [InlineData("Cloud-Native Day")]
    [InlineData("Jean-Luc's corner")]
    public void Headings_without_a_spaced_separator_are_plain_sections(string heading) =>
        Assert.False(MarkdownRenderer.TryParseTalk(heading, out _, out _));

    [Fact]
    public void Heading_ids_are_unique_within_a_page()
    {
        var html = Render("## Resources\n\n## Resources\n\n### Résumé 2020!\n").BodyHtml;
        Assert.Contains("""<h2 id="resources">""", html);
        Assert.Contains("""<h2 id="resources-1">""", html);
        Assert.Contains("""<h3 id="résumé-2020">""", html);
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=abc123", "https://www.youtube-nocookie.com/embed/abc123")]
    [InlineData("https://youtu.be/abc123", "https://www.youtube-nocookie.com/embed/abc123")]
    [InlineData("<https://www.youtube.com/live/abc123>", "https://www.youtube-nocookie.com/embed/abc123")]
    [InlineData("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871")]
    [InlineData("https://www.bilibili.com/video/BV1GJ411x7h7", "https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7")]
    [InlineData("{{< youtube abc123 >}}", "https://www.youtube-nocookie.com/embed/abc123")]
    [InlineData("{{< youtube id=\"abc123\" autoplay=\"true\" >}}", "https://www.youtube-nocookie.com/embed/abc123")]
    [InlineData("{{% youtube abc123 %}}", "https://www.youtube-nocookie.com/embed/abc123")]
    [InlineData("{{< vimeo 76979871 >}}", "https://player.vimeo.com/video/76979871")]
    [InlineData("{% youtube abc123 %}", "https://www.youtube-nocookie.com/embed/abc123")]
    [InlineData("[youtube:abc123]", "https://www.youtube-nocookie.com/embed/abc123")]
    public void Every_shorthand_becomes_the_same_embed(string shorthand, string embedUrl)
    {
        var rendered = Render($"Intro.\n\n## Talk - Ann\n\n{shorthand}\n\nAfter.");
        var video = Assert.Single(rendered.Videos);
        Assert.Equal(new Uri(embedUrl), video.EmbedUrl);
        Assert.Equal("Talk", video.Title);
        Assert.Contains($"""<div class="embed"><iframe src="{embedUrl.Replace("&", "&amp;")}" title="Talk" loading="lazy" allowfullscreen""", rendered.BodyHtml);
        Assert.DoesNotContain("{{", rendered.BodyHtml);
        Assert.DoesNotContain("{%", rendered.BodyHtml);
        Assert.DoesNotContain("[youtube", rendered.BodyHtml);
        Assert.DoesNotContain("<p></p>", rendered.BodyHtml);
    }

    [Fact]
    public void By_default_an_embed_is_a_click_to_load_placeholder_that_links_to_the_video()
    {
        var rendered = FacadeRenderer.Render(new Post { RelativePath = "e.md", Slug = "e", Title = "Meetup & More", Date = default, Markdown = "Intro\n\n<iframe src=\"https://www.youtube.com/embed/abc123\"></iframe>\n\n## Talk - Ann\n\n<iframe src=\"//player.vimeo.com/video/42\" title=\"Ann's talk\"></iframe>\n" });

        Assert.Equal(
            """<div class="embed embed-facade" data-embed-src="https://www.youtube-nocookie.com/embed/abc123" data-embed-title="Meetup &amp; More"><a class="embed-play" href="https://www.youtube.com/watch?v=abc123" rel="noopener"><span class="embed-text"><span class="embed-title">Meetup &amp; More</span><span class="embed-provider">Play on YouTube</span></span><span class="embed-button" aria-hidden="true"></span></a></div>""",
            rendered.LeadVideoHtml);
        Assert.Contains("""data-embed-src="https://player.vimeo.com/video/42" data-embed-title="Ann&#39;s talk"><a class="embed-play" href="https://vimeo.com/42" """, rendered.BodyHtml);
        Assert.DoesNotContain("<iframe", rendered.BodyHtml + rendered.LeadVideoHtml);
    }

    [Fact]
    public void A_video_url_inside_a_sentence_stays_a_link()
    {
        var rendered = Render("Watch https://youtu.be/abc123 later.");
        Assert.Empty(rendered.Videos);
        Assert.Contains("""<a href="https://youtu.be/abc123">""", rendered.BodyHtml);
    }

    [Fact]
    public void Nothing_inside_code_is_converted()
    {
        var rendered = Render("`{{< youtube abc >}}` and\n\n```\n{{< youtube abc >}}\n[youtube:abc]\n<iframe src=\"https://evil.example/x\"></iframe>\n```\n\n    {% youtube abc %}\n");
        Assert.Empty(rendered.Videos);
        Assert.Contains("<code>{{&lt; youtube abc &gt;}}</code>", rendered.BodyHtml);
        Assert.Contains("{{&lt; youtube abc &gt;}}\n[youtube:abc]\n&lt;iframe", rendered.BodyHtml);
        Assert.Contains("{% youtube abc %}", rendered.BodyHtml);
    }

    [Fact]
    public void Other_shortcodes_and_liquid_tags_are_removed_keeping_inner_text_with_warnings()
    {
        var rendered = Render("{{% alert title=\"Note\" %}}Mind the gap.{{% /alert %}}\n\nSee {{< ref \"other.md\" >}} and {{ site.url }}.\n\n{% include note.html %}\n\n{{< tweet user=\"x\" id=\"1\" >}}");
        Assert.Contains("<p>Mind the gap.</p>", rendered.BodyHtml);
        Assert.Contains("<p>See  and .</p>", rendered.BodyHtml);
        Assert.DoesNotContain("{{", rendered.BodyHtml);
        Assert.DoesNotContain("{%", rendered.BodyHtml);
        Assert.DoesNotContain("tweet", rendered.BodyHtml);
        Assert.Equal(5, rendered.Diagnostics.Count);
        Assert.All(rendered.Diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Contains(rendered.Diagnostics, d => d.Line == 5 && d.Message.Contains("{{% alert title=\"Note\" %}} was removed"));
        Assert.Contains(rendered.Diagnostics, d => d.Line == 11 && d.Message.Contains("{{< tweet"));
    }

    [Fact]
    public void Raw_shows_its_content_literally_and_highlight_becomes_code()
    {
        var rendered = Render("Use `{% raw %}{{ layout }}{% endraw %}` or {% raw %}{{ page.title }}{% endraw %} or {% raw %}`{% post_url %}` *x*{% endraw %}.\n\n{% raw %}\n```liquid\n{{ \"/x\" | relative_url }}\n```\n{% endraw %}\n\n{% highlight ruby %}\nputs \"hi\"\n{% endhighlight %}\n");
        Assert.Contains("<code>{{ layout }}</code>", rendered.BodyHtml);
        Assert.Contains("or {{ page.title }} or <code>{% post_url %}</code> <em>x</em>.", rendered.BodyHtml);
        Assert.Contains("""<pre><code class="language-liquid">{{ &quot;/x&quot; | relative_url }}""", rendered.BodyHtml);
        Assert.Contains("""<pre><code class="language-ruby">puts &quot;hi&quot;""", rendered.BodyHtml);
        Assert.DoesNotContain("raw %}", rendered.BodyHtml);
        Assert.DoesNotContain("highlight", rendered.BodyHtml);
        Assert.Empty(rendered.Diagnostics);
    }

    [Fact]
    public void Scripts_event_handlers_styles_objects_and_forms_are_removed()
    {
        var rendered = Render("""
            Hello <span onclick="steal()" style="color:red">there</span> <img src="x.png" onerror="alert(1)" alt="pic">

            <script>alert('xss')</script>

            <style>body { display: none }</style>

            <div class="note" style="position:fixed"><object data="x.swf"></object><form action="/x"><input name="q"></form>Kept text</div>
            """);
        var html = rendered.BodyHtml;
        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("style", html);
        Assert.DoesNotContain("display: none", html);
        Assert.DoesNotContain("<object", html);
        Assert.DoesNotContain("<form", html);
        Assert.DoesNotContain("<input", html);
        Assert.Contains("<span>there</span>", html);
        Assert.Contains("""<img src="x.png" alt="pic">""", html);
        Assert.Contains("Kept text", html);
        Assert.Contains(rendered.Diagnostics, d => d.Message.Contains("<script> was removed") && d.Line == 7);
        Assert.Contains(rendered.Diagnostics, d => d.Message.Contains("attribute 'onerror' of <img> was removed"));
    }

    [Fact]
    public void Angle_bracket_words_that_are_not_html_are_shown_as_written()
    {
        var rendered = Render("Connect to <hostip>:<hostport> and </hostport> then <section>x</section>.");
        Assert.Contains("Connect to &lt;hostip&gt;:&lt;hostport&gt; and &lt;/hostport&gt; then x.", rendered.BodyHtml);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("[click](vbscript:msgbox)")]
    public void Unsafe_link_schemes_are_dropped_and_the_text_kept(string markdown)
    {
        var rendered = Render(markdown);
        Assert.DoesNotContain("script:", rendered.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", rendered.BodyHtml);
        Assert.Contains("click", rendered.BodyHtml);
        Assert.NotEmpty(rendered.Diagnostics);
    }

    [Fact]
    public void Safe_links_keep_http_https_mailto_and_relative_urls()
    {
        var html = Render("[a](https://x.org) [b](http://x.org) [c](mailto:me@x.org) [d](/events/x) [e](../y#z) [f](#top)").BodyHtml;
        foreach (var href in new[] { "https://x.org", "http://x.org", "mailto:me@x.org", "/events/x", "../y#z", "#top" })
            Assert.Contains($"href=\"{href}\"", html);
    }

    [Fact]
    public void A_frame_from_a_host_not_allowed_becomes_a_link_with_a_warning()
    {
        var rendered = Render("Intro\n\n<iframe src=\"https://evil.example/embed/1\" width=\"560\"></iframe>\n");
        Assert.Empty(rendered.Videos);
        Assert.DoesNotContain("<iframe", AllHtml(rendered));
        Assert.Contains("""<a href="https://evil.example/embed/1" rel="nofollow noopener">https://evil.example/embed/1</a>""", rendered.BodyHtml);
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.Equal(7, warning.Line);
        Assert.Contains("not allowed (https://evil.example/embed/1)", warning.Message);
    }

    [Fact]
    public void Protocol_relative_bilibili_frame_is_kept_over_https()
    {
        var rendered = Render("<iframe src=\"//player.bilibili.com/player.html?aid=12345&page=1\" scrolling=\"no\" border=\"0\" frameborder=\"no\" allowfullscreen=\"true\"></iframe>");
        var video = Assert.Single(rendered.Videos);
        Assert.Equal("https://player.bilibili.com/player.html?aid=12345&page=1", video.EmbedUrl.AbsoluteUri);
        Assert.Equal("bilibili", video.Provider);
        Assert.Equal("The Event", video.Title);
        Assert.Contains("""src="https://player.bilibili.com/player.html?aid=12345&amp;page=1" title="The Event" loading="lazy" allowfullscreen""", AllHtml(rendered));
        Assert.Empty(rendered.Diagnostics);
    }

    [Fact]
    public void A_frame_nested_in_other_html_is_embedded_in_place()
    {
        var rendered = Render("## Talk - Ann\n\n<div class=\"video\"><iframe src=\"https://player.vimeo.com/video/1\"></iframe></div>\n");
        Assert.Single(rendered.Videos);
        Assert.Contains("""<div><div class="embed"><iframe src="https://player.vimeo.com/video/1" title="Talk" loading="lazy" allowfullscreen""", rendered.BodyHtml);
    }

    [Fact]
    public void Lead_video_is_only_an_embed_before_the_first_talk_section()
    {
        var rendered = Render("Intro\n\n## Talk - Ann\n\n{{< youtube abc >}}\n");
        Assert.Null(rendered.LeadVideo);
        Assert.Contains("<iframe", rendered.BodyHtml);
    }

    [Fact]
    public void Advanced_markdown_extensions_are_on()
    {
        var html = Render("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nText[^1]\n\n[^1]: Note.\n\nSee www.example.org\n").BodyHtml;
        Assert.Contains("<table>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("class=\"footnotes\"", html);
        Assert.Contains("href=\"http://www.example.org\"", html);
    }

    [Fact]
    public void Generic_attributes_cannot_inject_event_handlers()
    {
        var html = Render("# Title {onclick=\"alert(1)\"}\n\n[x](https://a.org){onmouseover=alert(1)}").BodyHtml;
        Assert.DoesNotContain("onclick=\"", html);
        Assert.DoesNotContain("onmouseover=\"", html);
    }
}
