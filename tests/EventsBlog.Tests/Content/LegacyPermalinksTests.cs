using System.Net;
using EventsBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventsBlog.Tests.Content;

public sealed class LegacyPermalinksTests : AppTest
{
    [Theory]
    [InlineData("/2016/10/06/jekyll-3-3-is-here.html")]
    [InlineData("/2016/10/06/jekyll-3-3-is-here/")]
    [InlineData("/2016/10/6/jekyll-3-3-is-here")]
    [InlineData("/posts/jekyll-3-3-is-here/")]
    [InlineData("/blog/jekyll-3-3-is-here")]
    [InlineData("/news/2016-10-06-jekyll-3-3-is-here/")]
    public async Task Usual_permalink_shapes_redirect_to_an_existing_post(string old)
    {
        Posts.Write("news/2016-10-06-jekyll-3-3-is-here.md", "---\ntitle: Jekyll 3.3\n---\nText");
        var client = App().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(old);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/events/jekyll-3-3-is-here", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/2016/10/07/jekyll-3-3-is-here.html")]
    [InlineData("/posts/nothing-like-it/")]
    [InlineData("/2016/10/06/jekyll-3-3-is-here.php")]
    public async Task Shapes_that_name_no_post_stay_404(string path)
    {
        Posts.Write("news/2016-10-06-jekyll-3-3-is-here.md", "---\ntitle: Jekyll 3.3\n---\nText");
        var client = App().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Configured_shapes_replace_the_defaults()
    {
        Posts.Write("2016-10-06-release.md", "---\ntitle: Release\n---\nText");
        var client = App(new() { ["Blog:LegacyPermalinks:0"] = "/articles/{yyyy}/{slug}.aspx" })
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.MovedPermanently, (await client.GetAsync("/articles/2016/release.aspx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/posts/release/")).StatusCode);
    }
}
