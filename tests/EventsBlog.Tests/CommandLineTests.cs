using System.Diagnostics;
using EventsBlog.Tests.Infrastructure;

namespace EventsBlog.Tests;

/// <summary><c>check</c>: compiler-style lines, a summary, exit codes; in-process and as the real program.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempPostsFolder _posts = new();

    public void Dispose() => _posts.Dispose();

    private (int ExitCode, string[] Lines) Check(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = CommandLine.Check(["check", .. args], output);
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private void WriteGoodAndBrokenPosts() => _posts
        .Write("good.md", SamplePosts.Minimal("Good"))
        .Write("events/2021/no-date.md", "---\ntitle: No date\n---\nBody")
        .Write("events/dup-a.md", SamplePosts.Minimal("A", extra: "slug: same"))
        .Write("events/dup-b.md", SamplePosts.Minimal("B", extra: "slug: same"))
        .Write("warned.md", "---\ntitle: Warned\ndate: 2020-01-01\ntitle: Again\nthumbnail: missing.png\n---\n\nHello <script>x()</script>\n\n<iframe src=\"https://evil.example/v\"></iframe>\n\n{{< tweet 1 >}}\n\n[slides](slides.pdf)\n")
        .WriteBytes("empty.md", [])
        .WriteBytes("image.md", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]);

    [Fact]
    public void Check_prints_one_line_per_problem_then_a_summary_and_fails_on_errors()
    {
        WriteGoodAndBrokenPosts();
        var (exitCode, lines) = Check(_posts.Path);

        Assert.Equal(1, exitCode);
        Assert.Equal(
        [
            "empty.md:1: error: the file is empty",
            "events/2021/no-date.md:1: error: missing date: add 'date: YYYY-MM-DD' to the front matter or start the file name with YYYY-MM-DD-",
            "events/dup-b.md:4: error: duplicate slug 'same': 'events/dup-a.md' already uses it; set another 'slug'",
            "image.md:1: error: the file is binary (it contains NUL bytes), not Markdown text",
            "warned.md:4: warning: duplicate front-matter key 'title' (also on line 2); the later value is used",
            "warned.md:5: warning: the thumbnail 'missing.png' does not exist next to the post",
            "warned.md:8: warning: raw HTML: <script> was removed",
            "warned.md:10: warning: <iframe> from a host that is not allowed (https://evil.example/v), shown as a link",
            "warned.md:12: warning: the shortcode or Liquid tag {{< tweet 1 >}} was removed (its inner text is kept)",
            "warned.md:14: warning: 'slides.pdf' does not exist next to the post",
        ], lines[..^1]);
        Assert.Equal($"7 posts checked in {_posts.Path}: 4 errors, 6 warnings", lines[^1]);
    }

    [Fact]
    public void Warnings_pass_unless_strict()
    {
        _posts.Write("good.md", SamplePosts.Minimal("Good")).Write("warned.md", SamplePosts.Minimal("W", body: "<span style=\"color:red\">red</span>"));

        var (exitCode, lines) = Check(_posts.Path);
        Assert.Equal(0, exitCode);
        Assert.Equal(["warned.md:7: warning: raw HTML: attribute 'style' of <span> was removed", $"2 posts checked in {_posts.Path}: 0 errors, 1 warnings"], lines);

        Assert.Equal(1, Check("--strict", _posts.Path).ExitCode);
    }

    [Fact]
    public void Check_uses_the_site_configuration_sources()
    {
        _posts.Write("big.md", SamplePosts.Minimal("Big", body: new string('x', 500)));
        Assert.Equal(0, Check(_posts.Path).ExitCode);

        var (exitCode, lines) = Check(_posts.Path, "--Blog:MaxPostBytes=100");
        Assert.Equal(1, exitCode);
        Assert.StartsWith("big.md:1: error: the file is ", lines[0]);

        var invalid = Check(_posts.Path, "--Blog:TimeZone=Nowhere/Nothing");
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("error: Blog:TimeZone 'Nowhere/Nothing' is not a known time zone; use an IANA name such as 'Europe/Paris' or 'UTC'.", invalid.Lines);
    }

    [Fact]
    public async Task The_program_itself_runs_check_with_its_exit_code()
    {
        WriteGoodAndBrokenPosts();
        var app = Path.Combine(AppContext.BaseDirectory, "EventsBlog.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _posts.Path };
        foreach (var arg in new[] { app, "check", "." })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("empty.md:1: error: the file is empty", output);
        Assert.EndsWith("4 errors, 6 warnings", output.TrimEnd());
    }
}
