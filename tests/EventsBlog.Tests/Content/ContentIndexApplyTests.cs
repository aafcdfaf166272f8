using System.Text;
using EventsBlog.Content;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Content;

/// <summary>
/// <see cref="ContentIndex.TryApply"/> against <see cref="ContentIndex.Build"/>: after any sequence of
/// adds, edits and deletes, a snapshot changed in place answers every question as one built from scratch.
/// </summary>
public sealed class ContentIndexApplyTests
{
    private static readonly PostParser Parser = new(Options.Create(new BlogOptions()));
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Few names and slugs, so that files collide; every kind of post the index treats apart.</summary>
    private static string RandomPost(Random random, int version)
    {
        var date = new DateOnly(2024, 6, 1).AddDays(random.Next(-3, 40));
        string[] titles = ["Summit", "Meetup", "Talks", "Summit"];
        var extra = random.Next(12) switch
        {
            0 => "draft: true",
            1 => "url: https://example.org/elsewhere",
            2 => $"slug: shared-{random.Next(2)}",
            3 => "aliases: [/old/address]",
            4 => "publishDate: 2024-07-01",
            5 => "event: { start: 2024-06-15 18:00, end: 2024-06-15 21:00 }",
            6 => "tags: [dotnet, cloud]\ncategory: meetups",
            _ => "",
        };
        var speaker = random.Next(3) == 0 ? "" : $"\n\n## A talk - Speaker {random.Next(4)}";
        return random.Next(15) == 0
            ? "---\ntitle: [broken\n---\n"
            : $"---\ntitle: {titles[random.Next(titles.Length)]} {random.Next(3)}\ndate: {date:yyyy-MM-dd}\n{extra}\n---\n\nVersion {version}.{speaker}\n";
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Applied_changes_answer_as_a_full_build(int seed)
    {
        var random = new Random(seed);
        var files = Enumerable.Range(0, 12).Select(i => $"{(char)('a' + i)}/post-{i % 5}.md").ToArray();
        var results = new Dictionary<string, PostParseResult>(StringComparer.Ordinal);
        foreach (var file in files.Where(_ => random.Next(2) == 0))
            results[file] = Parser.Parse(file, Encoding.UTF8.GetBytes(RandomPost(random, 0)));
        var index = ContentIndex.Build(results.Values, showDrafts: false, Now);
        var applied = 0;

        for (var step = 1; step <= 400; step++)
        {
            var changes = new List<FileChange>();
            foreach (var file in files.OrderBy(_ => random.Next()).Take(random.Next(1, 3)))
            {
                var before = results.GetValueOrDefault(file);
                PostParseResult? after = random.Next(4) == 0 ? null : Parser.Parse(file, Encoding.UTF8.GetBytes(RandomPost(random, step)));
                if (after is null)
                    results.Remove(file);
                else
                    results[file] = after;
                changes.Add(new FileChange(file, before, after));
            }

            var built = ContentIndex.Build(results.Values, showDrafts: false, Now);
            if (index.TryApply(changes, showDrafts: false, Now) is { } changed)
            {
                AssertSameAnswers(built, changed, $"seed {seed}, step {step}");
                index = changed;
                applied++;
            }
            else
            {
                index = built;
            }
        }

        Assert.True(applied > 100, $"only {applied} of 400 changes were applied in place");
    }

    [Fact]
    public void Once_time_passes_an_instant_of_the_snapshot_it_is_built_again()
    {
        var upcoming = Parser.Parse("a.md", Encoding.UTF8.GetBytes("---\ntitle: Tonight\ndate: 2024-06-15\n---\n\nSoon.\n"));
        var index = ContentIndex.Build([upcoming], showDrafts: false, Now);
        var change = new FileChange("b.md", null, Parser.Parse("b.md", Encoding.UTF8.GetBytes("---\ntitle: Other\ndate: 2024-01-01\n---\n\nText.\n")));

        Assert.NotNull(index.TryApply([change], showDrafts: false, Now.AddHours(1)));
        Assert.Null(index.TryApply([change], showDrafts: false, index.ValidUntil!.Value)); // the event ended: "upcoming" moves
        Assert.Null(index.TryApply([change], showDrafts: false, Now.AddHours(-1)));
    }

    private static void AssertSameAnswers(ContentIndex built, ContentIndex changed, string context)
    {
        static string[] Paths(IEnumerable<Post> posts) => posts.Select(p => p.RelativePath).ToArray();

        Assert.True(Paths(built.NewestFirst).SequenceEqual(Paths(changed.NewestFirst)), $"{context}: listing");
        for (var page = 1; built.Home(page, 3) is { } expected; page++)
            Assert.True(Paths(expected.Posts).SequenceEqual(Paths(changed.Home(page, 3)!.Posts)), $"{context}: home page {page}");
        Assert.Equal(built.Count, changed.Count);
        foreach (var slug in built.NewestFirst.Concat(changed.NewestFirst).Select(p => p.Slug).Append("shared-0").Append("shared-1"))
            Assert.True(ReferenceEquals(built.FindPost(slug), changed.FindPost(slug)), $"{context}: /events/{slug}");
        Assert.Equal(built.Diagnostics.Select(d => d.ToString()), changed.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(built.RejectedFiles, changed.RejectedFiles);
        Assert.Equal(built.Speakers().Select(s => (s.Slug, s.Appearances.Count)), changed.Speakers().Select(s => (s.Slug, s.Appearances.Count)));
        Assert.Equal(built.Tags.Select(t => t.Slug), changed.Tags.Select(t => t.Slug));
        foreach (var category in built.Categories)
            Assert.True(Paths(built.Category(category.Slug)!.Value.Posts).SequenceEqual(Paths(changed.Category(category.Slug)!.Value.Posts)), $"{context}: category {category.Slug}");
        foreach (var speaker in built.Speakers())
            Assert.True(speaker.Appearances.Select(a => a.Post).SequenceEqual(changed.FindSpeaker(speaker.Slug)!.Appearances.Select(a => a.Post)), $"{context}: speaker {speaker.Slug}");
        foreach (var name in Enumerable.Range(0, 5).Select(i => $"post-{i}"))
            Assert.True(ReferenceEquals(built.FindByFileName(name), changed.FindByFileName(name)), $"{context}: file name {name}");
        Assert.Equal(built.Archive().Select(y => (y.Year, y.Posts.Count)), changed.Archive().Select(y => (y.Year, y.Posts.Count)));
        Assert.True(changed.ValidUntil is null ? built.ValidUntil is null : built.ValidUntil is null || changed.ValidUntil <= built.ValidUntil, $"{context}: valid until");
    }
}
