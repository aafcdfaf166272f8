using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EventsBlog.Rendering;

/// <summary>
/// Reads Hugo shortcodes (<c>{{&lt; x &gt;}}</c>, <c>{{% x %}}</c>) and Liquid tags (<c>{% x %}</c>,
/// <c>{{ x }}</c>, <c>[youtube:ID]</c>) as inlines. Being an inline parser, it never sees code spans or
/// code blocks: nothing inside code is converted.
/// </summary>
public sealed partial class TemplateTagInlineParser : InlineParser
{
    private static readonly string[] VideoProviders = ["youtube", "vimeo", "bilibili"];

    public TemplateTagInlineParser() => OpeningCharacters = ['{', '['];

    /// <summary>Where the <c>{% endraw %}</c> of an open raw section is, in the text being parsed.</summary>
    private sealed record RawSpan(string Text, int EndIndex, int EndLength);

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (processor.ParserStates[Index] is RawSpan raw && ReferenceEquals(raw.Text, slice.Text) && slice.Start <= raw.EndIndex)
        {
            if (slice.Start < raw.EndIndex)
                return false;
            processor.ParserStates[Index] = null!;
            processor.GetSourcePosition(slice.Start, out var endLine, out _);
            processor.Inline = new TemplateTagInline("{% endraw %}", "raw", isClosing: true) { Line = endLine };
            slice.Start += raw.EndLength;
            return true;
        }

        Match match;
        try
        {
            match = slice.CurrentChar == '['
                ? BracketVideo().Match(slice.Text, slice.Start, slice.Length)
                : TemplateTag().Match(slice.Text, slice.Start, slice.Length);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // pathological text: leave it as text
        }

        if (!match.Success)
            return false;

        var tag = match.Value;
        var name = match.Groups["name"].Value;
        var argument = match.Groups["arg"].Value.Trim();
        var start = processor.GetSourcePosition(slice.Start, out var line, out var column);
        Inline inline;

        if (match.Groups["escaped"].Success)
        {
            // Hugo's escaped form {{</* x */>}} shows the shortcode itself.
            var open = match.Groups["escaped"].Value;
            inline = new LiteralInline($"{{{{{open}{match.Groups["inner"].Value}{(open == "<" ? ">" : "%")}}}}}");
        }
        else if (match.Groups["comment"].Success)
        {
            inline = new TemplateTagInline(tag, "comment", isClosing: true);
        }
        else if (name.Equals("raw", StringComparison.OrdinalIgnoreCase) && tag.StartsWith("{%", StringComparison.Ordinal))
        {
            // {% raw %}…{% endraw %}: the markers go; what lies between is read as Markdown with no
            // template tags, so that a code span inside stays a code span.
            var end = EndRaw().Match(slice.Text, slice.Start + tag.Length, slice.End - slice.Start - tag.Length + 1);
            if (end.Success)
                processor.ParserStates[Index] = new RawSpan(slice.Text, end.Index, end.Length);
            inline = new TemplateTagInline(tag, "raw", isClosing: false);
        }
        else if (VideoProviders.Contains(name, StringComparer.OrdinalIgnoreCase) && VideoId(argument) is { } id)
        {
            inline = new VideoShortcodeInline(tag, name.ToLowerInvariant(), id);
        }
        else
        {
            // A closing tag carries the name of what it closes: {{< /alert >}} and {% endraw %} close "alert" and "raw".
            var baseName = name.Trim();
            var isClosing = baseName.StartsWith('/') || baseName.StartsWith("end", StringComparison.OrdinalIgnoreCase);
            baseName = baseName.StartsWith('/') ? baseName[1..] : isClosing ? baseName[3..] : baseName;
            inline = new TemplateTagInline(tag, baseName, isClosing);
        }

        inline.Span = new SourceSpan(start, start + tag.Length - 1);
        inline.Line = line;
        inline.Column = column;
        processor.Inline = inline;
        slice.Start += tag.Length;
        return true;
    }

    /// <summary>The id of <c>youtube ID</c>, <c>youtube id="ID"</c> or <c>youtube "ID"</c>.</summary>
    private static string? VideoId(string argument)
    {
        var named = NamedId().Match(argument);
        var id = named.Success ? named.Groups[1].Value : argument.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim('"', '\'');
        return string.IsNullOrEmpty(id) ? null : id;
    }

    // Anchored at the parser's position (\G) and bounded, so that text full of '{' stays linear. The timeouts are a
    // last guard only, and generous: at 200 ms, a first match on a busy machine (the matcher being compiled, two
    // processes per core) timed out and left a shortcode in the page as text.
    [GeneratedRegex(@"\G(?:\{\{(?<escaped><|%)/\*(?<inner>.{0,1000}?)\*/[>%]\}\}|\{\{/\*(?<comment>.{0,2000}?)\*/\}\}|\{\{<\s*(?<name>/?[\w.-]+)(?<arg>.{0,1000}?)\s*>\}\}|\{\{%\s*(?<name>/?[\w.-]+)(?<arg>.{0,1000}?)\s*%\}\}|\{%-?\s*(?<name>[\w.-]+)(?<arg>.{0,1000}?)-?%\}|\{\{-?(?<name>\s*)(?<arg>[^{}]{0,500}?)-?\}\})", RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TemplateTag();

    [GeneratedRegex(@"\G\[(?<name>youtube):(?<arg>[A-Za-z0-9_-]+)\]", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BracketVideo();

    [GeneratedRegex(@"\{%-?\s*endraw\s*-?%\}")]
    private static partial Regex EndRaw();

    [GeneratedRegex(@"\bid\s*=\s*[""']?([A-Za-z0-9_-]+)")]
    private static partial Regex NamedId();
}

/// <summary>
/// Liquid's <c>{% highlight lang %}</c> … <c>{% endhighlight %}</c> and Hugo's <c>{{&lt; highlight lang &gt;}}</c> …
/// <c>{{&lt; /highlight &gt;}}</c> as a fenced code block.
/// </summary>
public sealed partial class LiquidHighlightBlockParser : BlockParser
{
    public LiquidHighlightBlockParser() => OpeningCharacters = ['{'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent)
            return BlockState.None;
        var match = Highlight().Match(processor.Line.ToString());
        if (!match.Success)
            return BlockState.None;
        var language = match.Groups["lang"].Value;
        var block = new FencedCodeBlock(this)
        {
            Info = language,
            FencedChar = '`',
            OpeningFencedCharCount = 3,
            Line = processor.LineIndex,
            Column = processor.Column,
            Span = new SourceSpan(processor.Start, processor.Line.End),
        };
        block.GetAttributes().AddClass("language-" + language);
        processor.NewBlocks.Push(block);
        return BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        if (EndHighlight().IsMatch(processor.Line.ToString()))
            return BlockState.BreakDiscard;
        return BlockState.Continue; // Markdig appends the line to the code block

    }

    [GeneratedRegex(@"^\s*(?:\{%-?\s*highlight\s+(?<lang>[\w+#.-]+)[^%]*-?%\}|\{\{<\s*highlight\s+(?<lang>[\w+#.-]+)[^>]*>\}\})\s*$")]
    private static partial Regex Highlight();

    [GeneratedRegex(@"^\s*(?:\{%-?\s*endhighlight\s*-?%\}|\{\{<\s*/highlight\s*>\}\})\s*$")]
    private static partial Regex EndHighlight();
}

/// <summary>Adds the template-tag parsers ahead of Markdig's own link parser.</summary>
public sealed class TemplateTagExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.InlineParsers.Insert(0, new TemplateTagInlineParser());
        pipeline.BlockParsers.Insert(0, new LiquidHighlightBlockParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }
}
