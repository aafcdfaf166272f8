using System.Text;
using EventsBlog.Content;
using EventsBlog.Rendering;
using EventsBlog.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;

namespace EventsBlog.Tests.Content;

/// <summary>
/// Generated and mutated posts: the parser (and the renderer after it) returns a post or a rejection,
/// never throws, never hangs.
/// </summary>
public class PostParserPropertyTests
{
    private static readonly IOptions<BlogOptions> Options = Microsoft.Extensions.Options.Options.Create(new BlogOptions
    {
        MaxPostBytes = 64 * 1024,
        Embeds = new EmbedOptions { AllowedHosts = EmbedOptions.DefaultAllowedHosts },
    });

    private static readonly PostParser Parser = new(Options);
    private static readonly MarkdownRenderer Renderer = TestRenderer.Create(Options.Value);

    private static readonly string[] FrontMatterLines =
    [
        "title: Summit", "title: 2020", "title: \"Quoted: yes\"", "title: C++ & Rust + Go", "title:", "title: [a, b]", "title: {a: 1}",
        "Title: Upper", "date: 2020-08-01", "date: 2021-6-7", "date: \"2022-05-25 10:00:00+00:00\"", "date: 2020-02-30", "date: not a date",
        "date: 2020-08-01T25:61:00Z", "date: 99999-01-01", "category: talks & videos", "categories: [a, b]", "categories: a b c",
        "tags: x, y", "tags: [x, [nested]]", "tags:\n  - one\n  - two", "draft: true", "draft: maybe", "slug: \"!!!\"", "slug: ok",
        "url: https://example.org", "url: /old/path/", "url: javascript:alert(1)", "aliases: [/a, /b]", "aliases: /c",
        "publishDate: 2030-01-01", "expiryDate: 2000-01-01T00:00:00+99:00", "authors: [{name: A}, B, {x: 1}]", "link: ftp://x",
        "thumbnail: ../../etc/passwd", "image: cover.png", "anchor: &a value", "alias: *a", "binary: !!binary aGVsbG8=", "tabs:\tx",
        "unclosed: [1, 2", "quote: \"open", "- list item", "? complex key\n: value", "%YAML 1.2", "key: |\n  block\n  text", "emoji: 🎉",
        "cjk: 云原生社区", "dup: 1\ndup: 2", "   indented: wrong", "colon: a: b", "nul: \u0001",
    ];

    private static readonly string[] BodyLines =
    [
        "Intro paragraph.", "## Talk - Ann, Bob", "## Cloud-Native Day", "## - ", "## Title -", "### Deep", "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
        "<iframe src=\"//evil.example/x\">", "<script>alert(1)</script>", "<div onclick=\"x\">", "</div>", "<!-- comment", "{{< youtube abc >}}",
        "{{% youtube %}}", "{{< vimeo >}}", "{{< /alert >}}", "{{<", "{% raw %}", "{% endraw %}", "{% raw %}{{ x }}", "{% highlight ruby %}",
        "{% endhighlight %}", "[youtube:]", "[youtube:abc]", "https://youtu.be/abc", "```", "~~~ js", "    code", "`{{< x >}}`", "[link](javascript:x)",
        "![img](cover.png)", "[ref]: /x", "| a | b |", "|---|---|", "- [ ] task", "[^1]: note", "> quote", "{{ site.url }}", "{%", "%}", "}}",
        "<img src=x onerror=alert(1)>", "<a href=\"data:text/html,x\">", "<style>", "&amp; &#0; &#x110000;", "\u200B", "---", "...",
    ];

    private static Gen<string> Lines(string[] pool, int max) =>
        Gen.Choose(0, max).SelectMany(count => Gen.Elements(pool).ListOf(count)).Select(lines => string.Join("\n", lines));

    private static readonly Gen<string> Posts =
        from frontMatter in Lines(FrontMatterLines, 8)
        from body in Lines(BodyLines, 12)
        from closed in Gen.Elements(true, true, true, false)
        from newline in Gen.Elements("\n", "\r\n")
        select ("---\n" + frontMatter + (closed ? "\n---\n" : "\n") + body).Replace("\n", newline);

    private static bool ParsesAndRendersWithinTime(byte[] bytes)
    {
        var work = Task.Run(() =>
        {
            var result = Parser.Parse("generated/post.md", bytes);
            Assert.True(result.Post is not null || result.Diagnostics.Any(d => d.Severity == Severity.Error), "neither a post nor a rejection");
            Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.File == "generated/post.md"));
            // The parser's last-resort catch turns an unexpected exception into this rejection: a bug here.
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("the post could not be read", StringComparison.Ordinal));
            if (result.Post is { } post)
                Renderer.Render(post);
        });
        Assert.True(work.Wait(TimeSpan.FromSeconds(10)), "parsing and rendering took more than 10 s");
        return true;
    }

    [Property(MaxTest = 400)]
    public Property Generated_front_matter_and_markdown_give_a_post_or_a_rejection() =>
        Prop.ForAll(Posts.ToArbitrary(), text => ParsesAndRendersWithinTime(Encoding.UTF8.GetBytes(text)));

    [Property(MaxTest = 300)]
    public Property Mutated_bytes_of_a_real_post_give_a_post_or_a_rejection()
    {
        var original = Encoding.UTF8.GetBytes(SamplePosts.Summit);
        var mutation =
            from position in Gen.Choose(0, original.Length - 1)
            from value in Gen.Choose(0, 255)
            from kind in Gen.Choose(0, 2)
            select (position, (byte)value, kind);
        var mutations = mutation.ListOf().Select(list => list.ToArray());
        return Prop.ForAll(mutations.ToArbitrary(), changes =>
        {
            var bytes = original.ToList();
            foreach (var (position, value, kind) in changes)
            {
                var at = Math.Min(position, bytes.Count - 1);
                if (at < 0)
                    break;
                switch (kind)
                {
                    case 0: bytes[at] = value; break;
                    case 1: bytes.Insert(at, value); break;
                    default: bytes.RemoveAt(at); break;
                }
            }

            return ParsesAndRendersWithinTime(bytes.ToArray());
        });
    }

    [Property(MaxTest = 300)]
    public bool Any_text_gives_a_post_or_a_rejection(string? text) =>
        ParsesAndRendersWithinTime(Encoding.UTF8.GetBytes("---\n" + text));
}
