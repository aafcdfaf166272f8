using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>Checks what data annotations cannot: time zone, URLs, paths and host names.</summary>
internal sealed class BlogOptionsValidator : IValidateOptions<BlogOptions>
{
    public ValidateOptionsResult Validate(string? name, BlogOptions options)
    {
        var errors = new List<string>();

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
            errors.Add($"Blog:TimeZone '{options.TimeZone}' is not a known time zone; use an IANA name such as 'Europe/Paris' or 'UTC'.");

        if (!string.IsNullOrEmpty(options.BaseUrl)
            && !(Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https"))
            errors.Add($"Blog:BaseUrl '{options.BaseUrl}' must be an absolute http or https URL, or empty.");

        if (!Directory.Exists(options.PostsPath))
            errors.Add($"Blog:PostsPath '{options.PostsPath}' is not an existing folder.");

        foreach (var proxy in options.KnownProxies ?? [])
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
                errors.Add($"Blog:KnownProxies entry '{proxy}' is not an IP address.");
        }

        foreach (var pattern in options.LegacyPermalinks ?? [])
        {
            if (!pattern.StartsWith('/') || !(pattern.Contains("{slug}", StringComparison.Ordinal) || pattern.Contains("{file}", StringComparison.Ordinal)))
                errors.Add($"Blog:LegacyPermalinks entry '{pattern}' must start with '/' and contain {{slug}} or {{file}}.");
        }

        foreach (var host in options.Embeds.AllowedHosts ?? [])
        {
            if (Uri.CheckHostName(host) is UriHostNameType.Unknown || host.Contains('/'))
                errors.Add($"Blog:Embeds:AllowedHosts entry '{host}' is not a host name (write 'player.vimeo.com', not a URL).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Fills what depends on the environment: an empty or relative <see cref="BlogOptions.PostsPath"/> becomes
/// an absolute folder, a relative <see cref="BlogOptions.StartupCachePath"/> an absolute file; the standard <c>DOTNET_USE_POLLING_FILE_WATCHER</c> turns on polling; preview shows drafts.
/// </summary>
internal sealed class BlogOptionsDefaults(IHostEnvironment environment, IConfiguration configuration) : IPostConfigureOptions<BlogOptions>
{
    public void PostConfigure(string? name, BlogOptions options)
    {
        options.PostsPath = string.IsNullOrWhiteSpace(options.PostsPath)
            ? AppLayout.DefaultPostsFolder
            : Path.GetFullPath(options.PostsPath, environment.ContentRootPath);
        if (!string.IsNullOrWhiteSpace(options.StartupCachePath))
            options.StartupCachePath = Path.GetFullPath(options.StartupCachePath, environment.ContentRootPath);
        if (options.Preview)
            options.ShowDrafts = true;
        if (configuration["DOTNET_USE_POLLING_FILE_WATCHER"] is "1" or "true" or "True" or "TRUE")
            options.UsePolling = true;
        if (options.LegacyPermalinks is not { Length: > 0 })
            options.LegacyPermalinks = EventsBlog.Content.LegacyPermalinks.Defaults;
        if (options.Embeds.AllowedHosts is not { Length: > 0 })
            options.Embeds.AllowedHosts = EmbedOptions.DefaultAllowedHosts;
    }
}
