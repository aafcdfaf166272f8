namespace EventsBlog.Content;

/// <summary>
/// Start-up work that can wait (the search index, packing the post bodies, saving the start-up cache) waits
/// until the site has answered its first request after the posts are loaded, or a second has passed without
/// one: on a small machine it would otherwise take the CPU from the first pages.
/// </summary>
public sealed class FirstAnswer(ContentStore store)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HasAnswered => _answered.Task.IsCompleted;

    public void Answered() => _answered.TrySetResult();

    /// <summary>Completes once the posts are loaded and then the first answer is sent, or a second has passed.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await store.Loaded.WaitAsync(cancellationToken);
        // Real time, not the site's clock: this is about the CPU, now.
        await Task.WhenAny(_answered.Task, Task.Delay(MaxWait, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
