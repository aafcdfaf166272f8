namespace EventsBlog.Content;

/// <summary>Loads every post before the server starts answering, and publishes the snapshot.</summary>
internal sealed class ContentLoader(PostLoader loader, ContentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Publish(loader.Load());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
