using System.Collections;
using System.Text;
using EventsBlog.Content;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EventsBlog.Tests.Content;

/// <summary>The reader must map front matter exactly as YamlDotNet's deserializer maps it into the DTO.</summary>
public class FrontMatterReaderTests
{
    private static readonly IDeserializer YamlDotNetDeserializer = new DeserializerBuilder()
        .WithCaseInsensitivePropertyMatching()
        .IgnoreUnmatchedProperties()
        .Build();

    private static readonly string[] Lines =
    [
        "title: Summit", "Title: Upper", "TITLE: \"Quoted: yes\"", "title:", "title: ~", "title: null", "title: 'null'", "title: [a, b]", "title: {a: 1}",
        "title: &t Anchored", "title: *t", "summary: *t", "summary: *missing", "date: 2020-08-01", "date: 2021-6-7", "date:",
        "date: [2020]", "publishDate: 2030-01-01", "publishdate: 2030-01-02", "PublishDate: ~", "expiryDate: {x: 1}", "expirydate: 2000-01-01",
        "category: talks & videos", "categories: [a, b]", "categories: &list [x, y]", "tags: *list", "tags: x, y", "tags: [x, [nested], ~, '']",
        "tags:\n  - one\n  - two\n  -\n  - null", "draft: true", "draft: ~", "draft: [yes]", "slug: ok", "slug: \"\"", "url: https://example.org",
        "aliases: [/a, /b]", "aliases: /c", "authors: [{name: A}, B, {x: 1}]", "author: {name: Ann, twitter: ann}", "speakers: [Ann, &s Bob, *s]",
        "speaker: *s", "presenters:\n  - name: Carl\n  - Dora", "event: {start: 2024-05-01 18:00, end: ~, location: Berlin, online: true}",
        "event:\n  start: 2024-05-01\n  start: 2024-05-02\n  nested: {a: [1, 2]}", "event: [not, a, block]", "event: &e {location: Here}",
        "lang: en", "link: x", "image: cover.png", "thumbnail: [a.png]", "description: >\n  folded\n  text", "summary: |\n  block\n  text",
        "anchor: &a value", "alias: *a", "unknown: *missing", "unknown: {deep: [1, {x: *missing}]}", "dup: 1", "dup: 2", "? complex key\n: value",
        "? [a, b]\n: value", "~: nothing", "'': empty key", "emoji: 🎉", "cjk: 云原生社区", "title: !!str 2020",
    ];

    [Fact]
    public void Reads_generated_front_matter_as_YamlDotNet_deserializes_it()
    {
        var random = new Random(20261204);
        var compared = 0;
        for (var document = 0; document < 4000; document++)
        {
            var yaml = new StringBuilder();
            for (var line = random.Next(1, 7); line > 0; line--)
                yaml.Append(Lines[random.Next(Lines.Length)]).Append('\n');
            var text = yaml.ToString();
            if (Events(text) is not { } events)
                continue; // a syntax error: rejected before the front matter is read
            compared++;
            var expected = Outcome(() => YamlDotNetDeserializer.Deserialize<FrontMatter?>(new PostParser.ReplayParser(events)) ?? new FrontMatter());
            var actual = Outcome(() => FrontMatterReader.Read(new PostParser.ReplayParser(events)));
            Assert.True(expected == actual, $"for:\n{text}\nYamlDotNet: {expected}\nreader:     {actual}");
        }

        Assert.True(compared > 2000, $"only {compared} documents were compared");
    }

    [Fact]
    public void A_list_where_one_text_is_expected_fails_at_its_line()
    {
        var ex = Assert.Throws<YamlException>(() => FrontMatterReader.Read(new PostParser.ReplayParser(Events("title: Summit\ndate:\n  - 2020-01-01\n")!)));

        Assert.Equal(3, ex.Start.Line);
        Assert.Contains("not a list", ex.Message);
    }

    [Fact]
    public void An_alias_to_a_list_where_one_text_is_expected_fails_too()
    {
        // YamlDotNet's deserializer made the title "(Collection)" here.
        var ex = Assert.Throws<YamlException>(() => FrontMatterReader.Read(new PostParser.ReplayParser(Events("tags: &list [a, b]\ntitle: *list\n")!)));

        Assert.Equal(2, ex.Start.Line);
    }

    private static List<ParsingEvent>? Events(string yaml)
    {
        var events = new List<ParsingEvent>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
                events.Add(parser.Current!);
            return events.Count > 2 && events[2] is MappingStart ? events : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The DTO's values as text, or "error at line N" (the line the parser rejects with).</summary>
    private static string Outcome(Func<FrontMatter> read)
    {
        try
        {
            var frontMatter = read();
            return string.Join("; ", typeof(FrontMatter).GetProperties().Select(p => $"{p.Name}={Describe(p.GetValue(frontMatter))}"));
        }
        catch (YamlException ex)
        {
            return $"error at line {ex.Start.Line}";
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"'{text}'",
        IDictionary mapping => "{" + string.Join(", ", mapping.Keys.Cast<object>().Select(k => $"{Describe(k)}: {Describe(mapping[k])}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Describe)) + "]",
        _ => $"{value.GetType().Name}:{value}",
    };
}
