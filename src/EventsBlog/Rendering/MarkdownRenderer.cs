using System.Text.RegularExpressions;
using EventsBlog.Content;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EventsBlog.Rendering;

/// <summary>
/// Markdown → HTML with one Markdig pipeline built once. After parsing, one walk over the tree gives
/// headings their ids, turns talk headings into talks, sanitizes raw HTML, resolves embeds and
/// shortcodes, and drops unsafe link schemes; then the tree is rendered.
/// </summary>
public sealed partial class MarkdownRenderer(EmbedPolicy embeds, EmbedHtml embedHtml, RawHtmlSanitizer sanitizer, MediaFiles media)
{
    private static readonly string[] TalkSeparators = [" - ", " – ", " — "];

    /// <summary>Ids of the event page's own elements (layout and talks list), which headings must not take.</summary>
    public static readonly string[] PageIds = ["main", "talks-title"];

    private readonly EmbedPolicy _embeds = embeds;
    private readonly RawHtmlSanitizer _sanitizer = sanitizer;
    private readonly MediaFiles _media = media;

    /// <summary>The one Markdig pipeline, built once (it holds no per-site settings).</summary>
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAbbreviations()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseFigures()
        .UseFootnotes()
        .UseGridTables()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Use<TemplateTagExtension>()
        .Build();

    /// <summary>Renders a post; never throws: a body Markdig refuses is shown as plain text, with a warning.</summary>
    public RenderedPost Render(Post post)
    {
        try
        {
            return RenderMarkdown(post);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Markdig refuses some input (nesting too deep, for one): the page still shows.
            var diagnostic = Diagnostic.Warning(post.RelativePath, post.BodyLine, $"the body could not be rendered as Markdown ({ex.Message}); it is shown as plain text");
            return new RenderedPost(post, $"<pre class=\"unrendered\">{Html.Encode(post.Markdown)}</pre>", null, null, [], [], [diagnostic]);
        }
    }

    private RenderedPost RenderMarkdown(Post post)
    {
        var walk = new TreeWalk(this, post);
        var markdown = LiquidLinkTargets.Rewrite(post.Markdown, (line, message) => walk.Diagnostics.Add(Diagnostic.Warning(post.RelativePath, post.BodyLine + line - 1, message)));
        var document = Markdown.Parse(markdown, Pipeline);
        walk.Process(document);
        var lead = TakeLeadVideo(document);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Insert(0, new EmbedBlockRenderer(embedHtml));
        renderer.ObjectRenderers.Insert(0, new SanitizedHtmlBlockRenderer());
        renderer.ObjectRenderers.Insert(0, new SanitizedHtmlInlineRenderer());
        renderer.ObjectRenderers.Insert(0, new EmbedInlineRenderer());
        renderer.ObjectRenderers.Insert(0, new TemplateTagInlineRenderer());
        renderer.ObjectRenderers.Insert(0, new VideoShortcodeInlineRenderer());
        renderer.Render(document);
        writer.Flush();
        // Markdig writes the footnote back-link as a numeric entity; pages carry characters.
        var html = writer.ToString().Replace("&#8617;", "\u21A9", StringComparison.Ordinal);

        return new RenderedPost(post, html, lead?.Video, lead is null ? null : embedHtml.Render(lead.Video), walk.Talks, walk.Videos, walk.Diagnostics);
    }

    /// <summary>The event's own video: the first embed before the first <c>##</c> section.</summary>
    private static EmbedBlock? TakeLeadVideo(MarkdownDocument document)
    {
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 2 })
                return null;
            if (block is EmbedBlock embed)
            {
                document.Remove(embed);
                return embed;
            }
        }

        return null;
    }

    /// <summary>A talk heading: <c>Title - Speaker A, Speaker B</c> (the last separator wins).</summary>
    public static bool TryParseTalk(string heading, out string title, out string[] speakers)
    {
        var cut = TalkSeparators.Select(s => (Index: heading.LastIndexOf(s, StringComparison.Ordinal), s.Length)).MaxBy(x => x.Index);
        title = cut.Index > 0 ? heading[..cut.Index].Trim() : heading;
        speakers = cut.Index > 0
            ? SpeakerSeparator().Split(heading[(cut.Index + cut.Length)..]).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray()
            : [];
        return title.Length > 0 && speakers.Length > 0;
    }

    /// <summary>A tag as one short line, for messages.</summary>
    private static string Shorten(string tag)
    {
        var line = Whitespace().Replace(tag, " ");
        return line.Length <= 80 ? line : line[..77] + "...";
    }

    private static bool IsAllowedUrl(string? url)
    {
        var trimmed = new string((url ?? "").Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        return UrlScheme.Of(trimmed) is null or "http" or "https" or "mailto";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@",|\s+and\s+|&")]
    private static partial Regex SpeakerSeparator();

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}")]
    private static partial Regex TemplateInUrl();

    [GeneratedRegex(@"(?<raw>\{%-?\s*(?:end)?raw\s*-?%\})|\{\{<.{0,1000}?>\}\}|\{\{%.{0,1000}?%\}\}|\{%.{0,1000}?%\}|\{\{[^{}]{0,500}\}\}", RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TemplateInHtml();

    [GeneratedRegex(@"\{%-?\s*raw\s*-?%\}(?<content>.*?)\{%-?\s*endraw\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex RawSection();

    [GeneratedRegex(@"^\s*<iframe\b[^>]*>\s*</iframe>\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LoneIframe();

    /// <summary>An attribute of one tag, entity-decoded: quoted with " or ', or bare.</summary>
    private static string? AttributeValue(Regex attribute, string tag) =>
        attribute.Match(tag) is { Success: true } match ? System.Net.WebUtility.HtmlDecode(match.Groups["value"].Value) : null;

    [GeneratedRegex(@"\ssrc\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""'>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex SrcAttribute();

    [GeneratedRegex(@"\stitle\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""'>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex TitleAttribute();

    /// <summary>The state of one post's walk: ids handed out, the current section, what was found.</summary>
    private sealed class TreeWalk(MarkdownRenderer owner, Post post)
    {
        private readonly Slugs.UniqueIds _ids = new(PageIds);
        private string _sectionTitle = post.Title;
        private Talk? _currentTalk;

        /// <summary>Inside a <c>{% raw %}</c> section that spans paragraphs: template tags are shown as written.</summary>
        private bool _inRawSection;
        private RawHtmlSanitizer.Session? _htmlSession;

        /// <summary>One sanitizer for all the raw HTML of this post, built when the first fragment needs it.</summary>
        private RawHtmlSanitizer.Session HtmlSession => _htmlSession ??= owner._sanitizer.NewSession();

        public List<Talk> Talks { get; } = [];
        public List<Video> Videos { get; } = [];
        public List<Diagnostic> Diagnostics { get; } = [];

        public void Process(MarkdownDocument document)
        {
            foreach (var block in document.Descendants<Block>().ToArray())
            {
                switch (block)
                {
                    case Table table:
                        AlignWithClasses(table);
                        break;
                    case HtmlBlock html:
                        ReplaceHtmlBlock(html);
                        break;
                    case HeadingBlock heading:
                        ProcessInlines(heading);
                        ProcessHeading(heading);
                        break;
                    case ParagraphBlock paragraph:
                        ProcessInlines(paragraph);
                        ProcessParagraph(paragraph);
                        break;
                    case LeafBlock leaf when leaf.Inline is not null:
                        ProcessInlines(leaf);
                        break;
                }
            }
        }

        /// <summary>
        /// Markdig writes column alignment and width as inline <c>style</c>; pages carry none (a strict
        /// Content-Security-Policy), so alignment becomes a class and widths are left to the browser.
        /// </summary>
        private static void AlignWithClasses(Table table)
        {
            var alignments = table.ColumnDefinitions.Select(c => c.Alignment).ToArray();
            foreach (var column in table.ColumnDefinitions)
            {
                column.Alignment = null;
                column.Width = 0;
            }

            foreach (var row in table.OfType<TableRow>())
            {
                for (var i = 0; i < row.Count; i++)
                {
                    var index = row[i] is TableCell { ColumnIndex: >= 0 } cell ? cell.ColumnIndex : i;
                    if (index < alignments.Length && alignments[index] is { } alignment)
                        row[i].GetAttributes().AddClass($"align-{alignment.ToString().ToLowerInvariant()}");
                }
            }
        }

        /// <summary>Every video found, with the talk whose section it sits in.</summary>
        private void AddVideos(IEnumerable<Video> found) => Videos.AddRange(found.Select(v => v with { Talk = _currentTalk }));

        private int LineOf(MarkdownObject node) => post.BodyLine + node.Line;

        private void Warn(MarkdownObject node, string message) =>
            Diagnostics.Add(Diagnostic.Warning(post.RelativePath, LineOf(node), message));

        private void ProcessHeading(HeadingBlock heading)
        {
            var text = PlainText(heading.Inline);
            var id = _ids.Next(text);
            heading.GetAttributes().Id = id;
            if (heading.Level != 2)
            {
                AppendAnchor(heading, id);
                return;
            }

            _sectionTitle = text;
            _currentTalk = null;
            if (!TryParseTalk(text, out var title, out var speakers))
            {
                AppendAnchor(heading, id);
                return;
            }

            _currentTalk = new Talk(id, title, speakers);
            Talks.Add(_currentTalk);
            _sectionTitle = title;

            while (heading.Inline!.FirstChild is { } child)
                child.Remove();
            heading.Inline.AppendChild(new LiteralInline(title));
            AppendAnchor(heading, id);
            InsertAfter(heading, new SanitizedHtmlBlock($"""<p class="talk-speakers">{(speakers.Length == 1 ? "Speaker" : "Speakers")}: {TalkHtml.Speakers(speakers)}</p>"""));
        }

        /// <summary>A visible link to the section, which <c>site.js</c> also copies to the clipboard.</summary>
        private static void AppendAnchor(HeadingBlock heading, string id) =>
            heading.Inline!.AppendChild(new SanitizedHtmlInline($"""<a class="heading-anchor" href="#{Html.Encode(id)}" aria-label="Link to this section">#</a>"""));

        private void ReplaceHtmlBlock(HtmlBlock block)
        {
            var raw = WithoutTemplateTags(block.Lines.ToString(), block);

            // The commonest raw HTML of an event post is a lone iframe from an allowed host. Only its src and
            // title are kept, so it needs no DOM; anything else (and a foreign host, to be reported) goes
            // through the sanitizer.
            if (LoneIframe().Match(raw) is { Success: true } lone
                && owner._embeds.FromFrame(AttributeValue(SrcAttribute(), lone.Value) ?? "", AttributeValue(TitleAttribute(), lone.Value) is { Length: > 0 } title ? title : _sectionTitle) is { } video)
            {
                AddVideos([video]);
                Replace(block, new EmbedBlock(video));
                return;
            }

            var result = HtmlSession.Sanitize(raw, _sectionTitle, url => ResolveRelative(block, url));
            Report(block, result);
            AddVideos(result.Videos);
            Block replacement = result.Videos.Count == 1 && LoneIframe().IsMatch(raw)
                ? new EmbedBlock(result.Videos[0])
                : new SanitizedHtmlBlock(result.Html);
            Replace(block, replacement);
        }

        private void ProcessInlines(LeafBlock leaf)
        {
            if (leaf.Inline is null)
                return;
            var root = leaf.Inline;
            var openTags = new List<string>();
            string? droppingContentOf = null;
            foreach (var inline in root.Descendants<Inline>().ToArray())
            {
                if (!IsAttached(inline, root))
                    continue;
                if (droppingContentOf is not null)
                {
                    // The text of an inline <script> or <style> is code, not prose: it goes too.
                    if (inline is HtmlInline closing && HtmlSession.SanitizeInlineTag(closing.Tag, _sectionTitle).Closes == droppingContentOf)
                        droppingContentOf = null;
                    inline.Remove();
                    continue;
                }

                if (inline is TemplateTagInline { Name: "raw" } rawMarker)
                {
                    _inRawSection = !rawMarker.IsClosing;
                    continue;
                }

                if (_inRawSection && inline is TemplateTagInline or VideoShortcodeInline)
                {
                    inline.ReplaceBy(new LiteralInline(inline is TemplateTagInline t ? t.Tag : ((VideoShortcodeInline)inline).Tag));
                    continue;
                }

                switch (inline)
                {
                    case HtmlInline html:
                        var tag = HtmlSession.SanitizeInlineTag(WithoutTemplateTags(html.Tag, html), _sectionTitle, url => ResolveRelative(html, url));
                        Report(html, tag.Sanitized);
                        AddVideos(tag.Sanitized.Videos);
                        if (tag.Sanitized.Videos.Count > 0)
                        {
                            html.ReplaceBy(new EmbedInline(tag.Sanitized.Videos[0]));
                        }
                        else if (tag.Closes is { } closed)
                        {
                            // Only a tag opened in this paragraph is closed, so raw HTML cannot close the page's own elements.
                            var index = openTags.LastIndexOf(closed);
                            html.ReplaceBy(new SanitizedHtmlInline(index < 0 ? "" : CloseFrom(openTags, index)));
                        }
                        else
                        {
                            html.ReplaceBy(new SanitizedHtmlInline(tag.Sanitized.Html));
                            if (tag.Opens is { } opened)
                                openTags.Add(opened);
                            droppingContentOf = tag.DropsContentOf;
                        }

                        break;
                    case VideoShortcodeInline shortcode:
                        if (owner._embeds.FromShortcode(shortcode.Provider, shortcode.Id, _sectionTitle) is { } video)
                        {
                            AddVideos([video]);
                            shortcode.ReplaceBy(new EmbedInline(video));
                        }
                        else
                        {
                            Warn(shortcode, $"{Shorten(shortcode.Tag)} was removed: its id is not valid or {shortcode.Provider} is not an allowed embed host");
                        }

                        break;
                    case TemplateTagInline { IsClosing: false } template:
                        Warn(template, template.Name.Length == 0
                            ? $"the Liquid output {Shorten(template.Tag)} was removed"
                            : $"the shortcode or Liquid tag {Shorten(template.Tag)} was removed (its inner text is kept)");
                        break;
                    case LinkInline link:
                        CheckLink(link);
                        break;
                    case AutolinkInline autolink when !IsAllowedUrl(autolink.Url):
                        Warn(autolink, $"a link to '{autolink.Url}' was removed: only http, https, mailto and relative links are kept");
                        autolink.ReplaceBy(new LiteralInline(autolink.Url));
                        break;
                    case CodeInline code when RawSection().IsMatch(code.Content):
                        // Liquid runs before Markdown, so in Jekyll {% raw %}x{% endraw %} shows x even in code.
                        code.ReplaceBy(new CodeInline(RawSection().Replace(code.Content, "${content}")) { Delimiter = code.Delimiter, DelimiterCount = code.DelimiterCount });
                        break;
                }
            }

            if (openTags.Count > 0)
                root.AppendChild(new SanitizedHtmlInline(CloseFrom(openTags, 0)));
        }

        /// <summary>Shortcodes and Liquid tags written inside raw HTML go too, with a warning (raw markers silently).</summary>
        private string WithoutTemplateTags(string html, MarkdownObject node)
        {
            if (!html.Contains('{'))
                return html;
            try
            {
                return TemplateInHtml().Replace(html, match =>
                {
                    if (!match.Groups["raw"].Success)
                        Warn(node, $"the shortcode or Liquid tag {Shorten(match.Value)} in raw HTML was removed");
                    return "";
                });
            }
            catch (RegexMatchTimeoutException)
            {
                return html;
            }
        }

        /// <summary>Closing tags for the open tags from <paramref name="index"/> on, innermost first; they are no longer open.</summary>
        private static string CloseFrom(List<string> openTags, int index)
        {
            var closers = string.Concat(openTags.Skip(index).Reverse().Select(name => $"</{name}>"));
            openTags.RemoveRange(index, openTags.Count - index);
            return closers;
        }

        private static bool IsAttached(Inline inline, ContainerInline root)
        {
            for (var node = inline.Parent; node is not null; node = node.Parent)
            {
                if (ReferenceEquals(node, root))
                    return true;
            }

            return false;
        }

        private void CheckLink(LinkInline link)
        {
            if (link.Url is { } url && TemplateInUrl().IsMatch(url))
            {
                Warn(link, $"template tags were removed from the link '{url}'");
                link.Url = TemplateInUrl().Replace(url, "");
            }

            if (IsAllowedUrl(link.Url))
            {
                link.Url = ResolveRelative(link, link.Url ?? "");
                return;
            }

            Warn(link, $"a link to '{link.Url}' was removed: only http, https, mailto and relative links are kept");
            if (link.IsImage)
            {
                link.Remove();
                return;
            }

            while (link.FirstChild is { } child)
            {
                child.Remove();
                link.InsertBefore(child);
            }

            link.Remove();
        }

        /// <summary>A path relative to the post: a picture beside it gets its <c>/media/</c> URL; a missing target is a warning.</summary>
        private string ResolveRelative(MarkdownObject node, string url)
        {
            var target = owner._media.Resolve(post.RelativePath, url);
            switch (target.Kind)
            {
                case MediaKind.Image:
                    return target.Url!;
                case MediaKind.Missing:
                    Warn(node, $"'{url}' does not exist next to the post");
                    break;
                case MediaKind.NotServed:
                    Warn(node, $"'{url}' is not served: only images (png, jpg, jpeg, gif, webp, avif) in the posts folder are");
                    break;
                case MediaKind.Outside:
                    Warn(node, $"'{url}' points outside the posts folder");
                    break;
            }

            return url;
        }

        /// <summary>
        /// A paragraph that is only a YouTube, Vimeo or bilibili URL becomes its embed (as WordPress does);
        /// embeds found inside a paragraph move out after it; a paragraph left empty goes.
        /// </summary>
        private void ProcessParagraph(ParagraphBlock paragraph)
        {
            var content = Meaningful(paragraph.Inline!).ToArray();
            if (content is [LinkInline { IsImage: false, Url: { } url } link] && PlainText(link) == url
                || content is [AutolinkInline { Url: var autoUrl }] && (url = autoUrl) is not null)
            {
                if (owner._embeds.FromPageUrl(url, _sectionTitle) is { } video)
                {
                    AddVideos([video]);
                    Replace(paragraph, new EmbedBlock(video));
                    return;
                }
            }

            var moved = content.OfType<EmbedInline>().ToArray();
            Block after = paragraph;
            foreach (var embed in moved)
            {
                embed.Remove();
                var block = new EmbedBlock(embed.Video);
                InsertAfter(after, block);
                after = block;
            }

            if (!Meaningful(paragraph.Inline!).Any())
                paragraph.Parent!.Remove(paragraph);
        }

        private void Report(MarkdownObject node, SanitizedHtml result)
        {
            foreach (var removed in result.Removed)
                Warn(node, removed.StartsWith("<iframe", StringComparison.Ordinal) ? removed : $"raw HTML: {removed} was removed");
        }

        private static IEnumerable<Inline> Meaningful(ContainerInline container) => container.Where(inline => inline switch
        {
            TemplateTagInline or LineBreakInline => false,
            LiteralInline literal => !literal.Content.IsEmptyOrWhitespace(),
            SanitizedHtmlInline html => html.Html.Length > 0,
            _ => true,
        });

        private static void Replace(Block block, Block replacement)
        {
            var parent = block.Parent!;
            var index = parent.IndexOf(block);
            parent.RemoveAt(index);
            parent.Insert(index, replacement);
        }

        private static void InsertAfter(Block block, Block next)
        {
            var parent = block.Parent!;
            parent.Insert(parent.IndexOf(block) + 1, next);
        }
    }

    /// <summary>The text of inlines, without markup and without removed template tags.</summary>
    internal static string PlainText(ContainerInline? container)
    {
        if (container is null)
            return "";
        var builder = new System.Text.StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
                case AutolinkInline autolink:
                    builder.Append(autolink.Url);
                    break;
            }
        }

        return builder.ToString().Trim();
    }
}
