namespace EventsBlog.Content;

/// <summary>
/// The decoded YAML front matter: a plain settable DTO (YamlDotNet cannot build positional records).
/// Keys are matched case-insensitively; keys that can be text or a list are <see cref="object"/>.
/// Unknown keys are ignored.
/// </summary>
internal sealed class FrontMatter
{
    public string? Title { get; set; }
    public string? Date { get; set; }
    public string? Category { get; set; }
    public object? Categories { get; set; }
    public object? Tags { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public string? Slug { get; set; }
    public object? Draft { get; set; }
    public object? Author { get; set; }
    public object? Authors { get; set; }
    public object? Thumbnail { get; set; }
    public object? Image { get; set; }
    public string? Lang { get; set; }
    public string? Link { get; set; }
    public string? Url { get; set; }
    public object? Aliases { get; set; }
    public string? PublishDate { get; set; }
    public string? ExpiryDate { get; set; }
}
