using EventsBlog.Content;

namespace EventsBlog.Pages.Shared;

/// <summary>The posts of a listing and the instant that separates upcoming from past.</summary>
public sealed record PostListModel(IReadOnlyList<Post> Posts, DateTimeOffset Now);
