namespace EventsBlog.Rendering;

/// <summary>How speakers are marked, in the talks list and under each talk heading alike.</summary>
public static class TalkHtml
{
    public static string Speakers(IEnumerable<string> speakers) =>
        string.Join(", ", speakers.Select(s => $"""<span class="speaker">{Html.Encode(s)}</span>"""));
}
