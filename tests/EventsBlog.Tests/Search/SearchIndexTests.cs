using System.Net;
using EventsBlog.Search;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventsBlog.Tests.Search;

/// <summary>Search through HTTP over the real Lucene index.</summary>
public sealed class SearchIndexTests : AppTest
{
    public SearchIndexTests()
    {
        Posts.Write("body.md", SamplePosts.Minimal("Cloud Storage Evening", "2021-01-01", body: "We talked about kafka for hours, and about kafka again."))
            .Write("title.md", SamplePosts.Minimal("Kafka Day", "2020-01-01", body: "A day of talks."))
            .Write("speaker.md", SamplePosts.Minimal("Spring Meetup", "2022-01-01", body: "Intro.\n\n## Streams - Franz Kafka"))
            .Write("cjk.md", SamplePosts.Minimal("云原生社区 Meetup 成都站", "2021-05-01", body: "欢迎来到云原生社区成都站，讨论服务网格。"))
            .Write("script.md", SamplePosts.Minimal("<b>Tag</b> & more", "2019-01-01", body: "Kafka <script>alert(1)</script> everywhere."));
    }

    private async Task<BlogFactory> ReadyFactory()
    {
        var factory = App();
        factory.CreateClient();
        var index = factory.Services.GetRequiredService<SearchIndex>();
        await Eventually.True(() => Task.FromResult(index.IsReady), "the search index is built");
        return factory;
    }

    [Fact]
    public async Task Title_and_speaker_matches_rank_above_body_matches_with_highlighted_snippets()
    {
        var client = (await ReadyFactory()).CreateClient();
        var html = await client.GetStringAsync("/search?q=kafka");

        var main = System.Text.RegularExpressions.Regex.Match(html, "<main.*</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.True(main.Contains("4 events match “kafka”"), main);
        var title = html.IndexOf("/events/title\"", StringComparison.Ordinal);
        var speaker = html.IndexOf("/events/speaker\"", StringComparison.Ordinal);
        var body = html.IndexOf("/events/body\"", StringComparison.Ordinal);
        Assert.True(title > 0 && speaker > 0 && body > 0);
        Assert.True(title < body && speaker < body, "title and speaker hits come before the body-only hit");
        Assert.Contains("<mark>Kafka</mark> Day", html);
        Assert.Contains("We talked about <mark>kafka</mark>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>Tag", html);
    }

    [Fact]
    public async Task Chinese_text_is_findable()
    {
        var client = (await ReadyFactory()).CreateClient();
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("服务网格"));
        Assert.Contains("1 event matches", html);
        Assert.Contains("/events/cjk", html);
        Assert.Contains("<mark>服务网格</mark>", html);
    }

    [Fact]
    public async Task An_empty_result_says_so_and_a_long_query_is_refused()
    {
        var client = (await ReadyFactory()).CreateClient();
        Assert.Contains("No events match “quantum knitting”.", await client.GetStringAsync("/search?q=quantum+knitting"));

        var response = await client.GetAsync("/search?q=" + new string('x', 201));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The query is too long: 201 characters, and at most 200 are searched.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=" + new string('x', 200))).StatusCode);
    }

    [Fact]
    public async Task Search_follows_live_changes()
    {
        var client = (await ReadyFactory()).CreateClient();
        Assert.Contains("No events match", await client.GetStringAsync("/search?q=zeppelin"));

        Posts.Write("new.md", SamplePosts.Minimal("Zeppelin Night", "2023-01-01"));
        await Eventually.True(async () => (await client.GetStringAsync("/search?q=zeppelin")).Contains("/events/new"), "the new post is found");

        Posts.Write("new.md", SamplePosts.Minimal("Blimp Night", "2023-01-01"));
        await Eventually.True(async () => (await client.GetStringAsync("/search?q=blimp")).Contains("/events/new"), "the edited post is found by its new title");
        Assert.Contains("No events match", await client.GetStringAsync("/search?q=zeppelin"));

        Posts.Write("new.md", SamplePosts.Minimal("Zeppelin Night", "2023-01-01"));
        await Eventually.True(async () => (await client.GetStringAsync("/search?q=zeppelin")).Contains("/events/new"), "and by the old one again");

        File.Delete(Path.Combine(Posts.Path, "new.md"));
        await Eventually.True(async () => (await client.GetStringAsync("/search?q=zeppelin")).Contains("No events match"), "the deleted post is gone");
    }

    [Fact]
    public async Task Query_syntax_is_taken_literally()
    {
        var client = (await ReadyFactory()).CreateClient();
        foreach (var query in new[] { "title:(", "\"unclosed", "AND OR NOT", "*", "a~~", "[1 TO", "\\" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=" + Uri.EscapeDataString(query))).StatusCode);
    }

    [Fact]
    public async Task Quoted_words_runs_of_chinese_and_talk_titles_match_without_word_positions()
    {
        // The index keeps no word positions: a query that needed them (a phrase) would fail with an error page.
        var client = (await ReadyFactory()).CreateClient();

        var quoted = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("\"kafka again\""));
        Assert.Contains("1 event matches", quoted);
        Assert.Contains("/events/body", quoted);

        var chinese = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("云原生社区成都"));
        Assert.Contains("1 event matches", chinese);
        Assert.Contains("/events/cjk", chinese);

        var talk = await client.GetStringAsync("/search?q=streams");
        Assert.Contains("1 event matches", talk);
        Assert.Contains("/events/speaker", talk);
    }

    [Fact]
    public async Task The_site_header_has_a_search_box()
    {
        var html = await App().CreateClient().GetStringAsync("/");
        Assert.Contains("<form class=\"site-search\" role=\"search\" aria-label=\"Site search\" action=\"/search\" method=\"get\">", html);
    }

    [Fact]
    public async Task Until_the_first_index_is_built_search_says_so_instead_of_partial_results()
    {
        var store = new EventsBlog.Content.ContentStore();
        using var index = new SearchIndex(store, Microsoft.Extensions.Logging.Abstractions.NullLogger<SearchIndex>.Instance);
        Assert.False(index.Search("kafka").IsReady);

        await index.StartAsync(CancellationToken.None);
        Assert.False(index.Search("kafka").IsReady); // nothing loaded yet
        await index.StopAsync(CancellationToken.None);
    }
}
