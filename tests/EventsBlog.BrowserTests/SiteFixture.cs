using EventsBlog.Content;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EventsBlog.BrowserTests;

/// <summary>
/// The real app on a real Kestrel port, over a copy of the sample <c>Posts/</c>, and Debian's Chromium
/// driven by Playwright. Without Chromium the tests are skipped with a message, unless
/// <c>EVENTSBLOG_REQUIRE_BROWSER=1</c> (as in CI), which makes them fail.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _posts = Directory.CreateTempSubdirectory("eventsblog-browser-").FullName;
    private SiteFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public string? SkipReason { get; private set; }

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("EVENTSBLOG_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(executable))
        {
            var message = $"Chromium was not found at {executable}: install Debian's 'chromium' package (apt-get install chromium) to run the browser tests.";
            if (Environment.GetEnvironmentVariable("EVENTSBLOG_REQUIRE_BROWSER") == "1")
                throw new InvalidOperationException(message + " EVENTSBLOG_REQUIRE_BROWSER=1 requires it.");
            SkipReason = message;
            return;
        }

        foreach (var file in Directory.EnumerateFiles(AppLayout.DefaultPostsFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_posts, Path.GetRelativePath(AppLayout.DefaultPostsFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        _factory = new SiteFactory(_posts);
        // Not UseKestrel(0), which races with Kestrel's binding (dotnet/aspnetcore#67714): a loopback endpoint on any free port.
        _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ChromiumArgs });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            BaseURL = BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        _factory?.Dispose();
        Directory.Delete(_posts, recursive: true);
        File.Delete(SiteFactory.StartupCacheOf(_posts));
    }

    private sealed class SiteFactory(string posts) : WebApplicationFactory<Program>
    {
        /// <summary>Where the app keeps its start-up cache: beside the temp posts folder, deleted with it.</summary>
        public static string StartupCacheOf(string posts) => posts + ".startup-cache";

        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseSetting("Blog:PostsPath", posts).UseSetting("Blog:StartupCachePath", StartupCacheOf(posts));
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "site";
}
