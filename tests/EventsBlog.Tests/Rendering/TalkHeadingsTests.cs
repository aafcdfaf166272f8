using System.Text;
using EventsBlog.Rendering;

namespace EventsBlog.Tests.Rendering;

/// <summary>Headings read without Markdig must read exactly as Markdig reads them.</summary>
public class TalkHeadingsTests
{
    private static readonly string[] Pieces =
    [
        "Keynote", "Talk", "Ann", "Bob Lee", "Zoë", "中文", " ", " ", "  ", "-", " - ", " – ", ",", " and ", " & ", ":", ".", "'", "\"", "(", ")", "/",
        "http://x.example/a", "www.example.com", "C++", "*", "**", "_", "`", "~", "^", "==", "[", "]", "(x)", "!", "<b>", "&amp;", "&", "\\", "{{", "}}",
        "{%", "%}", "|", "#", " #", " ##", "\t", "\u00A0", "[^1]", "*Ann*", "**Bob**", "_Carl_", "~sub~", "^sup^", "~~gone~~", "++new++",
        "==marked==", "`code`", "[Ann](https://ann.example)", "<https://x.example>", "&copy;", "\\*", "{{< youtube x >}}", "{% raw %}",
    ];

    private static readonly string[] Prefixes = ["# ", "## ", "### ", "###### ", "####### ", "#", "##", " ## ", "   ## ", "    ## ", "\t## ", "##\t", "## ", "## ", "text ", ""];

    [Fact]
    public void Headings_read_without_Markdig_match_Markdig_on_generated_headings()
    {
        var random = new Random(20261204);
        var readDirectly = 0;
        for (var post = 0; post < 3000; post++)
        {
            var markdown = new StringBuilder("Intro.\n\n");
            for (var line = random.Next(1, 3); line > 0; line--)
            {
                markdown.Append(Prefixes[random.Next(Prefixes.Length)]);
                for (var piece = random.Next(0, 7); piece > 0; piece--)
                    markdown.Append(Pieces[random.Next(random.Next(2) == 0 ? 26 : Pieces.Length)]);
                markdown.Append(random.Next(4) == 0 ? "\n\nText.\n" : "\n");
            }

            var text = markdown.ToString();
            if (TalkHeadings.PlainHeadings(text) is { } plain)
            {
                readDirectly++;
                Assert.True(plain.SequenceEqual(TalkHeadings.MarkdigHeadings(text)), $"differs for:\n{text}");
            }
        }

        Assert.True(readDirectly > 500, $"only {readDirectly} posts were read without Markdig");
    }

    [Fact]
    public void Talk_headings_give_ids_titles_and_speakers_outside_code()
    {
        var talks = TalkHeadings.Extract("# Summit\n\n## Opening - Ann\n\n```\n## Not a heading - Code\n```\n\n## Opening - Ann, Bob and Carl ##\n\n#NotAHeading - X\n");

        Assert.Equal("opening-ann: Opening [Ann] | opening-ann-bob-and-carl: Opening [Ann|Bob|Carl]", Describe(talks));
    }

    private static string Describe(IReadOnlyList<EventsBlog.Content.Talk> talks) =>
        string.Join(" | ", talks.Select(t => $"{t.Id}: {t.Title} [{string.Join('|', t.Speakers)}]"));
}
