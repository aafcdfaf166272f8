using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>Finds the post files under the posts folder and reads them through the <see cref="PostParser"/>.</summary>
public sealed class PostLoader(PostParser parser, IOptions<BlogOptions> options)
{
    private static readonly string[] PostExtensions = [".md", ".markdown"];

    public string Root => options.Value.PostsPath;

    /// <summary>
    /// The stamp of every post file under the folder; nothing is read. A post's stamp includes the
    /// pictures in its folder (and below it, for a bundle's <c>index.md</c>).
    /// </summary>
    public IReadOnlyDictionary<string, FileStamp> Scan()
    {
        var posts = new List<(string Path, FileInfo Info)>();
        var mediaByFolder = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var info in EnumerateFiles(Root))
        {
            var relative = RelativePath(info.FullName);
            if (IsPostFile(relative))
            {
                posts.Add((relative, info));
            }
            else if (MediaFiles.IsImage(relative))
            {
                var folder = Path.GetDirectoryName(relative) ?? "";
                mediaByFolder[folder] = mediaByFolder.GetValueOrDefault(folder) + HashCode.Combine(relative, info.Length, info.LastWriteTimeUtc);
            }
        }

        var stamps = new Dictionary<string, FileStamp>(posts.Count, StringComparer.Ordinal);
        foreach (var (path, info) in posts)
            stamps[path] = new FileStamp(info.Length, info.LastWriteTimeUtc, MediaSignature(path, mediaByFolder));
        return stamps;
    }

    private static long MediaSignature(string postPath, Dictionary<string, long> mediaByFolder)
    {
        if (mediaByFolder.Count == 0)
            return 0;
        var folder = Path.GetDirectoryName(postPath) ?? "";
        if (!Path.GetFileNameWithoutExtension(postPath).Equals("index", StringComparison.OrdinalIgnoreCase) || folder.Length == 0)
            return mediaByFolder.GetValueOrDefault(folder);
        return mediaByFolder.Where(kv => kv.Key == folder || kv.Key.StartsWith(folder + "/", StringComparison.Ordinal)).Sum(kv => kv.Value);
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
    /// A post file: <c>*.md</c> or <c>*.markdown</c>, except Hugo section pages (<c>_index.md</c>).
    /// </summary>
    public static bool IsPostFile(string relativePath) =>
        PostExtensions.Contains(Path.GetExtension(relativePath), StringComparer.OrdinalIgnoreCase)
        && !Path.GetFileNameWithoutExtension(relativePath).Equals("_index", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every file under the folder, recursively, except in hidden folders such as <c>.git</c>.</summary>
    private static IEnumerable<FileInfo> EnumerateFiles(string root)
    {
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return new DirectoryInfo(root).EnumerateFiles("*", enumeration)
            .Where(file => !Path.GetRelativePath(root, file.FullName).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')));
    }
}
