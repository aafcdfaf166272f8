using System.Diagnostics;
using System.Net;
using EventsBlog.Content;
using EventsBlog.Search;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventsBlog.Tests.Content;

/// <summary>Start-up work that can wait (search index, packing bodies, start-up cache) waits for the first answer.</summary>
public sealed class FirstAnswerTests : AppTest
{
    [Fact]
    public async Task The_first_page_answered_after_the_load_lets_the_waiting_work_begin()
    {
        Posts.Write("kafka-night.md", SamplePosts.Minimal("Kafka night", body: string.Concat(Enumerable.Repeat("Streams and topics. ", 30))));
        var factory = App();
        var client = factory.CreateClient();
        var firstAnswer = factory.Services.GetRequiredService<FirstAnswer>();
        await factory.Services.GetRequiredService<ContentStore>().Loaded;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.False(firstAnswer.HasAnswered, "a health check is not an answer to a visitor");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events/kafka-night")).StatusCode);
        Assert.True(firstAnswer.HasAnswered);
        var search = factory.Services.GetRequiredService<SearchIndex>();
        await search.FirstBuild.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Kafka night", Assert.Single(search.Search("topics").Hits).Post.Title);
        await Eventually.True(() => Task.FromResult(factory.Services.GetRequiredService<ContentStore>().Current.NewestFirst.All(post => post.IsBodyCompressed)), "the body is packed (it is long enough to shrink)");
    }

    [Fact]
    public async Task Without_visitors_the_waiting_work_begins_a_second_after_the_load()
    {
        Posts.Write("quiet.md", SamplePosts.Minimal("Quiet start"));
        var factory = App();
        // From before the app starts: the second is waited after the load, so it is a floor however slow the
        // machine (timed from the load's end, a late continuation of this test could shorten it).
        var sinceStart = Stopwatch.StartNew();
        var search = factory.Services.GetRequiredService<SearchIndex>();

        await search.FirstBuild.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(sinceStart.Elapsed >= TimeSpan.FromSeconds(1), $"the search index was built {sinceStart.ElapsedMilliseconds} ms after the start");
        Assert.False(factory.Services.GetRequiredService<FirstAnswer>().HasAnswered);
    }
}
