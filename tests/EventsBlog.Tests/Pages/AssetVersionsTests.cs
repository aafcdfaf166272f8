using System.Buffers.Text;
using System.IO.Hashing;
using System.Text;
using EventsBlog.Pages;
using EventsBlog.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventsBlog.Tests.Pages;

/// <summary><c>asp-append-version</c> without SHA-256, and no key ring at start: the site loads no OpenSSL.</summary>
public sealed class AssetVersionsTests : AppTest
{
    private static string Version(byte[] content) => Base64Url.EncodeToString(XxHash128.Hash(content));

    [Fact]
    public async Task A_page_links_its_stylesheet_and_script_by_the_hash_of_the_bytes_served()
    {
        Posts.Write("a.md", SamplePosts.Minimal("Alpha", "2021-01-01"));
        using var client = App().CreateClient();
        var page = await client.GetStringAsync("/");

        foreach (var asset in new[] { "/css/site.css", "/js/site.js" })
        {
            var link = System.Text.RegularExpressions.Regex.Match(page, $"\"({asset.Replace(".", "\\.")}\\?v=[^\"]+)\"").Groups[1].Value;
            var served = await client.GetByteArrayAsync(asset);
            Assert.Equal($"{asset}?v={Version(served)}", link);
        }
    }

    [Fact]
    public async Task The_version_follows_the_file_and_leaves_what_is_not_in_the_web_root_alone()
    {
        using var root = new TempPostsFolder();
        root.Write("css/a.css", "body { color: red }");
        using var files = new PhysicalFileProvider(root.Path);
        var versions = new AssetVersions(new WebRoot(files, root.Path));

        var first = versions.AddFileVersionToPath(PathString.Empty, "/css/a.css");
        Assert.Equal($"/css/a.css?v={Version(Encoding.UTF8.GetBytes("body { color: red }"))}", first);
        Assert.Equal($"/css/a.css?x=1&v={Version(Encoding.UTF8.GetBytes("body { color: red }"))}", versions.AddFileVersionToPath(PathString.Empty, "/css/a.css?x=1"));
        Assert.Equal(first.Replace("/css/", "/blog/css/"), versions.AddFileVersionToPath("/blog", "/blog/css/a.css"));
        Assert.Equal("/css/missing.css", versions.AddFileVersionToPath(PathString.Empty, "/css/missing.css"));
        Assert.Equal("https://cdn.example/a.css", versions.AddFileVersionToPath(PathString.Empty, "https://cdn.example/a.css"));

        root.Write("css/a.css", "body { color: blue }");
        var edited = $"/css/a.css?v={Version(Encoding.UTF8.GetBytes("body { color: blue }"))}";
        await Eventually.True(() => Task.FromResult(versions.AddFileVersionToPath(PathString.Empty, "/css/a.css") == edited), "a new version after the edit");
    }

    [Fact]
    public async Task No_data_protection_key_is_made_at_start()
    {
        Posts.Write("2021-01-01-alpha.md", SamplePosts.Minimal("Alpha", "2021-01-01"));
        using var keys = new TempPostsFolder();
        // Not AddDataProtection().PersistKeysToFileSystem(): that would register the start-up service again.
        var app = App().WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<KeyManagementOptions>(options =>
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys.Path), NullLoggerFactory.Instance))));
        using var client = app.CreateClient();

        foreach (var path in new[] { "/", "/archive", "/events/alpha", "/search?q=alpha", "/feed.xml" })
            (await client.GetAsync(path)).EnsureSuccessStatusCode();

        Assert.Empty(Directory.EnumerateFiles(keys.Path, "*", SearchOption.AllDirectories));
    }

    private sealed class WebRoot(IFileProvider files, string path) : IWebHostEnvironment
    {
        public IFileProvider WebRootFileProvider { get; set; } = files;
        public string WebRootPath { get; set; } = path;
        public string ApplicationName { get; set; } = "test";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = path;
        public string EnvironmentName { get; set; } = "Test";
    }
}
