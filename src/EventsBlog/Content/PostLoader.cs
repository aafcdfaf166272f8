using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>Finds the post files under the posts folder and reads them through the <see cref="PostParser"/>.</summary>
public sealed class PostLoader(PostParser parser, IOptions<BlogOptions> options)
{
    private static readonly string[] PostExtensions = [".md", ".markdown"];

    public string Root => options.Value.PostsPath;

    /// <summary>The stamp of every post file under the folder; nothing is read.</summary>
    public IReadOnlyDictionary<string, FileStamp> Scan()
    {
        var stamps = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var path in EnumeratePostFiles(Root))
        {
            var info = new FileInfo(path);
            if (info.Exists)
                stamps[RelativePath(path)] = new FileStamp(info.Length, info.LastWriteTimeUtc);
        }

        return stamps;
    }

    /// <summary>Reads and parses one file; a file too large is rejected without reading it.</summary>
    public PostParseResult Parse(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        try
        {
            var length = new FileInfo(path).Length;
            return length > options.Value.MaxPostBytes
                ? parser.RejectOversized(relativePath, length)
                : parser.Parse(relativePath, File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return parser.RejectUnreadable(relativePath, ex.Message);
        }
    }

    private string RelativePath(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>
    /// Every <c>*.md</c> and <c>*.markdown</c> file, recursively, except Hugo section pages
    /// (<c>_index.md</c>) and anything in hidden folders such as <c>.git</c>.
    /// </summary>
    public static IEnumerable<string> EnumeratePostFiles(string root)
    {
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return Directory.EnumerateFiles(root, "*", enumeration)
            .Where(path => PostExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Where(path => !Path.GetFileNameWithoutExtension(path).Equals("_index", StringComparison.OrdinalIgnoreCase))
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')));
    }
}
