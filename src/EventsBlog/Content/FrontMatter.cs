namespace EventsBlog.Content;

/// <summary>
/// The decoded YAML front matter: a plain settable DTO, filled by <see cref="FrontMatterReader"/>.
/// Keys are matched case-insensitively. Apart from <c>title</c> and dates, keys are <see cref="object"/>:
/// real posts write a list where one value is expected, and that must not cost the post.
/// Unknown keys are ignored.
/// </summary>
internal sealed class FrontMatter
{
    public string? Title { get; set; }
    public string? Date { get; set; }
    public object? Category { get; set; }
    public object? Categories { get; set; }
    public object? Tags { get; set; }
    public object? Summary { get; set; }
    public object? Description { get; set; }
    public object? Slug { get; set; }
    public object? Draft { get; set; }
    public object? Author { get; set; }
    public object? Authors { get; set; }
    public object? Thumbnail { get; set; }
    public object? Image { get; set; }
    public object? Lang { get; set; }
    public object? Link { get; set; }
    public object? Url { get; set; }
    public object? Aliases { get; set; }
    public string? PublishDate { get; set; }

    /// <summary>The <c>event: { start, end, timezone, location, online, register, stream }</c> block.</summary>
    public object? Event { get; set; }
    public object? Speakers { get; set; }
    public object? Speaker { get; set; }
    public object? Presenters { get; set; }
    public string? ExpiryDate { get; set; }
}
