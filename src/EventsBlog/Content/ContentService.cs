using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using EventsBlog.Rendering;
using Microsoft.Extensions.Options;

namespace EventsBlog.Content;

/// <summary>
/// Loads every post while the server starts (requests wait for them), then follows the folder: file-system
/// events (or polling, for bind mounts that deliver none) and the next <c>publishDate</c>/<c>expiryDate</c>
/// instant trigger a reload. A burst of changes is debounced into one reload, which reads only the
/// files whose stamp changed and swaps in a new immutable snapshot.
/// </summary>
internal sealed class ContentService(
    PostLoader loader,
    ContentStore store,
    PostRenderCache renderCache,
    StartupCache startupCache,
    FirstAnswer firstAnswer,
    IOptions<BlogOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ContentService> logger) : IHostedService, IDisposable
{
    /// <summary>How long the folder must stay quiet before a reload: an editor's save dance is one change.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>A folder that never goes quiet (a long copy) still gets a snapshot this often.</summary>
    private static readonly TimeSpan MaxDebounce = TimeSpan.FromMilliseconds(750);

    private readonly Channel<string> _signals = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, bool> _changedPosts = new(StringComparer.Ordinal);
    /// <summary>Set when only a walk of the folder can tell what changed (the first load always walks it).</summary>
    private int _rescanNeeded;
    private PostCatalog _catalog = PostCatalog.Empty;

    /// <summary>The catalog the served snapshot was made from (none while a failed reload left them apart).</summary>
    private PostCatalog? _published;
    private IReadOnlyDictionary<string, FileStamp> _scan = new Dictionary<string, FileStamp>();

    /// <summary>Set when posts were read or removed after the first load: the start-up cache is saved again on the way out.</summary>
    private bool _changedSinceSaved;
    private FileSystemWatcher? _watcher;
    private ITimer? _pollTimer;
    private ITimer? _scheduleTimer;
    private IReadOnlyDictionary<string, FileStamp>? _lastPoll;
    private int _polling;
    private Task _loop = Task.CompletedTask;
    private int _started;

    /// <summary>
    /// Starts reading the posts, once: as soon as the app is built (<see cref="ContentServiceCollectionExtensions.UseFirstLoadGate"/>),
    /// so that the rest of the app is wired and the server started while they are read; else when the host starts.
    /// </summary>
    public void StartLoading()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
            return;
        // Requests wait for the first load (FirstLoadGate). The folder is watched first: a change during the
        // first load is read by the next reload. Polling compares with the first load's walk.
        if (!options.Value.UsePolling)
            StartWatching();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartLoading();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // The host may dispose without stopping (a test host torn down early), or stop after disposing.
    public void Dispose()
    {
        Stop();
        _watcher?.Dispose();
        _pollTimer?.Dispose();
        _scheduleTimer?.Dispose();
    }

    private void Stop()
    {
        _stopping.Cancel(); // not disposed: a source without timers holds nothing to release
        _signals.Writer.TryComplete();
    }

    private void Signal(string reason) => _signals.Writer.TryWrite(reason);

    private async Task RunAsync(CancellationToken stopping)
    {
        if (FirstLoad() is not { } packAndSave)
            return;
        if (options.Value.UsePolling)
            StartPolling();
        // Not while the first pages are being answered; and also when stopping this soon, for the next start.
        await firstAnswer.WaitAsync(stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        packAndSave();
        try
        {
            while (await _signals.Reader.WaitToReadAsync(stopping))
            {
                _signals.Reader.TryRead(out var reason);
                // Debouncing waits on real time: file events happen in real time, whatever clock the site uses.
                var started = Stopwatch.GetTimestamp();
                while (Stopwatch.GetElapsedTime(started) < MaxDebounce)
                {
                    await Task.Delay(QuietPeriod, stopping);
                    if (!_signals.Reader.TryRead(out _))
                        break;
                }

                try
                {
                    Reload(reason ?? "change")();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug must not stop the site from following its posts: log, and walk the folder next time.
                    logger.LogError(ex, "Reloading the posts failed; the previous posts are still served");
                    Interlocked.Exchange(ref _rescanNeeded, 1);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the next start should not parse again what changed while the site ran.
            if (_changedSinceSaved)
                startupCache.Save(_catalog);
        }
    }

    /// <summary>
    /// Without its first snapshot the site cannot answer: a failure stops it, with the reason logged (null).
    /// Returns what is left to do (<see cref="Reload"/>).
    /// </summary>
    private Action? FirstLoad()
    {
        try
        {
            return Reload("load", firstLoad: true);
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Loading the posts from {Folder} failed; stopping", loader.Root);
            Environment.ExitCode = 1;
            // The load begins before the host has started (StartLoading): stopping a host that is starting fails
            // its start with an exception, so the stop waits for the start (at once if it is done).
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return null;
        }
    }

    /// <summary>
    /// Publishes a new snapshot, and returns what is left to do once it is out: packing the bodies just read
    /// and saving the start-up cache.
    /// </summary>
    private Action Reload(string reason, bool firstLoad = false)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // File events name the posts that changed; anything else (pictures, folders, lost events,
            // polling) walks the whole folder. Events that come during the first load wait for the next reload.
            var changed = firstLoad ? [] : TakeChangedPosts();
            var walk = firstLoad || Interlocked.Exchange(ref _rescanNeeded, 0) == 1;
            var reading = firstLoad ? Task.Run(startupCache.Load) : null; // while the folder is walked
            var scan = _scan = walk ? loader.Scan() : loader.Rescan(_scan, changed);
            var catalogBefore = _catalog;
            var saved = reading?.Result;
            _catalog = _catalog.Update(scan, saved?.OrParse(scan, loader.Parse) ?? loader.Parse, out var reparsed, out var removed, walk ? null : changed);
            var now = time.GetUtcNow();
            // A few files changed since the snapshot being served was built: applied to it in place when possible.
            var changes = _catalog.ChangesSince(catalogBefore, reparsed.Concat(removed));
            var index = (ReferenceEquals(catalogBefore, _published) ? store.Current.TryApply(changes, options.Value.ShowDrafts, now) : null)
                ?? ContentIndex.Build(_catalog.Served(), options.Value.ShowDrafts, now);
            var previous = store.Publish(index);
            _published = _catalog;
            renderCache.KeepOnly(index);
            Schedule(index.ValidUntil);

            var reparsedSet = reparsed.ToHashSet(StringComparer.Ordinal);
            foreach (var diagnostic in index.Diagnostics.Where(d => reparsedSet.Contains(d.File) || d.Message.StartsWith("duplicate slug", StringComparison.Ordinal)))
                logger.LogWarning("{Diagnostic}", diagnostic.ToString());
            LogSlugsChangingHands(previous, index, changes.SelectMany(c => c.Slugs));
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (saved is null)
                logger.LogInformation("Loaded {Loaded} posts from {Folder}, rejected {Rejected}, read {Read} files, in {Elapsed} ms ({Reason})",
                    index.Count, loader.Root, index.RejectedFiles.Count, reparsed.Count, elapsed, reason);
            else
                logger.LogInformation("Loaded {Loaded} posts from {Folder}, rejected {Rejected}, read {Read} files and {Cached} from the start-up cache, in {Elapsed} ms ({Reason})",
                    index.Count, loader.Root, index.RejectedFiles.Count, reparsed.Count - saved.Hits, saved.Hits, elapsed, reason);

            var catalog = _catalog;
            return () => PackAndSave(catalog, reparsed, removed, saved);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder itself is unreadable for a moment (a volume being remounted): keep serving, retry.
            logger.LogError(ex, "Could not read the posts folder {Folder}; the previous posts are still served", loader.Root);
            Interlocked.Exchange(ref _rescanNeeded, 1);
            if (store.Current.IsLoaded)
                Signal("retry");
            else
                throw;
            return () => { };
        }
    }

    /// <summary>
    /// After a snapshot is out (a new post answers sooner, the site starts sooner), on one thread: the
    /// requests and the search index need the other core.
    /// </summary>
    private void PackAndSave(PostCatalog catalog, IReadOnlyList<string> reparsed, IReadOnlyList<string> removed, SavedPosts? saved)
    {
        foreach (var path in reparsed)
            catalog.Entries.GetValueOrDefault(path)?.Latest.Post?.CompressBody();
        // Saved once the bodies are compressed, as they are held; not saved again when it already holds just
        // what would be saved (a post that fails to parse is never saved, and is read at every start).
        if (saved is not null && (saved.Count != saved.Hits || catalog.Entries.Values.Count(entry => StartupCache.IsSaved(entry.Latest)) != saved.Hits))
            startupCache.Save(catalog);
        else if (saved is null && (reparsed.Count > 0 || removed.Count > 0))
            _changedSinceSaved = true;
    }

    private string[] TakeChangedPosts()
    {
        var changed = _changedPosts.Keys.ToArray();
        foreach (var path in changed)
            _changedPosts.TryRemove(path, out _);
        return changed;
    }

    /// <summary>
    /// After a change applied in place, only the changed files' slugs can change hands; after a full build
    /// (time moved: a post expired) every slug is compared.
    /// </summary>
    private void LogSlugsChangingHands(ContentIndex previous, ContentIndex current, IEnumerable<string> slugsOfChangedFiles)
    {
        if (!previous.IsLoaded)
            return;
        var slugs = current.ChangesSince(previous) is null ? current.SlugOwners.Select(x => x.Slug) : slugsOfChangedFiles;
        foreach (var slug in slugs.Distinct(StringComparer.Ordinal))
        {
            if (previous.FindPost(slug) is { } before && current.FindPost(slug) is { } after && before.RelativePath != after.RelativePath)
                logger.LogWarning("/events/{Slug} is now served by {New} (was {Old})", slug, after.RelativePath, before.RelativePath);
        }
    }

    /// <summary>Rebuilds the snapshot at the next publish or expiry instant, on the site's clock.</summary>
    private void Schedule(DateTimeOffset? instant)
    {
        if (_stopping.IsCancellationRequested)
            return; // a reload that ends after Dispose leaves no timer behind
        _scheduleTimer?.Dispose();
        _scheduleTimer = instant is { } due
            ? time.CreateTimer(_ => Signal("schedule"), null, Clamp(due - time.GetUtcNow()), Timeout.InfiniteTimeSpan)
            : null;
    }

    /// <summary>Timers take at most ~49 days; an instant further away is reached by a daily rebuild that reschedules.</summary>
    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : delay;

    private void StartWatching()
    {
        _watcher = new FileSystemWatcher(loader.Root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Changed += (_, e) => OnFileEvent(e.FullPath);
        _watcher.Created += (_, e) => OnFileEvent(e.FullPath);
        _watcher.Deleted += (_, e) => OnFileEvent(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            OnFileEvent(e.OldFullPath);
            OnFileEvent(e.FullPath);
        };
        _watcher.Error += (_, e) =>
        {
            logger.LogWarning(e.GetException(), "File watching of {Folder} lost events; rescanning", loader.Root);
            Interlocked.Exchange(ref _rescanNeeded, 1);
            Signal("rescan");
        };
        _watcher.EnableRaisingEvents = true;
    }

    private void OnFileEvent(string fullPath)
    {
        var relative = Path.GetRelativePath(loader.Root, fullPath).Replace('\\', '/');
        if (relative.Split('/').Any(part => part.StartsWith('.')))
            return; // .git, editors' hidden swap files
        if (PostLoader.IsPostFile(relative))
            _changedPosts[relative] = true;
        else if (MediaFiles.IsImage(relative) || !Path.HasExtension(relative))
            Interlocked.Exchange(ref _rescanNeeded, 1); // a picture, or perhaps a folder
        else
            return; // another kind of file: nothing the site shows
        Signal("change");
    }

    /// <summary>Polling compares stamps only; a reload happens when any differs. Real time, like the file system.</summary>
    private void StartPolling()
    {
        _lastPoll = _scan;
        _pollTimer = TimeProvider.System.CreateTimer(_ => Poll(), null, options.Value.PollingInterval, options.Value.PollingInterval);
    }

    private void Poll()
    {
        // Timer callbacks may overlap when a scan takes longer than the interval: one poll at a time.
        if (Interlocked.Exchange(ref _polling, 1) == 1)
            return;
        try
        {
            var scan = loader.Scan();
            if (_lastPoll is null || scan.Count != _lastPoll.Count || scan.Any(file => !_lastPoll.TryGetValue(file.Key, out var stamp) || stamp != file.Value))
            {
                Interlocked.Exchange(ref _rescanNeeded, 1);
                Signal("poll");
            }

            _lastPoll = scan;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not poll the posts folder {Folder}", loader.Root);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }
}
