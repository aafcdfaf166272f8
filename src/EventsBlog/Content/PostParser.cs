using System.Text;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EventsBlog.Content;

/// <summary>The outcome of parsing one file: a post, or a rejection; warnings either way.</summary>
public sealed record PostParseResult(Post? Post, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsRejected => Post is null;
}

/// <summary>
/// Bytes of one post file → <see cref="Post"/>: decode (UTF-8, front matter, YAML into a DTO), validate
/// with file and line, then build the immutable record. Never throws for bad input. With
/// <see cref="MediaFiles"/>, a relative thumbnail is resolved against the post's folder.
/// </summary>
public sealed class PostParser(IOptions<BlogOptions> options, MediaFiles? media = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithCaseInsensitivePropertyMatching()
        .IgnoreUnmatchedProperties()
        .Build();

    private readonly int _maxBytes = options.Value.MaxPostBytes;

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

    /// <summary>For a file too large to read: reported without reading it.</summary>
    public PostParseResult RejectOversized(string relativePath, long length) =>
        Rejection(relativePath, $"the file is {length:N0} bytes, more than Blog:MaxPostBytes ({_maxBytes:N0})");

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

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines[0].TrimEnd() != "---")
            return context.Reject(1, "no front matter: the first line must be '---', then YAML such as 'title: ...', then a closing '---' line");

        var closing = Array.FindIndex(lines, 1, line => line.TrimEnd() is "---" or "...");
        if (closing < 0)
            return context.Reject(1, "the front matter is not closed: add a '---' line after the YAML");

        var yaml = string.Join('\n', lines, 1, closing - 1);
        const int yamlFirstLine = 2;
        var keys = ScanTopLevelKeys(context, yaml, yamlFirstLine);
        if (keys is null)
            return null;

        FrontMatter frontMatter;
        try
        {
            frontMatter = Deserializer.Deserialize<FrontMatter?>(yaml) ?? new FrontMatter();
        }
        catch (YamlException ex)
        {
            var line = yamlFirstLine + (int)ex.Start.Line - 1;
            var key = keys.FirstOrDefault(k => k.Value == line).Key;
            var what = key is null ? "a front-matter value" : $"'{key}'";
            return context.Reject(line, $"{what} has the wrong kind of value ({Innermost(ex).Message})");
        }

        var body = string.Join('\n', lines, closing + 1, lines.Length - closing - 1);
        return new PostBuilder(context, keys, frontMatter, body, closing + 2, _zone, media).Build();
    }

    /// <summary>
    /// Walks the YAML events once to learn each top-level key's line (for messages) and to find
    /// duplicate keys, which real sites have: a warning, the later value wins.
    /// </summary>
    private static Dictionary<string, int>? ScanTopLevelKeys(ParseContext context, string yaml, int firstLine)
    {
        var keys = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var parser = new Parser(new StringReader(yaml));
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
        catch (YamlException ex)
        {
            var line = firstLine + (int)ex.Start.Line - 1;
            return context.RejectKeys(line, $"YAML syntax error in the front matter: {Innermost(ex).Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser fails this way when a flow collection ('[' or '{') is never closed.
            return context.RejectKeys(firstLine + LastReadableLine(yaml) - 1, "YAML syntax error in the front matter: a '[' or '{' is not closed");
        }
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

    /// <summary>Collects the diagnostics of one file.</summary>
    internal sealed class ParseContext(string relativePath)
    {
        private readonly List<Diagnostic> _diagnostics = [];

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

        public PostParseResult Finish(Post? post) => new(post, _diagnostics.ToArray());
    }
}
