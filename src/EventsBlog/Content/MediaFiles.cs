using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.IO.Hashing;
using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

public enum MediaKind
{
    /// <summary>Not a relative path (absolute URL, site path, fragment): left as written.</summary>
    NotRelative,
    Image,
    Missing,
    /// <summary>Exists, but only images are served from the posts folder.</summary>
    NotServed,
    Outside,
}

/// <summary>Where a relative path in a post leads.</summary>
/// <param name="Path">The path inside the posts folder it names (found or not); null when outside or not relative.</param>
public readonly record struct MediaTarget(MediaKind Kind, string? Url = null, string? Path = null);

/// <summary>
/// Pictures kept beside posts: relative paths in a post resolve against the post's folder, and image
/// files inside the posts folder are served at <c>/media/{path}?v={content hash}</c>. Nothing else in the
/// folder is served, and nothing outside it.
/// </summary>
public sealed class MediaFiles(IOptions<BlogOptions> options)
{
    public static readonly FrozenSet<string> ImageExtensions =
        new[] { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, (FileStamp Stamp, string Hash)> _hashes = new(StringComparer.Ordinal);

    public string Root => options.Value.PostsPath;

    public static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>Resolves <paramref name="url"/> as written in the post at <paramref name="postRelativePath"/>.</summary>
    public MediaTarget Resolve(string postRelativePath, string url)
    {
        if (string.IsNullOrWhiteSpace(url) || url[0] is '/' or '#' or '?' || EventsBlog.Rendering.UrlScheme.Of(url) is { Length: > 0 })
            return new MediaTarget(MediaKind.NotRelative);

        var pathPart = url.Split('?', '#')[0];
        string relative;
        try
        {
            var full = Path.GetFullPath(Path.Combine(Root, Path.GetDirectoryName(postRelativePath) ?? "", Uri.UnescapeDataString(pathPart)));
            relative = Path.GetRelativePath(Root, full).Replace('\\', '/');
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
                return new MediaTarget(MediaKind.Outside);
            if (Directory.Exists(full))
                return new MediaTarget(MediaKind.NotRelative);
            if (!File.Exists(full))
                return new MediaTarget(MediaKind.Missing, Path: relative);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or NotSupportedException or UriFormatException)
        {
            return new MediaTarget(MediaKind.Missing);
        }

        return TryGetFile(relative, out _, out var hash)
            ? new MediaTarget(MediaKind.Image, MediaUrl(relative, hash), relative)
            : new MediaTarget(MediaKind.NotServed, Path: relative);
    }

    /// <summary>
    /// The file behind <c>/media/{relativePath}</c>: an image inside the posts folder (links resolved),
    /// not in a hidden folder; with its content hash.
    /// </summary>
    public bool TryGetFile(string relativePath, out string fullPath, out string hash)
    {
        fullPath = "";
        hash = "";
        var segments = relativePath.Split('/', '\\');
        if (!IsImage(relativePath) || segments.Any(s => s.Length == 0 || s.StartsWith('.')))
            return false;

        var root = Path.GetFullPath(Root);
        fullPath = Path.GetFullPath(Path.Combine(root, relativePath));
        var info = new FileInfo(fullPath);
        if (!IsInside(root, fullPath) || !info.Exists)
            return false;
        if (info.LinkTarget is not null && (info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true } target || !IsInside(root, target.FullName)))
            return false;

        try
        {
            hash = ContentHash(fullPath, new FileStamp(info.Length, info.LastWriteTimeUtc));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // removed or locked since it was found: as if it were not there
        }
    }

    private string ContentHash(string fullPath, FileStamp stamp)
    {
        if (_hashes.TryGetValue(fullPath, out var known) && known.Stamp == stamp)
            return known.Hash;
        using var stream = File.OpenRead(fullPath);
        var hasher = new XxHash3();
        hasher.Append(stream);
        var hash = Convert.ToHexStringLower(hasher.GetCurrentHash());
        _hashes[fullPath] = (stamp, hash);
        return hash;
    }

    private static string MediaUrl(string relative, string hash) =>
        "/media/" + string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)) + "?v=" + hash;

    private static bool IsInside(string root, string path) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
