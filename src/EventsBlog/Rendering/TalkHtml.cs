using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>How speakers are marked, in the talks list and under each talk heading alike: links to their pages.</summary>
public static class TalkHtml
{
    public static string Speakers(IEnumerable<string> speakers) =>
        string.Join(", ", speakers.Select(Speaker));

    private static string Speaker(string name) => Slugs.From(name) is { Length: > 0 } slug
        ? $"""<a class="speaker" href="/speakers/{Uri.EscapeDataString(slug)}">{Html.Encode(name)}</a>"""
        : $"""<span class="speaker">{Html.Encode(name)}</span>""";
}
