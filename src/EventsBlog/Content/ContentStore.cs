namespace EventsBlog.Content;

/// <summary>Holds the current <see cref="ContentIndex"/>; a new snapshot replaces the old one atomically.</summary>
public sealed class ContentStore
{
    private ContentIndex _current = ContentIndex.Empty;
    private TaskCompletionSource _nextPublish = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public ContentIndex Current => Volatile.Read(ref _current);

    /// <summary>How many snapshots have been published.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Completes when the next snapshot is published.</summary>
    public Task NextPublish => Volatile.Read(ref _nextPublish).Task;

    /// <summary>Completes when the first loaded snapshot is published: until then the site knows no posts.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Swaps in a new snapshot and returns the one it replaced.</summary>
    public ContentIndex Publish(ContentIndex index)
    {
        var previous = Interlocked.Exchange(ref _current, index);
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _nextPublish, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (index.IsLoaded)
            _loaded.TrySetResult();
        return previous;
    }
}
