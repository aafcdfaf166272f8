using System.ComponentModel.DataAnnotations;

namespace EventsBlog.Content;

/// <summary>The <c>Blog</c> configuration section (environment: <c>Blog__Key</c>).</summary>
public sealed class BlogOptions
{
    public const string SectionName = "Blog";

    [Required(AllowEmptyStrings = false)]
    public string Title { get; set; } = "Events";

    public string Description { get; set; } = "";

    /// <summary>Absolute site URL used for canonical links and feeds; empty means "from the request".</summary>
    public string BaseUrl { get; set; } = "";

    [Required(AllowEmptyStrings = false)]
    public string Language { get; set; } = "en";

    /// <summary>Empty: the sample <c>Posts/</c> folder of the app (see <see cref="AppLayout"/>). Relative: to the content root.</summary>
    public string PostsPath { get; set; } = "";

    [Range(1, 200)]
    public int PageSize { get; set; } = 10;

    [Range(1, int.MaxValue)]
    public int MaxPostBytes { get; set; } = 1024 * 1024;

    public bool ShowDrafts { get; set; }

    /// <summary>Author preview (<c>dotnet run -- preview</c>): drafts are shown and marked, and open pages reload when their post changes.</summary>
    public bool Preview { get; set; }

    /// <summary>IANA time zone in which "today" is taken.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Poll the folder instead of relying on file-system events (bind mounts often deliver none). Also on when <c>DOTNET_USE_POLLING_FILE_WATCHER</c> is set.</summary>
    public bool UsePolling { get; set; }

    /// <summary>How often the folder is polled when <see cref="UsePolling"/> is on.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-* headers are believed; none by default.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Memory for whole cached answers (all encodings); the least recently used go first.</summary>
    [Range(1, 16 * 1024)]
    public int PageCacheMegabytes { get; set; } = 64;

    /// <summary>Serve <c>/metrics</c> in Prometheus format.</summary>
    public bool Metrics { get; set; }

    /// <summary>Permalink shapes of earlier sites that redirect to posts; empty means <see cref="LegacyPermalinks.Defaults"/>.</summary>
    public string[] LegacyPermalinks { get; set; } = [];

    public EmbedOptions Embeds { get; set; } = new();

    /// <summary>Save the parsed posts between runs, so that a restart parses only the files that changed (<see cref="StartupCache"/>).</summary>
    public bool StartupCache { get; set; } = true;

    /// <summary>The start-up cache file; empty means one per posts folder under the user's local data folder.</summary>
    public string StartupCachePath { get; set; } = "";
}

/// <summary>How an allowed embed is shown.</summary>
public enum EmbedMode
{
    /// <summary>A click-to-load placeholder: nothing is requested from the provider until the visitor plays.</summary>
    Facade,

    /// <summary>A plain lazy iframe.</summary>
    Iframe,
}

public sealed class EmbedOptions
{
    public EmbedMode Mode { get; set; } = EmbedMode.Facade;

    public static readonly string[] DefaultAllowedHosts =
    [
        "youtube.com", "www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com",
        "player.bilibili.com", "docs.google.com", "speakerdeck.com",
    ];

    /// <summary>Hosts whose iframes are kept; empty means <see cref="DefaultAllowedHosts"/>.</summary>
    /// <remarks>Starts empty because configuration binding appends to an array rather than replacing it.</remarks>
    public string[] AllowedHosts { get; set; } = [];
}
