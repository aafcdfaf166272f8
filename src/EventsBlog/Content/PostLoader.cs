using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>Reads every post file under the posts folder and builds a <see cref="ContentIndex"/>.</summary>
public sealed class PostLoader(PostParser parser, IOptions<BlogOptions> options, ILogger<PostLoader> logger)
{
    private static readonly string[] PostExtensions = [".md", ".markdown"];

    public ContentIndex Load()
    {
        var started = Stopwatch.GetTimestamp();
        var root = options.Value.PostsPath;
        var results = EnumeratePostFiles(root)
            .AsParallel()
            .Select(path => ParseFile(root, path))
            .ToArray();
        var index = ContentIndex.Build(results, options.Value.ShowDrafts);

        foreach (var diagnostic in index.Diagnostics)
            logger.LogWarning("{Diagnostic}", diagnostic.ToString());
        logger.LogInformation("Loaded {Loaded} posts from {Folder}, rejected {Rejected}, in {Elapsed} ms",
            index.Count, root, index.RejectedFiles.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }

    public PostParseResult ParseFile(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        try
        {
            var length = new FileInfo(path).Length;
            return length > options.Value.MaxPostBytes
                ? parser.RejectOversized(relative, length)
                : parser.Parse(relative, File.ReadAllBytes(path));
        }
        catch (IOException ex)
        {
            return parser.RejectUnreadable(relative, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return parser.RejectUnreadable(relative, ex.Message);
        }
    }

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
