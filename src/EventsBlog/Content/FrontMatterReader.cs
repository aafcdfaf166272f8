using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EventsBlog.Content;

/// <summary>
/// YamlDotNet's parsing events → <see cref="FrontMatter"/>, as its deserializer maps them (keys matched
/// case-insensitively, unknown keys ignored, the later of duplicate keys wins, anchors and aliases
/// resolved) without its reflection: the deserializer was a fifth of the cost of loading a post.
/// A value of the wrong kind throws a <see cref="YamlException"/> at that value.
/// </summary>
internal static class FrontMatterReader
{
    private static readonly Dictionary<string, Action<FrontMatter, object?>> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["category"] = (f, v) => f.Category = v,
        ["categories"] = (f, v) => f.Categories = v,
        ["tags"] = (f, v) => f.Tags = v,
        ["summary"] = (f, v) => f.Summary = v,
        ["description"] = (f, v) => f.Description = v,
        ["slug"] = (f, v) => f.Slug = v,
        ["draft"] = (f, v) => f.Draft = v,
        ["author"] = (f, v) => f.Author = v,
        ["authors"] = (f, v) => f.Authors = v,
        ["thumbnail"] = (f, v) => f.Thumbnail = v,
        ["image"] = (f, v) => f.Image = v,
        ["lang"] = (f, v) => f.Lang = v,
        ["link"] = (f, v) => f.Link = v,
        ["url"] = (f, v) => f.Url = v,
        ["aliases"] = (f, v) => f.Aliases = v,
        ["event"] = (f, v) => f.Event = v,
        ["speakers"] = (f, v) => f.Speakers = v,
        ["speaker"] = (f, v) => f.Speaker = v,
        ["presenters"] = (f, v) => f.Presenters = v,
    };

    /// <summary>Keys whose value must be one text (or nothing).</summary>
    private static readonly Dictionary<string, Action<FrontMatter, string?>> TextKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = (f, v) => f.Title = v,
        ["date"] = (f, v) => f.Date = v,
        ["publishDate"] = (f, v) => f.PublishDate = v,
        ["expiryDate"] = (f, v) => f.ExpiryDate = v,
    };

    /// <summary>Reads a document whose root is a mapping (or empty); <see cref="PostParser"/> has checked that.</summary>
    public static FrontMatter Read(IParser parser)
    {
        var frontMatter = new FrontMatter();
        var anchors = new Dictionary<string, object?>(StringComparer.Ordinal);
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
            return frontMatter;
        parser.Consume<DocumentStart>();
        if (!parser.TryConsume<MappingStart>(out _))
            return frontMatter;

        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (parser.Current is not Scalar keyScalar)
                throw new YamlException(parser.Current!.Start, parser.Current.End, "a key must be one text");
            parser.MoveNext();
            var key = Remember(anchors, keyScalar, keyScalar.Value);
            var valueEvent = parser.Current!;
            if (TextKeys.TryGetValue(key, out var setText))
            {
                var value = Value(parser, anchors);
                if (value is not (null or string))
                    throw NotText(valueEvent, value);
                setText(frontMatter, (string?)value);
            }
            else if (Keys.TryGetValue(key, out var set))
                set(frontMatter, Value(parser, anchors));
            else
                parser.SkipThisAndNestedEvents(); // an unknown key's value is not read, as by YamlDotNet's deserializer
        }

        return frontMatter;
    }

    /// <summary>
    /// One value: a text (or null for an empty, '~' or 'null' plain scalar), a list, or a mapping, as
    /// YamlDotNet builds them for <see cref="object"/>.
    /// </summary>
    private static object? Value(IParser parser, Dictionary<string, object?> anchors)
    {
        switch (parser.Current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return Remember(anchors, scalar, IsNull(scalar) ? null : scalar.Value);
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var anchored)
                    ? anchored
                    : throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value} names no anchor before it");
            case SequenceStart start:
            {
                parser.MoveNext();
                var list = Remember(anchors, start, new List<object?>());
                while (!parser.TryConsume<SequenceEnd>(out _))
                    list.Add(Value(parser, anchors));
                return list;
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var mapping = Remember(anchors, start, new Dictionary<object, object?>());
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var key = Value(parser, anchors) ?? throw new YamlException(keyEvent.Start, keyEvent.End, "a key is empty");
                    mapping[key] = Value(parser, anchors);
                }

                return mapping;
            }

            default:
                var unexpected = parser.Current!;
                throw new YamlException(unexpected.Start, unexpected.End, $"unexpected {unexpected.GetType().Name}");
        }
    }

    private static T Remember<T>(Dictionary<string, object?> anchors, NodeEvent node, T value)
    {
        if (!node.Anchor.IsEmpty)
            anchors[node.Anchor.Value] = value;
        return value;
    }

    private static bool IsNull(Scalar scalar) =>
        (!scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:null")
        || (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    private static YamlException NotText(ParsingEvent valueEvent, object value) =>
        new(valueEvent.Start, valueEvent.End, $"one text was expected, not {(value is List<object?> ? "a list" : "a mapping")}");
}
