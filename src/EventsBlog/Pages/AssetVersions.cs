using System.Buffers.Text;
using System.Collections.Concurrent;
using System.IO.Hashing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;

namespace EventsBlog.Pages;

/// <summary>
/// The <c>?v=</c> that <c>asp-append-version</c> adds: a 128-bit XxHash of the file, where ASP.NET Core's own
/// provider takes SHA-256, which on Linux loads OpenSSL for the first page and nothing else (see
/// <see cref="PagesServiceCollectionExtensions.AddEventsPages"/>). Like that provider, a version is made once per
/// path and made again when the file changes; a URL with a scheme, or a file not in the web root, is left as it is.
/// </summary>
internal sealed class AssetVersions(IWebHostEnvironment environment) : IFileVersionProvider
{
    private readonly ConcurrentDictionary<string, string> _versioned = new(StringComparer.Ordinal);

    public string AddFileVersionToPath(PathString requestPathBase, string path)
    {
        if (_versioned.TryGetValue(path, out var known))
            return known;
        var end = path.AsSpan().IndexOfAny('?', '#');
        var filePath = end < 0 ? path : path[..end];
        if (Uri.TryCreate(filePath, UriKind.Absolute, out var uri) && !uri.IsFile)
            return path;
        if (requestPathBase.HasValue && filePath.StartsWith(requestPathBase.Value!, StringComparison.OrdinalIgnoreCase))
            filePath = filePath[requestPathBase.Value!.Length..];

        var files = environment.WebRootFileProvider;
        var changed = files.Watch(filePath);
        var file = files.GetFileInfo(filePath);
        var versioned = file.Exists ? QueryHelpers.AddQueryString(path, "v", Hash(file)) : path;
        _versioned[path] = versioned;
        changed.RegisterChangeCallback(_ => _versioned.TryRemove(path, out var _), null);
        return versioned;
    }

    private static string Hash(IFileInfo file)
    {
        using var content = file.CreateReadStream();
        var hash = new XxHash128();
        hash.Append(content);
        return Base64Url.EncodeToString(hash.GetCurrentHash());
    }
}
