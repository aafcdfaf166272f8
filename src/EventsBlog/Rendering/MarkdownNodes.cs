using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EventsBlog.Rendering;

/// <summary>A Hugo shortcode or Liquid tag taken out of the text; renders as nothing.</summary>
public sealed class TemplateTagInline(string tag, string name, bool isClosing) : LeafInline
{
    public string Tag { get; } = tag;
    public string Name { get; } = name;
    public bool IsClosing { get; } = isClosing;
}

/// <summary>A video shortcode (<c>{{&lt; youtube ID &gt;}}</c>, <c>{% youtube ID %}</c>, <c>[youtube:ID]</c>).</summary>
public sealed class VideoShortcodeInline(string tag, string provider, string id) : LeafInline
{
    public string Tag { get; } = tag;
    public string Provider { get; } = provider;
    public string Id { get; } = id;
}

/// <summary>An embed standing as its own block: from a shortcode, a bare video URL or a lone iframe.</summary>
public sealed class EmbedBlock(Video video) : LeafBlock(null)
{
    public Video Video { get; } = video;
}

/// <summary>Raw HTML from the post after the sanitizer: written out as is.</summary>
public sealed class SanitizedHtmlBlock(string html) : LeafBlock(null)
{
    public string Html { get; } = html;
}

/// <summary>An inline raw HTML tag after the sanitizer: written out as is.</summary>
public sealed class SanitizedHtmlInline(string html) : LeafInline
{
    public string Html { get; } = html;
}

/// <summary>A resolved video inside a paragraph; moved out into an <see cref="EmbedBlock"/> after parsing.</summary>
public sealed class EmbedInline(Video video) : LeafInline
{
    public Video Video { get; } = video;
}
