using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>
/// The permalink shapes of the sites authors migrate from (<c>Blog:LegacyPermalinks</c>), such as Jekyll's
/// <c>/{yyyy}/{MM}/{dd}/{slug}.html</c>: an address of that shape that names an existing post redirects to it.
/// Placeholders: <c>{yyyy}</c>, <c>{MM}</c>, <c>{dd}</c> (must match the post's date), <c>{slug}</c>,
/// <c>{file}</c> (the post's file name without extension) and <c>{section}</c> (any folder name).
/// </summary>
public sealed partial class LegacyPermalinks(IOptions<BlogOptions> options)
{
    public static readonly string[] Defaults =
        ["/{yyyy}/{MM}/{dd}/{slug}.html", "/{yyyy}/{MM}/{dd}/{slug}/", "/posts/{slug}/", "/blog/{slug}/", "/{section}/{file}/"];

    private readonly Regex[] _patterns = options.Value.LegacyPermalinks.Select(ToRegex).ToArray();

    public Post? Find(ContentIndex index, string path)
    {
        path = path.TrimEnd('/');
        foreach (var pattern in _patterns)
        {
            var match = pattern.Match(path);
            if (!match.Success)
                continue;
            var post = match.Groups["slug"].Success ? index.FindPost(match.Groups["slug"].Value.ToLowerInvariant())
                : match.Groups["file"].Success ? index.FindByFileName(match.Groups["file"].Value)
                : null;
            if (post is not null && DateMatches(post, match))
                return post;
        }

        return null;
    }

    private static bool DateMatches(Post post, Match match) =>
        (!match.Groups["yyyy"].Success || int.Parse(match.Groups["yyyy"].ValueSpan) == post.Date.Year)
        && (!match.Groups["MM"].Success || int.Parse(match.Groups["MM"].ValueSpan) == post.Date.Month)
        && (!match.Groups["dd"].Success || int.Parse(match.Groups["dd"].ValueSpan) == post.Date.Day);

    /// <summary>Placeholders become named groups; the rest is literal; a trailing slash is optional.</summary>
    private static Regex ToRegex(string pattern)
    {
        var body = Placeholder().Replace(Regex.Escape(pattern.TrimEnd('/')).Replace(@"\{", "{", StringComparison.Ordinal), match => match.Groups[1].Value switch
        {
            "yyyy" => "(?<yyyy>[0-9]{4})",
            "MM" => "(?<MM>[0-9]{1,2})",
            "dd" => "(?<dd>[0-9]{1,2})",
            var name => $"(?<{name}>[^/]+)",
        });
        return new Regex($"^{body}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex(@"\{(yyyy|MM|dd|slug|file|section)\}")]
    private static partial Regex Placeholder();
}
