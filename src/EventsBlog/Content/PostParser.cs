using System.Text;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EventsBlog.Content;

/// <summary>The outcome of parsing one file: a post, or a rejection; warnings either way.</summary>
public sealed record PostParseResult(Post? Post, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsRejected => Post is null;

    /// <summary>
    /// The files inside the posts folder that the parse looked for (a relative thumbnail), with what it found
    /// (<see cref="PostLoader.PictureState"/>): a saved parse is used again only if they are still so.
    /// </summary>
    public IReadOnlyList<PictureSeen> PicturesLookedAt { get; init; } = [];

    /// <summary>It looked for a file outside the posts folder, which nothing follows: such a parse is not saved.</summary>
    public bool LookedOutside { get; init; }
}

/// <summary>A file a post refers to, and its <see cref="PostLoader.PictureState"/> when the post was parsed.</summary>
public sealed record PictureSeen(string Path, long State);

/// <summary>
/// Bytes of one post file → <see cref="Post"/>: decode (UTF-8, front matter, YAML into a DTO by
/// <see cref="FrontMatterReader"/>), validate with file and line, then build the immutable record.
/// Never throws for bad input. With <see cref="MediaFiles"/>, a relative thumbnail is resolved against
/// the post's folder.
/// </summary>
public sealed class PostParser(IOptions<BlogOptions> options, MediaFiles? media = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What <see cref="string.ReplaceLineEndings(string)"/> turns into '\n', besides '\n' itself.</summary>
    private static readonly System.Buffers.SearchValues<char> OtherLineBreaks = System.Buffers.SearchValues.Create("\r\f\u0085\u2028\u2029");

    private readonly int _maxBytes = options.Value.MaxPostBytes;

    private readonly SharedNames _names = new();

    private readonly TimeZoneInfo _zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public PostParseResult Parse(string relativePath, ReadOnlySpan<byte> bytes)
    {
        var context = new ParseContext(relativePath);
        try
        {
            return context.Finish(ParseCore(context, bytes));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A parser bug must cost one post, never the site.
            context.Reject(1, $"the post could not be read: {ex.Message}");
            return context.Finish(null);
        }
    }

    /// <summary>
    /// For a file too large to read: reported without reading it. A pipe has no length to tell
    /// (<paramref name="length"/> null): it is read up to the limit, no further.
    /// </summary>
    public PostParseResult RejectOversized(string relativePath, long? length) =>
        Rejection(relativePath, length is { } known
            ? $"the file is {known:N0} bytes, more than Blog:MaxPostBytes ({_maxBytes:N0})"
            : $"the file holds more than Blog:MaxPostBytes ({_maxBytes:N0}) bytes");

    public PostParseResult RejectUnreadable(string relativePath, string reason) =>
        Rejection(relativePath, $"the file could not be read: {reason}");

    private static PostParseResult Rejection(string relativePath, string message) =>
        new(null, [Diagnostic.Error(relativePath, 1, message)]);

    private Post? ParseCore(ParseContext context, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _maxBytes)
            return context.Reject(1, $"the file is {bytes.Length:N0} bytes, more than Blog:MaxPostBytes ({_maxBytes:N0})");
        if (bytes.IsEmpty)
            return context.Reject(1, "the file is empty");
        if (bytes.IndexOf((byte)0) >= 0)
            return context.Reject(1, "the file is binary (it contains NUL bytes), not Markdown text");
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var line = bytes[..Math.Clamp(ex.Index, 0, bytes.Length)].Count((byte)'\n') + 1;
            return context.Reject(line, "the file is not valid UTF-8 text; save it as UTF-8");
        }

        if (string.IsNullOrWhiteSpace(text))
            return context.Reject(1, "the file is empty");

        // Cut by position, not split into lines: the body is copied once, not once per step.
        if (text.AsSpan().IndexOfAny(OtherLineBreaks) >= 0)
            text = text.ReplaceLineEndings("\n");
        var (yamlStart, yamlLength, closing, bodyStart) = FindFrontMatter(text);
        if (yamlStart < 0)
            return context.Reject(1, "no front matter: the first line must be '---', then YAML such as 'title: ...', then a closing '---' line");
        if (closing < 0)
            return context.Reject(1, "the front matter is not closed: add a '---' line after the YAML");

        var yaml = text.Substring(yamlStart, yamlLength);
        const int yamlFirstLine = 2;
        // The YAML is parsed once; its events are read twice: for the keys' lines, then into the DTO.
        var events = ReadEvents(context, yaml, yamlFirstLine);
        var keys = events is null ? null : ScanTopLevelKeys(context, new ReplayParser(events), yamlFirstLine);
        if (events is null || keys is null)
            return null;

        FrontMatter frontMatter;
        try
        {
            frontMatter = FrontMatterReader.Read(new ReplayParser(events));
        }
        catch (YamlException ex)
        {
            var line = yamlFirstLine + (int)ex.Start.Line - 1;
            var key = keys.FirstOrDefault(k => k.Value == line).Key;
            var what = key is null ? "a front-matter value" : $"'{key}'";
            return context.Reject(line, $"{what} has the wrong kind of value ({Innermost(ex).Message})");
        }

        var body = text[bodyStart..];
        return new PostBuilder(context, keys, frontMatter, body, closing + 2, _zone, media, _names).Build();
    }

    /// <summary>
    /// Where the YAML between the opening '---' line and the closing '---' (or '...') line lies, the closing
    /// line's index (0-based; -1 when there is none), and where the body starts. <c>YamlStart</c> is -1 when
    /// the first line is not '---'.
    /// </summary>
    private static (int YamlStart, int YamlLength, int Closing, int BodyStart) FindFrontMatter(string text)
    {
        var lineEnd = text.IndexOf('\n');
        if (!(lineEnd < 0 ? text : text.AsSpan(0, lineEnd)).TrimEnd().SequenceEqual("---"))
            return (-1, 0, -1, 0);
        var yamlStart = lineEnd < 0 ? text.Length : lineEnd + 1;
        var lineStart = yamlStart;
        for (var index = 1; lineStart <= text.Length && lineEnd >= 0; index++)
        {
            lineEnd = text.IndexOf('\n', lineStart);
            var line = (lineEnd < 0 ? text.AsSpan(lineStart) : text.AsSpan(lineStart, lineEnd - lineStart)).TrimEnd();
            if (line.SequenceEqual("---") || line.SequenceEqual("..."))
                return (yamlStart, Math.Max(0, lineStart - 1 - yamlStart), index, lineEnd < 0 ? text.Length : lineEnd + 1);
            lineStart = lineEnd + 1;
        }

        return (yamlStart, 0, -1, 0);
    }

    /// <summary>The YAML's events; a syntax error rejects the post with its line.</summary>
    private static List<ParsingEvent>? ReadEvents(ParseContext context, string yaml, int firstLine)
    {
        var events = new List<ParsingEvent>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
                events.Add(parser.Current!);
            return events;
        }
        catch (YamlException ex)
        {
            var line = firstLine + (int)ex.Start.Line - 1;
            context.Reject(line, $"YAML syntax error in the front matter: {Innermost(ex).Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser fails this way when a flow collection ('[' or '{') is never closed.
            context.Reject(firstLine + LastReadableLine(yaml) - 1, "YAML syntax error in the front matter: a '[' or '{' is not closed");
            return null;
        }
    }

    /// <summary>
    /// Learns each top-level key's line (for messages) and finds duplicate keys, which real sites have: a
    /// warning, the later value wins.
    /// </summary>
    private static Dictionary<string, int>? ScanTopLevelKeys(ParseContext context, IParser parser, int firstLine)
    {
        var keys = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
            return keys;
        parser.Consume<DocumentStart>();
        if (parser.TryConsume<Scalar>(out var only) && string.IsNullOrEmpty(only.Value))
            return keys;
        if (!parser.TryConsume<MappingStart>(out _))
            return context.RejectKeys(firstLine, "the front matter must be 'key: value' lines");

        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            var line = firstLine + (int)keyEvent.Start.Line - 1;
            if (keyEvent is Scalar key)
            {
                if (keys.TryGetValue(key.Value, out var earlier))
                    context.Warn(line, $"duplicate front-matter key '{key.Value}' (also on line {earlier}); the later value is used");
                keys[key.Value] = line;
            }

            parser.SkipThisAndNestedEvents(); // the key
            parser.SkipThisAndNestedEvents(); // its value
        }

        return keys;
    }

    private static int LastReadableLine(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var line = 1;
        try
        {
            while (parser.MoveNext())
                line = (int)parser.Current!.Start.Line;
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
            // The line reached so far is the answer.
        }

        return line;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
            ex = ex.InnerException;
        return ex;
    }

    /// <summary>Reads events already parsed, as if parsing them again.</summary>
    internal sealed class ReplayParser(List<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            Current = _next < events.Count ? events[_next++] : null;
            return Current is not null;
        }
    }

    /// <summary>Collects the diagnostics of one file.</summary>
    internal sealed class ParseContext(string relativePath)
    {
        private readonly List<Diagnostic> _diagnostics = [];
        private readonly List<PictureSeen> _pictures = [];
        private bool _lookedOutside;

        public string RelativePath { get; } = relativePath;

        public Post? Reject(int line, string message)
        {
            _diagnostics.Add(Diagnostic.Error(RelativePath, line, message));
            return null;
        }

        public Dictionary<string, int>? RejectKeys(int line, string message)
        {
            Reject(line, message);
            return null;
        }

        public void Warn(int line, string message) => _diagnostics.Add(Diagnostic.Warning(RelativePath, line, message));

        /// <summary>A file the post refers to was looked for: remembered with what was found, for <see cref="StartupCache"/>.</summary>
        public void LookedAt(MediaTarget target, string postsFolder)
        {
            if (target.Kind == MediaKind.Outside)
                _lookedOutside = true;
            else if (target.Path is { } path)
                _pictures.Add(new PictureSeen(path, PostLoader.PictureState(postsFolder, path)));
        }

        public PostParseResult Finish(Post? post) => new(post, _diagnostics.ToArray()) { PicturesLookedAt = _pictures.ToArray(), LookedOutside = _lookedOutside };
    }
}
