using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace EventsBlog.Rendering;

internal sealed class EmbedBlockRenderer(EmbedHtml embeds) : HtmlObjectRenderer<EmbedBlock>
{
    protected override void Write(HtmlRenderer renderer, EmbedBlock block) => renderer.WriteLine(embeds.Render(block.Video));
}

internal sealed class SanitizedHtmlBlockRenderer : HtmlObjectRenderer<SanitizedHtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, SanitizedHtmlBlock block) => renderer.WriteLine(block.Html);
}

internal sealed class SanitizedHtmlInlineRenderer : HtmlObjectRenderer<SanitizedHtmlInline>
{
    protected override void Write(HtmlRenderer renderer, SanitizedHtmlInline inline) => renderer.Write(inline.Html);
}

/// <summary>A video left inside running text renders as a link to it.</summary>
internal sealed class EmbedInlineRenderer : HtmlObjectRenderer<EmbedInline>
{
    protected override void Write(HtmlRenderer renderer, EmbedInline inline) =>
        renderer.Write(EmbedHtml.InlineLink(inline.Video));
}

/// <summary>Shortcodes and Liquid tags that were taken out render as nothing.</summary>
internal sealed class TemplateTagInlineRenderer : HtmlObjectRenderer<TemplateTagInline>
{
    protected override void Write(HtmlRenderer renderer, TemplateTagInline inline)
    {
    }
}

internal sealed class VideoShortcodeInlineRenderer : HtmlObjectRenderer<VideoShortcodeInline>
{
    protected override void Write(HtmlRenderer renderer, VideoShortcodeInline inline)
    {
    }
}
