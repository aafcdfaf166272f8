using System.Text;
using EventsBlog.Content;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Content;

public class PostParserTests
{
    private static PostParseResult Parse(string text, string path = "post.md", int maxBytes = 1024 * 1024) =>
        ParseBytes(Encoding.UTF8.GetBytes(text), path, maxBytes);

    private static PostParseResult ParseBytes(byte[] bytes, string path = "post.md", int maxBytes = 1024 * 1024) =>
        new PostParser(Options.Create(new BlogOptions { MaxPostBytes = maxBytes })).Parse(path, bytes);

    private static Post Accepted(PostParseResult result)
    {
        Assert.False(result.IsRejected, string.Join("\n", result.Diagnostics));
        return result.Post!;
    }

    private static Diagnostic Rejection(PostParseResult result)
    {
        Assert.True(result.IsRejected);
        return Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Summit_post_gives_title_date_taxonomy_summary_and_body()
    {
        var post = Accepted(Parse(SamplePosts.Summit, "2020-08-01-online-summit.md"));

        Assert.Equal("Online Open Source Summit 2020", post.Title);
        Assert.Equal(new DateOnly(2020, 8, 1), post.Date);
        Assert.Equal("online-summit", post.Slug);
        Assert.Equal([new Taxon("events", "events")], post.Categories);
        Assert.Equal(["open-source", "cloud"], post.Tags.Select(t => t.Slug));
        Assert.Equal("A whole day of talks, streamed to 40 countries.", post.Summary);
        Assert.Contains("## Deep dive: Observability - Aiko Tanaka, Daniel Okafor", post.Markdown);
        Assert.Equal(7, post.BodyLine);
        Assert.False(post.IsDraft);
    }

    [Theory]
    [InlineData("2020-08-01", 2020, 8, 1)]
    [InlineData("\"2020-08-01\"", 2020, 8, 1)]
    [InlineData("2021-6-7", 2021, 6, 7)]
    [InlineData("2022-05-25 10:00:00+00:00", 2022, 5, 25)]
    [InlineData("2013-05-06 02:12:52 +0200", 2013, 5, 6)]
    [InlineData("2021-01-31T23:30:00-08:00", 2021, 1, 31)]
    [InlineData("2020-08-01T10:00:00.000Z", 2020, 8, 1)]
    public void Dates_keep_the_calendar_day_as_written(string written, int year, int month, int day)
    {
        var post = Accepted(Parse(SamplePosts.Minimal("T", written)));
        Assert.Equal(new DateOnly(year, month, day), post.Date);
    }

    [Fact]
    public void Date_comes_from_a_file_name_prefix_when_absent()
    {
        var post = Accepted(Parse("---\ntitle: Hello\n---\nBody", "news/2019-2-3-hello-world.markdown"));
        Assert.Equal(new DateOnly(2019, 2, 3), post.Date);
        Assert.Equal("hello-world", post.Slug);
    }

    [Fact]
    public void Keys_match_case_insensitively_and_numbers_are_titles()
    {
        var post = Accepted(Parse("---\nTitle: 2020\nDate: 2020-01-02\nDescription: Short one\n---\nBody"));
        Assert.Equal("2020", post.Title);
        Assert.Equal("Short one", post.Summary);
    }

    [Fact]
    public void Crlf_and_bom_are_read_like_plain_utf8()
    {
        var text = "---\r\ntitle: Café + Croissants & Code\r\ndate: 2020-08-01\r\n---\r\n\r\nBonjour à tous.\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var post = Accepted(ParseBytes(bytes));
        Assert.Equal("Café + Croissants & Code", post.Title);
        Assert.Equal("Bonjour à tous.", post.Summary);
        Assert.DoesNotContain('\r', post.Markdown);
    }

    [Fact]
    public void Categories_and_tags_accept_lists_and_strings()
    {
        var post = Accepted(Parse(SamplePosts.Minimal("T", extra: "category: talks & videos\ncategories: jekyll update\ntags: a, b c, a")));
        Assert.Equal(["talks & videos", "jekyll", "update"], post.Categories.Select(c => c.Name));
        Assert.Equal(["talks-videos", "jekyll", "update"], post.Categories.Select(c => c.Slug));
        Assert.Equal(["a", "b c"], post.Tags.Select(t => t.Name));
    }

    [Fact]
    public void Optional_keys_are_mapped()
    {
        var post = Accepted(Parse(SamplePosts.Minimal("T", extra: """
            authors: [Ann, {name: Bob}]
            image: /img/cover.png
            lang: zh
            link: https://example.org/event
            aliases: [/old/one/, old/two]
            draft: true
            unknown_key: {nested: [1, 2]}
            """)));
        Assert.Equal(["Ann", "Bob"], post.Authors);
        Assert.Equal("/img/cover.png", post.Thumbnail);
        Assert.Equal("zh", post.Language);
        Assert.Equal("https://example.org/event", post.EventLink);
        Assert.Equal(["/old/one", "/old/two"], post.OldPaths);
        Assert.True(post.IsDraft);
    }

    [Fact]
    public void Absolute_url_makes_a_link_post_and_relative_url_an_old_path()
    {
        Assert.Equal(new Uri("https://example.org/elsewhere"), Accepted(Parse(SamplePosts.Minimal("T", extra: "url: https://example.org/elsewhere"))).ExternalUrl);
        var moved = Accepted(Parse(SamplePosts.Minimal("T", extra: "url: /blog/2021/03/x/")));
        Assert.Null(moved.ExternalUrl);
        Assert.Equal(["/blog/2021/03/x"], moved.OldPaths);
    }

    [Fact]
    public void Duplicate_key_is_a_warning_and_the_later_value_wins()
    {
        var result = Parse("---\ntitle: First\ndate: 2020-01-01\ntitle: Second\n---\nBody");
        Assert.Equal("Second", Accepted(result).Title);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((Severity.Warning, 4), (warning.Severity, warning.Line));
        Assert.Contains("duplicate front-matter key 'title'", warning.Message);
    }

    [Theory]
    [InlineData("---\ntitle: Hello\ndate: 2020-01-01\n---\nBody", "hello-world.md", "hello-world")]
    [InlineData("---\ntitle: Hello\ndate: 2020-01-01\nslug: My Custom  Slug!\n---\nBody", "x.md", "my-custom-slug")]
    [InlineData("---\ntitle: Hello\ndate: 2020-01-01\n---\nBody", "Arktos v0.7.md", "arktos-v0-7")]
    [InlineData("---\ntitle: Hello\ndate: 2020-01-01\n---\nBody", "2020-summit/index.md", "2020-summit")]
    [InlineData("---\ntitle: Hello\ndate: 2020-01-01\n---\nBody", "2021-05-01-云原生 社区.md", "云原生-社区")]
    public void Slug_comes_from_front_matter_or_file_name(string text, string path, string slug) =>
        Assert.Equal(slug, Accepted(Parse(text, path)).Slug);

    [Theory]
    [InlineData("Just text, no front matter.", 1, "no front matter")]
    [InlineData("---\ntitle: Never closed\ndate: 2020-01-01\n\nBody", 1, "not closed")]
    [InlineData("---\ntitle: Ok\ndate: 2020-01-01\ntags: [a, b\n---\nBody", 5, "YAML syntax error")]
    [InlineData("---\ntitle: Fine\ntags: [unclosed\ndate: 2020-01-01\n---\nBody", 3, "a '[' or '{' is not closed")]
    [InlineData("---\ntitle: \"unterminated\ndate: 2020-01-01\n---\nBody", 2, "YAML syntax error")]
    [InlineData("---\ndate: 2020-01-01\n---\nBody", 1, "missing title")]
    [InlineData("---\ndate: 2020-01-01\ntitle: \"  \"\n---\nBody", 3, "title is empty")]
    [InlineData("---\ntitle: [a, b]\ndate: 2020-01-01\n---\nBody", 2, "'title' has the wrong kind of value")]
    [InlineData("---\ntitle: Bad date\n\ndate: 2020-13-45\n---\nBody", 4, "invalid date '2020-13-45'")]
    [InlineData("---\ntitle: No date\n---\nBody", 1, "missing date")]
    [InlineData("   \n\n", 1, "empty")]
    [InlineData("---\n- a\n- b\n---\nBody", 2, "must be 'key: value' lines")]
    public void Broken_posts_are_rejected_with_line_and_reason(string text, int line, string reason)
    {
        var error = Rejection(Parse(text, "broken/post.md"));
        Assert.Equal("broken/post.md", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Empty_file_is_rejected_at_line_1() =>
        Assert.Contains("empty", Rejection(ParseBytes([])).Message);

    [Fact]
    public void Binary_file_is_rejected_at_line_1()
    {
        var error = Rejection(ParseBytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]));
        Assert.Equal(1, error.Line);
        Assert.Contains("binary", error.Message);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_at_the_line_holding_it()
    {
        var bytes = Encoding.UTF8.GetBytes("---\ntitle: Caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\ndate: 2020-01-01\n---\n")).ToArray();
        var error = Rejection(ParseBytes(bytes));
        Assert.Equal(2, error.Line);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void Oversized_file_is_rejected()
    {
        var error = Rejection(Parse(SamplePosts.Minimal("Big", body: new string('x', 2000)), maxBytes: 1000));
        Assert.Equal(1, error.Line);
        Assert.Contains("more than Blog:MaxPostBytes", error.Message);
    }

    [Fact]
    public void Summary_skips_headings_html_and_shortcodes_and_gives_plain_text()
    {
        var post = Accepted(Parse(SamplePosts.Minimal("T", body: """
            # Heading

            {{< youtube abc >}}

            <div>html</div>

            Hello **bold** [link](https://example.org) and `code` {{< ref "x" >}}.
            Second line.

            Next paragraph.
            """)));
        Assert.Equal("Hello bold link and code . Second line.", post.Summary);
    }

    [Fact]
    public void Keys_that_take_one_value_accept_a_list_with_a_warning()
    {
        var result = Parse(SamplePosts.Minimal("T", extra: "category: [talks, videos]\nsummary: [One line., Another.]\nslug: [first, second]\nlang: [de]\nauthor: {name: Ann}"));
        var post = Accepted(result);
        Assert.Equal(["talks", "videos"], post.Categories.Select(c => c.Name));
        Assert.Equal("One line. Another.", post.Summary);
        Assert.Equal("first", post.Slug);
        Assert.Equal("de", post.Language);
        Assert.Equal(["Ann"], post.Authors);
        Assert.Contains(result.Diagnostics, d => d is { Severity: Severity.Warning, Line: 6 } && d.Message == "'slug' takes one value; 'first' is used");
    }

    [Theory]
    [InlineData("0000-01-01")]
    [InlineData("٢٠٢٠-٠١-٠١")]
    [InlineData("2020-02-30")]
    public void Impossible_dates_are_rejected_as_invalid(string date)
    {
        var error = Rejection(Parse(SamplePosts.Minimal("T", date)));
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"invalid date '{date}'", error.Message);
    }

    [Fact]
    public void A_year_zero_file_name_does_not_break_a_post_with_a_date()
    {
        var post = Accepted(Parse(SamplePosts.Minimal("T", "2020-01-01"), "0000-01-01-odd.md"));
        Assert.Equal("odd", post.Slug);
    }

    [Fact]
    public void Summary_skips_indented_code_and_video_shorthands()
    {
        var post = Accepted(Parse(SamplePosts.Minimal("T", body: "    indented code\n\n[youtube:abc]\n\nWatch [youtube:abc] now.")));
        Assert.Equal("Watch now.", post.Summary);
    }

    [Fact]
    public void Posts_parsed_by_one_parser_share_the_names_they_have_in_common()
    {
        var parser = new PostParser(Options.Create(new BlogOptions()));
        Post Read(string path, string tags, string speaker) => Accepted(parser.Parse(path, Encoding.UTF8.GetBytes(
            $"---\ntitle: {path}\ndate: 2024-05-01\ncategory: events\ntags: [{tags}]\nauthors: [Ann]\nspeakers: [Zoe]\n---\n\n## Keynote - {speaker}, Bob\n")));

        var first = Read("a.md", "Cloud, Go", "Carl");
        var second = Read("b.md", "go, Cloud", "Carl");

        Assert.Same(first.Categories[0], second.Categories[0]);
        Assert.Same(first.Tags[0], second.Tags[1]);
        Assert.Equal(["go", "go"], [first.Tags[1].Slug, second.Tags[0].Slug]);
        Assert.NotSame(first.Tags[1], second.Tags[0]); // "Go" and "go": one slug, each post keeps the name as written
        Assert.Same(first.Talks[0].Speakers[0], second.Talks[0].Speakers[0]);
        Assert.Same(first.Talks[0].Speakers[1], second.Talks[0].Speakers[1]);
        Assert.Same(first.Authors[0], second.Authors[0]);
        Assert.Same(first.Speakers[0], second.Speakers[0]);
        Assert.Equal("Carl", second.Talks[0].Speakers[0]);
    }

    [Fact]
    public void Talks_are_found_in_the_body_each_time_they_are_asked_for_not_held()
    {
        var parser = new PostParser(Options.Create(new BlogOptions()));
        var post = Accepted(parser.Parse("a.md", Encoding.UTF8.GetBytes(
            "---\ntitle: Meetup\ndate: 2024-05-01\n---\n\nIntro.\n\n## Keynote - Ann, Bob\n\n## Panel - Carl\n")));
        post.CompressBody();

        var first = post.Talks;
        var second = post.Talks;

        Assert.NotSame(first, second); // held, the talks of 10,000 posts were about 10 MB
        Assert.Equal(["keynote-ann-bob", "panel-carl"], second.Select(t => t.Id));
        Assert.Equal(["Ann", "Bob", "Carl"], second.SelectMany(t => t.Speakers));
        Assert.Same(first[0].Speakers[0], second[0].Speakers[0]);
    }
}
