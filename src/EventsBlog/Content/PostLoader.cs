using System.IO.Enumeration;
using System.IO.Hashing;
using System.Runtime.InteropServices;
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
        var posts = new List<(string Path, long Length, DateTime LastWriteUtc)>();
        var mediaByFolder = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (relative, length, lastWriteUtc) in EnumerateFiles(Root))
        {
            if (IsPostFile(relative))
            {
                posts.Add((relative, length, lastWriteUtc));
            }
            else if (MediaFiles.IsImage(relative))
            {
                var folder = Path.GetDirectoryName(relative) ?? "";
                mediaByFolder[folder] = unchecked(mediaByFolder.GetValueOrDefault(folder) + PictureSignature(relative, length, lastWriteUtc));
            }
        }

        var stamps = new Dictionary<string, FileStamp>(posts.Count, StringComparer.Ordinal);
        foreach (var (path, length, lastWriteUtc) in posts)
            stamps[path] = new FileStamp(length, lastWriteUtc, MediaSignature(path, mediaByFolder));
        return stamps;
    }

    /// <summary>
    /// The scan after changes to a few known post files, without walking the folder: each path is
    /// looked at again (and dropped if gone); the pictures' signature of its folder is kept.
    /// </summary>
    public IReadOnlyDictionary<string, FileStamp> Rescan(IReadOnlyDictionary<string, FileStamp> previous, IEnumerable<string> changedPosts)
    {
        var stamps = new Dictionary<string, FileStamp>(previous, StringComparer.Ordinal);
        foreach (var relative in changedPosts)
        {
            var info = new FileInfo(Path.Combine(Root, relative));
            if (!info.Exists)
            {
                stamps.Remove(relative);
                continue;
            }

            var media = previous.TryGetValue(relative, out var old) ? old.Media : SiblingMedia(previous, relative);
            stamps[relative] = new FileStamp(info.Length, info.LastWriteTimeUtc, media);
        }

        return stamps;
    }

    /// <summary>A new post shares the pictures' signature of a post already known in its folder, if any.</summary>
    private static long SiblingMedia(IReadOnlyDictionary<string, FileStamp> previous, string relative)
    {
        var folder = Path.GetDirectoryName(relative) ?? "";
        foreach (var (path, stamp) in previous)
        {
            if ((Path.GetDirectoryName(path) ?? "") == folder && !IsBundleIndex(path))
                return stamp.Media;
        }

        return 0;
    }

    /// <summary>The same in every process (unlike <see cref="HashCode"/>): stamps are compared across restarts (<see cref="StartupCache"/>).</summary>
    private static long PictureSignature(string relativePath, long length, DateTime lastWriteUtc)
    {
        var hash = new XxHash3();
        hash.Append(MemoryMarshal.AsBytes(relativePath.AsSpan()));
        hash.Append(MemoryMarshal.AsBytes([length, lastWriteUtc.Ticks]));
        return (long)hash.GetCurrentHashAsUInt64();
    }

    private static long MediaSignature(string postPath, Dictionary<string, long> mediaByFolder)
    {
        if (mediaByFolder.Count == 0)
            return 0;
        var folder = Path.GetDirectoryName(postPath) ?? "";
        if (!IsBundleIndex(postPath) || folder.Length == 0)
            return mediaByFolder.GetValueOrDefault(folder);
        // A bundle's index.md changes with the pictures in its folder and below. Wrapping sum: Enumerable.Sum
        // would throw on overflow, and these are 64-bit hashes.
        return mediaByFolder.Where(kv => kv.Key == folder || kv.Key.StartsWith(folder + "/", StringComparison.Ordinal))
            .Aggregate(0L, (sum, kv) => unchecked(sum + kv.Value));
    }

    /// <summary>What is at <paramref name="relativePath"/> now: 0 nothing, 1 a file that is not a picture, else a picture's signature.</summary>
    public static long PictureState(string root, string relativePath)
    {
        var info = new FileInfo(Path.Combine(root, relativePath));
        if (!info.Exists)
            return 0;
        return MediaFiles.IsImage(relativePath) ? PictureSignature(relativePath, info.Length, info.LastWriteTimeUtc) : 1;
    }

    /// <summary>Reads and parses one file; a file too large is rejected without reading it.</summary>
    public PostParseResult Parse(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        try
        {
            // The length is asked of the open file, not of its path again: one file-system lookup per post.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var length = file.CanSeek ? file.Length : 0;
            var maxBytes = options.Value.MaxPostBytes;
            if (length > maxBytes)
                return parser.RejectOversized(relativePath, length);
            return ReadAll(file, length, maxBytes) is { } bytes
                ? parser.Parse(relativePath, bytes)
                : parser.RejectOversized(relativePath, length: null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return parser.RejectUnreadable(relativePath, ex.Message);
        }
    }

    /// <summary>
    /// Its <paramref name="length"/> bytes, as File.ReadAllBytes reads: a file cut short meanwhile is an
    /// <see cref="EndOfStreamException"/> (unreadable, the last good version stays). A length of 0 (a pipe) is
    /// read to its end, but never past <paramref name="maxBytes"/>: null then.
    /// </summary>
    private static byte[]? ReadAll(FileStream file, long length, int maxBytes)
    {
        if (length == 0)
        {
            using var bytes = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int count;
            while ((count = file.Read(chunk)) > 0)
            {
                if (bytes.Length + count > maxBytes)
                    return null;
                bytes.Write(chunk, 0, count);
            }

            return bytes.ToArray();
        }

        var buffer = new byte[length];
        file.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>
    /// A post file: <c>*.md</c> or <c>*.markdown</c>, except Hugo section pages (<c>_index.md</c>).
    /// </summary>
    public static bool IsPostFile(string relativePath) =>
        PostExtensions.Contains(Path.GetExtension(relativePath), StringComparer.OrdinalIgnoreCase)
        && !Path.GetFileNameWithoutExtension(relativePath).Equals("_index", StringComparison.OrdinalIgnoreCase);

    private static bool IsBundleIndex(string relativePath) =>
        Path.GetFileNameWithoutExtension(relativePath).Equals("index", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every file under the folder, recursively, as (relative path, length, last write), skipping hidden
    /// files and folders such as <c>.git</c>. Reads directory entries only: no per-file system call.
    /// </summary>
    private static FileSystemEnumerable<(string, long, DateTime)> EnumerateFiles(string root)
    {
        var rootLength = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)).Length + 1;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return new FileSystemEnumerable<(string, long, DateTime)>(root, (ref FileSystemEntry entry) =>
            (entry.ToFullPath()[rootLength..].Replace('\\', '/'), entry.Length, entry.LastWriteTimeUtc.UtcDateTime), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && !entry.FileName.StartsWith('.'),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !entry.FileName.StartsWith('.'),
        };
    }
}
