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

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
        Posts.Dispose();
        GC.SuppressFinalize(this);
    }
}
