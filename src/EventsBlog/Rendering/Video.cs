using EventsBlog.Content;

namespace EventsBlog.Rendering;

/// <summary>An embedded video (or slide deck) on an allow-listed host.</summary>
/// <param name="Provider">Human name of the host, such as "YouTube".</param>
/// <param name="EmbedUrl">The https URL framed by the page.</param>
/// <param name="WatchUrl">The provider's own page for it, linked when the frame is not loaded.</param>
/// <param name="Title">What it shows: the iframe's title, else the talk or the post it belongs to.</param>
/// <param name="Talk">The talk whose section it sits in, if any.</param>
public sealed record Video(string Provider, Uri EmbedUrl, Uri WatchUrl, string Title, Talk? Talk = null);
