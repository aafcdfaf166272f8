namespace EventsBlog.Tests.Infrastructure;

/// <summary>Small fixtures written for the tests, shaped like real event posts.</summary>
public static class SamplePosts
{
    /// <summary>A real 1×1 PNG, for pictures beside posts.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public const string Summit = """
        ---
        title: "Online Open Source Summit 2020"
        date: "2020-08-01"
        category: events
        tags: [open source, cloud]
        ---

        A whole day of talks, streamed to 40 countries.

        <iframe width="560" height="315" src="https://www.youtube.com/embed/abc123XYZ_-" frameborder="0" allowfullscreen></iframe>

        ## Lightning talk: Build Caches - Tom Becker

        Five minutes on caching.

        ## Deep dive: Observability - Aiko Tanaka, Daniel Okafor

        Half an hour on metrics, logs and traces.

        ## Resources

        - [Slides](https://example.org/slides)
        - [Forum](https://example.org/forum)
        """;

    public static string Minimal(string title, string date = "2021-03-04", string extra = "", string body = "Some text.") => $"""
        ---
        title: {title}
        date: {date}
        {extra}
        ---

        {body}
        """;
}
