using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>
/// A post's body rendered once: the HTML, the event's lead video (the first embed before any talk
/// section, shown above the talks list), the talks, every video, and what rendering changed.
/// </summary>
public sealed record RenderedPost(
    Post Post,
    string BodyHtml,
    Video? LeadVideo,
    string? LeadVideoHtml,
    IReadOnlyList<Talk> Talks,
    IReadOnlyList<Video> Videos,
    IReadOnlyList<Diagnostic> Diagnostics);
