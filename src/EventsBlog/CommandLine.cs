using EventsBlog.Content;
using EventsBlog.Rendering;
using Microsoft.Extensions.Options;

namespace EventsBlog;

/// <summary>
/// The app's sub-commands: <c>check [folder] [--strict]</c> validates posts for authors and CI;
/// <c>preview [folder]</c> serves a folder with drafts and live reload; <c>healthcheck</c> probes a running
/// instance for container health checks (the runtime images have no curl). Any other arguments are the
/// usual host and configuration arguments (<c>--urls</c>, <c>--Blog:Key=value</c>).
/// </summary>
public static class CommandLine
{
    /// <summary>Turns <c>preview [folder]</c> into the settings it stands for; other arguments pass unchanged.</summary>
    public static string[] ExpandPreview(string[] args)
    {
        if (args is not ["preview", .. var rest])
            return args;
        var (folder, others) = SplitFolder(rest);
        var settings = new List<string> { "--Blog:Preview=true" };
        if (folder is not null)
            settings.Add($"--Blog:PostsPath={Path.GetFullPath(folder)}");
        return [.. settings, .. others];
    }

    public static bool IsCheck(string[] args) => args is ["check", ..];

    public static bool IsHealthcheck(string[] args) => args is ["healthcheck", ..];

    /// <summary>
    /// <c>healthcheck [url]</c>: exit code 0 when <c>/healthz/ready</c> of the instance on this machine answers
    /// 200 (port from <c>ASPNETCORE_HTTP_PORTS</c>, default 8080), else 1.
    /// </summary>
    public static async Task<int> HealthcheckAsync(string[] args, TextWriter output)
    {
        var port = (Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080").Split(';', ',')[0].Trim();
        var url = args.Length > 1 ? args[1] : $"http://127.0.0.1:{port}/healthz/ready";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            output.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Runs <c>check</c>: one line per problem, a summary, exit code 1 on any error (or warning with <c>--strict</c>).</summary>
    public static int Check(string[] args, TextWriter output)
    {
        var strict = args.Contains("--strict");
        var (folder, others) = SplitFolder(args.Skip(1).Where(a => a != "--strict").ToArray());
        if (folder is not null)
            others = [.. others, $"--Blog:PostsPath={Path.GetFullPath(folder)}"];

        // The same configuration sources and services as the site, without starting a server.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = others, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddEventsContent(builder.Configuration);
        builder.Services.AddEventsRendering();
        using var app = builder.Build();

        CheckReport report;
        try
        {
            report = app.Services.GetRequiredService<PostChecker>().Check();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
                output.WriteLine($"error: {failure}");
            return 1;
        }

        foreach (var diagnostic in report.Diagnostics)
            output.WriteLine(diagnostic.ToString());
        var folderShown = app.Services.GetRequiredService<IOptions<BlogOptions>>().Value.PostsPath;
        output.WriteLine($"{report.PostCount} posts checked in {folderShown}: {report.Errors} errors, {report.Warnings} warnings");
        return report.Errors > 0 || (strict && report.Warnings > 0) ? 1 : 0;
    }

    /// <summary>The first argument that is neither an option nor an option's value is the folder.</summary>
    private static (string? Folder, string[] Others) SplitFolder(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var isOptionValue = i > 0 && args[i - 1].StartsWith('-') && !args[i - 1].Contains('=');
            if (!args[i].StartsWith('-') && !isOptionValue)
                return (args[i], [.. args[..i], .. args[(i + 1)..]]);
        }

        return (null, args);
    }
}
