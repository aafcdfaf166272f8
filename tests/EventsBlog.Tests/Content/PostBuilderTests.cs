using System.Text;
using EventsBlog.Content;

namespace EventsBlog.Tests.Content;

public class PostBuilderTests
{
    private static readonly string[] Words =
    [
        "Summit", "talks", "Zoë", "中文", "2024", "C", " ", "  ", ",", ".", ":", ";", "'", "\"", "(", ")", "/", "-", " - ", "?", "https://x.example/a",
        "www.example.com", "1.", "1)", "*", "**", "_", "`", "~", "[", "]", "!", "<b>", "&amp;", "&", "\\", "{{< x >}}", "{% raw %}", "#", "|", "=", "+",
        "*Ann*", "**Bob**", "_Carl_", "`code`", "[link](https://l.example)", "<https://x.example>", "&copy;", "\\*", "\t", "\u00A0",
    ];

    private static readonly string[] LineStarts = ["Text ", "Words ", "1. ", "- ", "+ ", "* ", "> ", "# ", "===", "---", "    ", "é ", ""];

    [Fact]
    public void A_summary_read_without_Markdig_matches_Markdig_on_generated_paragraphs()
    {
        var random = new Random(20261204);
        var plain = 0;
        for (var paragraph = 0; paragraph < 6000; paragraph++)
        {
            var lines = new List<string>();
            for (var line = random.Next(1, 4); line > 0; line--)
            {
                var text = new StringBuilder(LineStarts[random.Next(random.Next(2) == 0 ? 2 : LineStarts.Length)]);
                for (var word = random.Next(1, 7); word > 0; word--)
                    text.Append(Words[random.Next(random.Next(2) == 0 ? 22 : Words.Length)]).Append(random.Next(3) == 0 ? "" : " ");
                lines.Add(text.ToString().Trim());
            }

            if (!lines.TrueForAll(PostBuilder.IsPlainLine))
                continue;
            plain++;
            Assert.True(PostBuilder.ParagraphText(lines, withMarkdig: true) == PostBuilder.ParagraphText(lines, withMarkdig: false), $"differs for:\n{string.Join('\n', lines)}");
        }

        Assert.True(plain > 300, $"only {plain} paragraphs were read without Markdig");
    }
}
