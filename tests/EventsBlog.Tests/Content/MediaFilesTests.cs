using System.Net;
using System.Text.RegularExpressions;
using EventsBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventsBlog.Tests.Content;

/// <summary>Pictures beside posts, through HTTP.</summary>
public sealed partial class MediaFilesTests : AppTest
{
    private HttpClient Client() => App().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Relative_pictures_and_thumbnails_resolve_beside_the_post_and_are_served_immutable()
    {
        Posts.WriteBytes("2020-summit/cover.png", SamplePosts.Png)
            .WriteBytes("2020-summit/images/stage.png", SamplePosts.Png)
            .Write("2020-summit/index.md", SamplePosts.Minimal("Summit", extra: "thumbnail: cover.png", body: "![The stage](images/stage.png)\n\n<img src=\"cover.png\" alt=\"Cover\">"));
        var client = Client();

        var page = await client.GetStringAsync("/events/2020-summit");
        var stage = MediaUrl().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Equal(2, stage.Length);
        Assert.Contains(stage, url => url.StartsWith("/media/2020-summit/images/stage.png?v=", StringComparison.Ordinal));
        Assert.Contains(stage, url => url.StartsWith("/media/2020-summit/cover.png?v=", StringComparison.Ordinal));

        var home = await client.GetStringAsync("/");
        Assert.Matches("<img class=\"thumbnail\" src=\"/media/2020-summit/cover.png\\?v=[0-9a-f]{16}\"", home);

        foreach (var url in stage)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            Assert.Equal(SamplePosts.Png, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_replaced_picture_gets_a_new_url()
    {
        Posts.WriteBytes("cover.png", SamplePosts.Png).Write("post.md", SamplePosts.Minimal("Post", body: "![c](cover.png)"));
        var client = Client();
        var before = MediaUrl().Match(await client.GetStringAsync("/events/post")).Groups[1].Value;

        Posts.WriteBytes("cover.png", [.. SamplePosts.Png, 0, 0, 0]);
        await Eventually.True(async () => MediaUrl().Match(await client.GetStringAsync("/events/post")).Groups[1].Value is var after && after.Length > 0 && after != before, "the page links the new picture");
    }

    [Fact]
    public async Task Nothing_but_pictures_inside_the_posts_folder_is_served()
    {
        var outside = Path.Combine(Path.GetDirectoryName(Posts.Path)!, $"outside-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(outside, SamplePosts.Png);
        try
        {
            Posts.WriteBytes("ok.png", SamplePosts.Png).WriteBytes(".hidden/x.png", SamplePosts.Png).Write("post.md", SamplePosts.Minimal("Post")).Write("notes.pdf", "pdf").Write("pic.svg", "<svg/>");
            File.CreateSymbolicLink(Path.Combine(Posts.Path, "link.png"), outside);
            var client = Client();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/media/ok.png")).StatusCode);
            Assert.Equal("public, max-age=60", (await client.GetAsync("/media/ok.png")).Headers.CacheControl!.ToString());
            foreach (var path in new[] { "/media/post.md", "/media/notes.pdf", "/media/pic.svg", "/media/.hidden/x.png", "/media/link.png",
                         "/media/..%2F" + Path.GetFileName(outside), "/media/%2E%2E/" + Path.GetFileName(outside), "/media/missing.png" })
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [GeneratedRegex("(?:src)=\"(/media/[^\"]+)\"")]
    private static partial Regex MediaUrl();
}
