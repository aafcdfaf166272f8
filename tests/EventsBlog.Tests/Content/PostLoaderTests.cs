using System.Text;
using EventsBlog.Content;
using EventsBlog.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Content;

/// <summary>Reading one post file from a real folder: its size is checked before it is read, a pipe's as it is read.</summary>
public sealed class PostLoaderTests : IDisposable
{
    private readonly TempPostsFolder _posts = new();

    public void Dispose() => _posts.Dispose();

    private PostLoader Loader(int maxBytes)
    {
        var settings = Options.Create(new BlogOptions { PostsPath = _posts.Path, MaxPostBytes = maxBytes });
        return new PostLoader(new PostParser(settings), settings);
    }

    [Fact]
    public void A_file_over_the_limit_is_rejected_by_its_length()
    {
        _posts.Write("big.md", SamplePosts.Minimal("Big", body: new string('x', 5000)));

        var result = Loader(maxBytes: 1000).Parse("big.md");

        var error = Assert.Single(result.Diagnostics);
        Assert.True(result.IsRejected);
        Assert.Matches(@"^the file is 5,\d{3} bytes, more than Blog:MaxPostBytes \(1,000\)$", error.Message);
    }

    [Fact]
    public async Task A_pipe_is_read_to_its_end()
    {
        var pipe = _posts.MakePipe("pipe.md");
        var writing = Task.Run(() => File.WriteAllText(pipe, SamplePosts.Minimal("Piped", body: "Through a pipe.")));

        var result = Loader(maxBytes: 1000).Parse("pipe.md");

        await writing;
        Assert.Equal("Piped", result.Post?.Title);
        Assert.Contains("Through a pipe.", result.Post?.Markdown);
    }

    [Fact]
    public async Task A_pipe_that_goes_on_past_the_limit_is_rejected_and_read_no_further()
    {
        var pipe = _posts.MakePipe("endless.md");
        var written = 0L;
        var writing = Task.Run(() =>
        {
            using var stream = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            var line = Encoding.UTF8.GetBytes(SamplePosts.Minimal("Endless") + new string('x', 1000));
            // Up to 100 MB unless the reader stops; the reader closing the pipe ends it with a broken pipe.
            for (var i = 0; i < 100_000; i++)
            {
                stream.Write(line);
                written += line.Length;
            }
        });

        var result = Loader(maxBytes: 4000).Parse("endless.md");

        var error = Assert.Single(result.Diagnostics);
        Assert.True(result.IsRejected);
        Assert.Equal("the file holds more than Blog:MaxPostBytes (4,000) bytes", error.Message);
        await Assert.ThrowsAsync<IOException>(() => writing);
        Assert.True(written < 1024 * 1024, $"the reader took {written:N0} bytes");
    }
}
