using System.Text;
using EventsBlog.Content;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Content;

public class ContentIndexTests
{
    private static readonly PostParser Parser = new(Options.Create(new BlogOptions()));
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static PostParseResult Parse(string path, string text) => Parser.Parse(path, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Duplicate_slug_goes_to_the_path_that_sorts_first_and_the_other_is_rejected()
    {
        var index = ContentIndex.Build(
        [
            Parse("b/event.md", SamplePosts.Minimal("B")),
            Parse("a/event.md", SamplePosts.Minimal("A")),
        ], showDrafts: false, Now);

        Assert.Equal("A", index.FindPost("event")!.Title);
        Assert.Equal(["b/event.md"], index.RejectedFiles);
        var error = Assert.Single(index.Diagnostics);
        Assert.Equal(("b/event.md", Severity.Error), (error.File, error.Severity));
        Assert.Contains("duplicate slug 'event': 'a/event.md' already uses it", error.Message);
    }

    [Fact]
    public void Drafts_and_link_posts_do_not_compete_for_a_slug()
    {
        var index = ContentIndex.Build(
        [
            Parse("a/event.md", SamplePosts.Minimal("Draft", extra: "draft: true")),
            Parse("b/event.md", SamplePosts.Minimal("Link", extra: "url: https://example.org/x")),
            Parse("c/event.md", SamplePosts.Minimal("Real")),
        ], showDrafts: false, Now);

        Assert.Equal("Real", index.FindPost("event")!.Title);
        Assert.Empty(index.RejectedFiles);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Drafts_are_served_when_shown()
    {
        var index = ContentIndex.Build([Parse("d.md", SamplePosts.Minimal("Draft", extra: "draft: true"))], showDrafts: true, Now);
        Assert.True(index.FindPost("d")!.IsDraft);
    }

    [Fact]
    public void Home_lists_upcoming_soonest_first_then_past_newest_first_in_pages()
    {
        var index = ContentIndex.Build(
            new[] { "2020-01-01", "2024-06-14", "2024-06-15", "2024-07-01", "2025-01-01", "2019-05-05" }
                .Select(date => Parse($"{date}.md", SamplePosts.Minimal(date, date))),
            showDrafts: false, Now);

        var first = index.Home(page: 1, pageSize: 4)!;
        var second = index.Home(page: 2, pageSize: 4)!;

        Assert.Equal(["2024-06-15", "2024-07-01", "2025-01-01", "2024-06-14"], first.Posts.Select(p => p.Title));
        Assert.Equal(["2020-01-01", "2019-05-05"], second.Posts.Select(p => p.Title));
        Assert.Equal(2, first.PageCount);
        Assert.Null(index.Home(page: 3, pageSize: 4));
        Assert.Null(index.Home(page: 0, pageSize: 4));
    }

    [Fact]
    public void An_old_path_claimed_twice_stays_with_the_first_post_and_warns()
    {
        var index = ContentIndex.Build(
        [
            Parse("a.md", SamplePosts.Minimal("A", extra: "aliases: [/old]")),
            Parse("b.md", SamplePosts.Minimal("B", extra: "aliases: [/old/]")),
        ], showDrafts: false, Now);
        Assert.Equal("a", index.FindByOldPath("/old")!.Slug);
        var warning = Assert.Single(index.Diagnostics);
        Assert.Equal(("b.md", Severity.Warning), (warning.File, warning.Severity));
        Assert.Contains("already redirects to 'a.md'", warning.Message);
    }

    [Fact]
    public void Old_paths_are_found_with_or_without_slashes_and_case()
    {
        var index = ContentIndex.Build([Parse("x.md", SamplePosts.Minimal("X", extra: "aliases: [/Blog/2021/Old-Post/]"))], showDrafts: false, Now);
        Assert.Equal("x", index.FindByOldPath("/blog/2021/old-post")!.Slug);
        Assert.Equal("x", index.FindByOldPath("/BLOG/2021/old-post/")!.Slug);
        Assert.Null(index.FindByOldPath("/blog/2021"));
    }

    [Fact]
    public void Posts_show_between_publish_and_expiry_and_the_snapshot_knows_when_to_rebuild()
    {
        var results = new[]
        {
            Parse("later.md", SamplePosts.Minimal("Later", extra: "publishDate: 2024-06-15T13:00:00Z")),
            Parse("gone.md", SamplePosts.Minimal("Gone", extra: "expiryDate: 2024-06-15T12:00:00Z")),
            Parse("going.md", SamplePosts.Minimal("Going", extra: "expiryDate: 2024-06-20")),
            Parse("now.md", SamplePosts.Minimal("Now", extra: "publishDate: 2024-06-15 11:59:59+00:00")),
        };

        var index = ContentIndex.Build(results, showDrafts: false, Now);
        Assert.Null(index.FindPost("later"));
        Assert.Null(index.FindPost("gone"));
        Assert.NotNull(index.FindPost("going"));
        Assert.NotNull(index.FindPost("now"));
        Assert.Equal(new DateTimeOffset(2024, 6, 15, 13, 0, 0, TimeSpan.Zero), index.ValidUntil);

        var after = ContentIndex.Build(results, showDrafts: false, index.ValidUntil!.Value);
        Assert.NotNull(after.FindPost("later"));
        Assert.Equal(new DateTimeOffset(2024, 6, 20, 0, 0, 0, TimeSpan.Zero), after.ValidUntil);
    }
}
