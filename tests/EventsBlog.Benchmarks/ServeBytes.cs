namespace EventsBlog.Benchmarks;

/// <summary>
/// The load harness's yardstick: a minimal Kestrel app that serves one file's bytes from memory with
/// <c>MapGet</c>, with the given Content-Type. <c>serve-bytes FILE CONTENT-TYPE PORT [HEADERS-FILE]</c>; the
/// optional file holds extra response headers, one <c>Name: value</c> per line (to see what headers cost).
/// </summary>
public static class ServeBytes
{
    public static int Run(string[] args)
    {
        var body = File.ReadAllBytes(args[1]);
        var contentType = args[2];
        var extraHeaders = args.Length > 4
            ? File.ReadAllLines(args[4]).Where(line => line.Contains(':')).Select(line => (Name: line[..line.IndexOf(':')].Trim(), Value: line[(line.IndexOf(':') + 1)..].Trim())).ToArray()
            : [];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.WebHost.UseUrls($"http://127.0.0.1:{args[3]}");
        var app = builder.Build();
        app.MapGet("/page", (HttpResponse response) =>
        {
            foreach (var (name, value) in extraHeaders)
                response.Headers[name] = value;
            return Results.Bytes(body, contentType);
        });
        app.Run();
        return 0;
    }
}
