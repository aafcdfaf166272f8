namespace EventsBlog.Tests.Infrastructure;

/// <summary>
/// A test class that runs the app over its own temp posts folder. Every app it starts is disposed with
/// it: each holds file watchers, and the machine allows only so many.
/// </summary>
public abstract class AppTest : IDisposable
{
    private readonly List<BlogFactory> _apps = [];

    protected TempPostsFolder Posts { get; } = new();

    protected BlogFactory App(Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var app = new BlogFactory(Posts, settings) { TimeProviderOverride = clock };
        _apps.Add(app);
        return app;
    }

    /// <summary>The app on a real Kestrel port (for what the in-memory test server does not do: sockets, limits, headers).</summary>
    protected (BlogFactory App, Uri Address) KestrelApp(Dictionary<string, string?>? settings = null)
    {
        var app = App(settings);
        // Not UseKestrel(0): that sets the port by editing the server's addresses after the host is built, which
        // races with Kestrel binding them ("cannot be modified after the server has started", dotnet/aspnetcore#67714).
        app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        var addresses = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(app.Services)
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return (app, new Uri(addresses.First()));
    }

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
        Posts.Dispose();
        GC.SuppressFinalize(this);
    }
}
