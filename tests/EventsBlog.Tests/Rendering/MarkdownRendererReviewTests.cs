using EventsBlog.Content;
using EventsBlog.Rendering;
using EventsBlog.Tests.Infrastructure;

namespace EventsBlog.Tests.Rendering;

/// <summary>Posts that once broke a page, leaked template syntax or let raw HTML escape its paragraph.</summary>
public class MarkdownRendererReviewTests
{
    private static readonly MarkdownRenderer Renderer = TestRenderer.Create(new BlogOptions { Embeds = new EmbedOptions { Mode = EmbedMode.Iframe } });

    private static RenderedPost Render(string markdown) => Renderer.Render(new Post
    {
        RelativePath = "post.md",
        Slug = "post",
        Title = "Post",
        Date = new DateOnly(2020, 1, 1),
        Markdown = markdown,
        BodyLine = 5,
    });

    private static RenderedPost RenderWithin(string markdown, int seconds = 10)
    {
        var work = Task.Run(() => Render(markdown));
        Assert.True(work.Wait(TimeSpan.FromSeconds(seconds)), $"rendering took more than {seconds} s");
        return work.Result;
    }

    [Theory]
    [InlineData("{{< x ", 5000)]
    [InlineData("{{% x ", 5000)]
    [InlineData("{% x ", 5000)]
    [InlineData("{{ x ", 5000)]
    [InlineData("[youtube:", 5000)]
    [InlineData("<div>", 3000)]
    public void Text_full_of_openers_renders_in_linear_time(string opener, int count) =>
        Assert.NotEmpty(RenderWithin(string.Concat(Enumerable.Repeat(opener, count))).BodyHtml);

    [Theory]
    [InlineData(">", 1000)]
    [InlineData("[", 1000)]
    public void A_body_markdig_refuses_is_shown_as_text_with_a_warning(string repeated, int count)
    {
        var rendered = RenderWithin(string.Concat(Enumerable.Repeat(repeated, count)) + " text");
        Assert.StartsWith("<pre class=\"unrendered\">", rendered.BodyHtml);
        Assert.Contains(" text</pre>", rendered.BodyHtml);
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.StartsWith("the body could not be rendered as Markdown", warning.Message);
    }

    [Fact]
    public void Table_alignment_is_a_class_not_an_inline_style()
    {
        var html = Render("| Left | Centre | Right |\n|:-----|:------:|------:|\n| a | b | c |\n\n+---+---+\n| x | y |\n+===+===+\n| 1 | 2 |\n+---+---+\n").BodyHtml;
        Assert.DoesNotContain("style=", html);
        Assert.Contains("<th class=\"align-center\">Centre</th>", html);
        Assert.Contains("<td class=\"align-right\">c</td>", html);
    }

    [Fact]
    public void Liquid_in_link_targets_is_resolved_or_dropped_with_a_warning()
    {
        var rendered = Render("See [#1339]({{ site.repository }}/issues/1339) and [the release]({% post_url 2013-05-06-jekyll-1-0-0-released %}).\n\n```\n[kept]({{ site.url }})\n```\n\nWrapped ([#1338]({{ site.repository\n}}/issues/1338)) too.");
        Assert.Contains("<a href=\"/issues/1339\">#1339</a>", rendered.BodyHtml);
        Assert.Contains("<a href=\"/events/jekyll-1-0-0-released\">the release</a>", rendered.BodyHtml);
        Assert.Contains("[kept]({{ site.url }})", rendered.BodyHtml);
        Assert.Contains("<a href=\"/issues/1338\">#1338</a>", rendered.BodyHtml);
        Assert.Contains(rendered.Diagnostics, d => d.Line == 11 && d.Message == "the Liquid tag {{ site.repository }} in a link was removed");
        Assert.Contains(rendered.Diagnostics, d => d.Line == 5 && d.Message == "the Liquid tag {{ site.repository }} in a link was removed");
        Assert.Contains(rendered.Diagnostics, d => d.Message == "the Liquid tag {% post_url 2013-05-06-jekyll-1-0-0-released %} in a link was replaced by /events/jekyll-1-0-0-released");
    }

    [Fact]
    public void Template_tags_inside_raw_html_are_removed_with_a_warning()
    {
        var rendered = Render("<div>{{< youtube x >}} {% include a.html %} text</div>\n\nInline <img src=\"{{ site.baseurl }}/x.png\" alt=\"x\">\n");
        Assert.DoesNotContain("{{", rendered.BodyHtml);
        Assert.DoesNotContain("{%", rendered.BodyHtml);
        Assert.Contains("text", rendered.BodyHtml);
        Assert.Equal(3, rendered.Diagnostics.Count(d => d.Message.Contains("in raw HTML was removed")));
    }

    [Fact]
    public void Inline_tags_cannot_close_the_page_or_leak_into_later_paragraphs()
    {
        var html = Render("text </div></main> more\n\nstart <b>bold <i>both\n\nnext paragraph\n\na <script>alert(1)</script> b\n\nc <span>d</span> e").BodyHtml;
        Assert.Contains("<p>text  more</p>", html);
        Assert.Contains("<p>start <b>bold <i>both</i></b></p>", html);
        Assert.Contains("<p>next paragraph</p>", html);
        Assert.Contains("<p>a  b</p>", html);
        Assert.DoesNotContain("alert", html);
        Assert.Contains("<p>c <span>d</span> e</p>", html);
    }

    [Fact]
    public void An_inline_frame_from_another_host_becomes_a_span_link_and_keeps_its_address()
    {
        var rendered = Render("Watch <iframe src=\"https://evil.example/x\"></iframe> here.\n\n<iframe src=\"javascript:alert(1)\"></iframe>\n");
        Assert.Contains("<span class=\"embed-link\">Embedded content: <a href=\"https://evil.example/x\" rel=\"nofollow noopener\">https://evil.example/x</a></span>", rendered.BodyHtml);
        Assert.Contains("<p class=\"embed-link\">Embedded content: javascript:alert(1)</p>", rendered.BodyHtml);
        Assert.DoesNotContain("href=\"javascript", rendered.BodyHtml);
    }

    [Fact]
    public void Posts_cannot_borrow_the_site_classes()
    {
        var html = Render("<div class=\"skip-link badge embed\">Fake</div>\n\nText <span class=\"speaker\">x</span>").BodyHtml;
        Assert.DoesNotContain("class=", html);
    }

    [Fact]
    public void Raw_sections_spanning_paragraphs_show_template_tags_as_written()
    {
        var rendered = Render("{% raw %}\n\nUse {{ page.title }} and {% include x %}.\n\n{% endraw %}\n\nAfter {{ gone }}.");
        Assert.Contains("<p>Use {{ page.title }} and {% include x %}.</p>", rendered.BodyHtml);
        Assert.Contains("<p>After .</p>", rendered.BodyHtml);
        Assert.Single(rendered.Diagnostics);
    }

    [Fact]
    public void Raw_in_a_code_span_is_applied_as_jekyll_does()
    {
        var html = Render("`{% raw %}{% raw %}{% endraw %}` and `{% raw %}{{ x }}{% endraw %}`").BodyHtml;
        Assert.Contains("<code>{% raw %}</code> and <code>{{ x }}</code>", html);
    }

    [Fact]
    public void Headings_do_not_take_the_ids_of_the_page_itself()
    {
        var html = Render("## Main\n\n## Talks title\n").BodyHtml;
        Assert.Contains("<h2 id=\"main-1\">", html);
        Assert.Contains("<h2 id=\"talks-title-1\">", html);
    }

    [Fact]
    public void Footnote_back_links_are_characters_not_entities()
    {
        var html = Render("Text[^1]\n\n[^1]: Note.").BodyHtml;
        Assert.Contains("\u21A9", html);
        Assert.DoesNotContain("&#8617;", html);
    }

    [Fact]
    public void Hugo_highlight_becomes_code_and_escaped_shortcodes_show_literally()
    {
        var html = Render("{{< highlight go \"linenos=table\" >}}\nfunc main() { *x = 1 }\n{{< /highlight >}}\n\nWrite {{</* youtube abc */>}} or {{%/* note */%}}.").BodyHtml;
        Assert.Contains("<pre><code class=\"language-go\">func main() { *x = 1 }\n</code></pre>", html);
        Assert.Contains("Write {{&lt; youtube abc &gt;}} or {{% note %}}.", html);
    }
}
