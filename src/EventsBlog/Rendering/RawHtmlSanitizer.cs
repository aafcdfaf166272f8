using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace EventsBlog.Rendering;

/// <summary>What sanitizing one piece of raw HTML produced: safe HTML, the embeds it held, and what was removed.</summary>
public sealed record SanitizedHtml(string Html, IReadOnlyList<Video> Videos, IReadOnlyList<string> Removed);

/// <summary>One inline tag sanitized, and the element it opens, closes, or whose content must go.</summary>
public sealed record InlineTag(SanitizedHtml Sanitized, string? Opens = null, string? Closes = null, string? DropsContentOf = null);

/// <summary>
/// The allow-list for raw HTML written in posts (HTML blocks and inline tags; Markdig's own output is
/// not sanitized again). Scripts, event handlers, <c>style</c>, <c>&lt;object&gt;</c>, forms are removed;
/// URLs keep only http, https, mailto and relative forms; iframes become embeds (allowed host) or links.
/// </summary>
public sealed partial class RawHtmlSanitizer(EmbedPolicy embeds, EmbedHtml embedHtml)
{
    private static readonly HtmlSanitizerOptions Options = new()
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "a", "abbr", "b", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
            "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
            "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp", "small", "source",
            "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
            "time", "tr", "u", "ul", "var", "video", "audio", "wbr",
            "iframe", // replaced by an embed or a link in PostProcessNode
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "datetime", "cite",
            "lang", "dir", "start", "reversed", "type", "open", "controls", "poster", "loading",
        },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "cite", "poster" },
        AllowedCssProperties = new HashSet<string>(),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
    };

    /// <summary>Elements whose content is code or data, not text: dropped whole, children included.</summary>
    private static readonly HashSet<string> DroppedWhole = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "object", "embed", "applet", "template", "noscript", "form", "textarea", "select", "button",
        "svg", "math", "frame", "frameset", "head", "title", "meta", "link", "base",
    };

    /// <summary>HTML elements that are neither allowed nor dropped whole: removed, keeping their text.</summary>
    private static readonly HashSet<string> OtherHtmlTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "acronym", "address", "area", "article", "aside", "bdi", "bdo", "big", "blink", "body", "canvas", "data",
        "datalist", "dialog", "dir", "fieldset", "font", "footer", "header", "hgroup", "html", "image", "input",
        "label", "legend", "main", "map", "marquee", "menu", "meter", "nav", "nobr", "optgroup", "option", "output",
        "param", "plaintext", "portal", "progress", "rp", "rt", "ruby", "search", "section", "slot", "track", "tt",
        "xmp", "listing",
    };

    private const int MaxTagsPerBlock = 2_000;

    private static readonly HashSet<string> VoidTags = new(StringComparer.OrdinalIgnoreCase) { "br", "hr", "img", "source", "wbr", "col" };

    /// <summary>
    /// A sanitizer for one rendering: building an HtmlSanitizer costs more than sanitizing a fragment, so one
    /// is built per post and used for all its fragments. Not for use by two threads at once.
    /// </summary>
    public Session NewSession() => new(_embeds, _embedHtml);

    private readonly EmbedPolicy _embeds = embeds;
    private readonly EmbedHtml _embedHtml = embedHtml;

    public sealed class Session
    {
        private readonly HtmlSanitizer _sanitizer = new(Options) { KeepChildNodes = true };
        private readonly Dictionary<IElement, string> _frameSources = [];
        private List<Video> _videos = [];
        private List<string> _removed = [];
        private string _fallbackTitle = "";
        private Func<string, string>? _resolveRelative;
        private bool _inline;

        internal Session(EmbedPolicy embeds, EmbedHtml embedHtml)
        {
            _sanitizer.RemovingTag += (_, e) =>
            {
                _removed.Add($"<{e.Tag.LocalName}>");
                if (DroppedWhole.Contains(e.Tag.LocalName))
                    e.Tag.InnerHtml = "";
            };
            _sanitizer.RemovingAttribute += (_, e) =>
            {
                // An iframe is rebuilt from its src alone, so its other attributes are no loss worth reporting.
                if (e.Tag.LocalName != "iframe")
                    _removed.Add($"attribute '{e.Attribute.Name}' of <{e.Tag.LocalName}>");
            };
            _sanitizer.FilterUrl += (_, e) =>
            {
                if (e.Tag.LocalName == "iframe")
                    _frameSources[e.Tag] = e.OriginalUrl; // kept, so that a frame that is not allowed still shows its address
                if (_resolveRelative is not null && e.SanitizedUrl is { Length: > 0 } url && e.Tag.LocalName != "iframe")
                    e.SanitizedUrl = _resolveRelative(url);
            };
            _sanitizer.PostProcessNode += (_, e) =>
            {
                if (e.Node is not IElement { LocalName: "iframe" } frame)
                    return;
                var src = _frameSources.GetValueOrDefault(frame) ?? frame.GetAttribute("src");
                var video = embeds.FromFrame(src ?? "", frame.GetAttribute("title") is { Length: > 0 } t ? t : _fallbackTitle);
                if (video is null)
                    _removed.Add($"<iframe> from a host that is not allowed ({src}), shown as a link");
                else
                    _videos.Add(video);
                var holder = e.Document.CreateElement("div");
                holder.InnerHtml = video is null ? EmbedHtml.Link(src ?? "", _inline) : embedHtml.Render(video);
                foreach (var node in holder.ChildNodes.ToArray())
                    e.ReplacementNodes.Add(node);
            };
        }

        /// <param name="resolveRelative">Rewrites a relative URL (a picture beside the post), if given.</param>
        /// <param name="inline">Inside a paragraph: what replaces a frame must be phrasing content.</param>
        public SanitizedHtml Sanitize(string html, string fallbackTitle, Func<string, string>? resolveRelative = null, bool inline = false)
        {
            // Sanitizing takes a DOM; a block with thousands of tags would cost seconds. No real post has one.
            var tags = html.AsSpan().Count('<');
            if (tags > MaxTagsPerBlock)
                return new SanitizedHtml($"<pre>{Html.Encode(html)}</pre>", [], [$"an HTML block with {tags:N0} tags (more than {MaxTagsPerBlock:N0}) is shown as text"]);

            (_videos, _removed, _fallbackTitle, _resolveRelative, _inline) = ([], [], fallbackTitle, resolveRelative, inline);
            _frameSources.Clear();
            return new SanitizedHtml(_sanitizer.Sanitize(html), _videos, _removed);
        }

        /// <summary>
        /// One inline tag as Markdig sees it (an opening or a closing tag on its own), sanitized alone. The
        /// caller keeps the open tags of the paragraph: it writes a closing tag only for a tag it opened,
        /// closes what is left at the end, and drops the content of a dropped element such as <c>script</c>.
        /// </summary>
        public InlineTag SanitizeInlineTag(string tag, string fallbackTitle, Func<string, string>? resolveRelative = null)
        {
            if (tag.StartsWith("<!", StringComparison.Ordinal) || tag.StartsWith("<?", StringComparison.Ordinal))
                return new InlineTag(Nothing);
            if (ClosingTag().Match(tag) is { Success: true } closing)
            {
                var name = closing.Groups[1].Value.ToLowerInvariant();
                return IsHtmlTag(name) ? new InlineTag(Nothing, Closes: name) : new InlineTag(new SanitizedHtml(Html.Encode(tag), [], []));
            }

            if (OpeningTag().Match(tag) is not { Success: true } opening)
                return new InlineTag(new SanitizedHtml(Html.Encode(tag), [], []));
            var opened = opening.Groups[1].Value.ToLowerInvariant();

            // Prose such as "<hostip>:<port>" is not HTML: shown as written rather than silently removed.
            if (!IsHtmlTag(opened))
                return new InlineTag(new SanitizedHtml(Html.Encode(tag), [], []));

            var result = Sanitize(tag, fallbackTitle, resolveRelative, inline: true);
            if (result.Html.EndsWith($"</{opened}>", StringComparison.Ordinal))
                result = result with { Html = result.Html[..^(opened.Length + 3)] };
            var selfClosing = tag.EndsWith("/>", StringComparison.Ordinal);
            if (DroppedWhole.Contains(opened))
                return new InlineTag(result, DropsContentOf: selfClosing ? null : opened);
            var opens = result.Html.Length > 0 && Options.AllowedTags.Contains(opened) && !VoidTags.Contains(opened) && opened != "iframe" && !selfClosing;
            return new InlineTag(result, Opens: opens ? opened : null);
        }
    }

    private static readonly SanitizedHtml Nothing = new("", [], []);

    private static bool IsHtmlTag(string name) =>
        Options.AllowedTags.Contains(name) || DroppedWhole.Contains(name) || OtherHtmlTags.Contains(name);

    [GeneratedRegex(@"^</\s*([A-Za-z][A-Za-z0-9-]*)\s*>$")]
    private static partial Regex ClosingTag();

    [GeneratedRegex(@"^<([A-Za-z][A-Za-z0-9-]*)")]
    private static partial Regex OpeningTag();
}
