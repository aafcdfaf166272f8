using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace EventsBlog.Content;

/// <summary>
/// The parsed posts, saved to one file between runs, so that a restart reads that file instead of parsing
/// every post again. An entry is used only for a file whose stamp (length, last write, pictures) is the one
/// it was saved with, and the whole file only by the same build of the app with the same settings; anything
/// else is parsed as usual, and so is a post whose picture (a relative thumbnail) changed, appeared or went.
/// Only posts that parsed are saved; bodies and summaries are saved as they are held (bodies compressed), and
/// from then on read from the file (kept open) instead of held (<see cref="PackedText.KeepIn"/>).
/// A missing, stale or damaged file costs a full parse, never a post.
/// </summary>
public sealed class StartupCache(IOptions<BlogOptions> options, ILogger<StartupCache> logger)
{
    /// <summary>Bump when the layout below changes (the build's identity changes anyway with the code).</summary>
    private const int FormatVersion = 4;

    private static readonly byte[] Magic = "EBPC"u8.ToArray();

    /// <summary>The file, or null when the cache is off or no folder for it is known.</summary>
    public string? FilePath { get; } = Locate(options.Value);

    /// <summary>The posts the file holds; read while the folder is walked, so nothing here depends on the walk.</summary>
    public SavedPosts Load()
    {
        SavedPosts None() => new(new Dictionary<string, (FileStamp, PostParseResult)>(), options.Value.PostsPath);
        if (FilePath is null || !File.Exists(FilePath))
            return None();
        SafeFileHandle? handle = null;
        var bodiesRead = false;
        try
        {
            handle = File.OpenHandle(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var bodies = new SavedFile(handle);
            // Read through a handle that does not own the file: it stays open for the bodies once the stream is done.
            using var stream = new FileStream(new SafeFileHandle(handle.DangerousGetHandle(), ownsHandle: false), FileAccess.Read, bufferSize: 1 << 16);
            using var file = new BinaryReader(stream, Encoding.UTF8);
            if (!file.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || file.ReadInt32() != FormatVersion || file.ReadString() != Fingerprint(options.Value))
            {
                logger.LogInformation("The start-up cache {File} is from another build or other settings; every post is parsed", FilePath);
                return None();
            }

            for (var zones = file.ReadInt32(); zones > 0; zones--)
            {
                if (file.ReadString() is var zone && file.ReadString() != RulesOf(zone))
                {
                    logger.LogInformation("The rules of time zone {Zone} changed since the start-up cache {File} was saved; every post is parsed", zone, FilePath);
                    return None();
                }
            }

            var loaded = new Dictionary<string, (FileStamp, PostParseResult)>(StringComparer.Ordinal);
            var saved = file.ReadInt32();
            var fileLength = stream.Length; // asked once: each ask is a system call
            var damaged = 0;
            var buffer = new byte[1 << 16];
            var reader = new CacheReader();
            for (var i = 0; i < saved; i++)
            {
                // Each entry carries its own checksum: a damaged one costs one parse, not the cache.
                var length = file.ReadInt32();
                var checksum = file.ReadUInt64();
                if (length < 0 || length > fileLength)
                    throw new InvalidDataException($"an entry of {length} bytes");
                if (length > buffer.Length)
                    buffer = new byte[length];
                var entryAt = stream.Position;
                stream.ReadExactly(buffer, 0, length);
                if (XxHash3.HashToUInt64(buffer.AsSpan(0, length)) != checksum)
                {
                    damaged++;
                    continue;
                }

                using var entry = new BinaryReader(new MemoryStream(buffer, 0, length, writable: false), Encoding.UTF8);
                var (path, stamp, result) = reader.Read(entry, length, bodies, entryAt);
                loaded[path] = (stamp, result);
            }

            bodiesRead = loaded.Count > 0;
            if (damaged > 0)
                logger.LogWarning("{Damaged} entries of the start-up cache {File} are damaged; those posts are parsed", damaged, FilePath);
            return new SavedPosts(loaded, options.Value.PostsPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever went wrong (a damaged file, a bug), the cache only saves time: the posts are parsed instead.
            logger.LogWarning("The start-up cache {File} could not be read ({Reason}); every post is parsed", FilePath, ex.Message);
            return None();
        }
        finally
        {
            if (!bodiesRead)
                handle?.Dispose();
        }
    }

    /// <summary>Saves the posts of <paramref name="catalog"/> that parsed; written beside, then moved over the old file.</summary>
    public void Save(PostCatalog catalog)
    {
        if (FilePath is null)
            return;
        // One per machine and process: replicas may share the folder (and all be process 1 in their containers);
        // the name is used again after a restart, so a save cut short leaves no litter behind.
        var temporary = $"{FilePath}.{Environment.MachineName}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var written = new List<SavedText>();
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(Fingerprint(options.Value));
                var parsed = catalog.Entries.Where(entry => IsSaved(entry.Value.Latest)).ToArray();
                // Event times were computed with the rules of their zones: saved with them, checked on load.
                var zones = parsed.Select(entry => entry.Value.Latest.Post!.Event?.TimeZone).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
                writer.Write(zones.Length);
                foreach (var zone in zones)
                {
                    writer.Write(zone);
                    writer.Write(RulesOf(zone));
                }

                writer.Write(parsed.Length);
                using var entryBytes = new MemoryStream();
                using var entryWriter = new BinaryWriter(entryBytes, Encoding.UTF8);
                foreach (var (path, entry) in parsed)
                {
                    entryBytes.SetLength(0);
                    var (summary, body) = CacheWriter.Write(entryWriter, path, entry.Stamp, entry.Latest);
                    entryWriter.Flush();
                    var bytes = entryBytes.GetBuffer().AsSpan(0, (int)entryBytes.Length);
                    writer.Write(bytes.Length);
                    writer.Write(XxHash3.HashToUInt64(bytes));
                    written.Add(summary with { Offset = stream.Position + summary.Offset });
                    written.Add(body with { Offset = stream.Position + body.Offset });
                    writer.Write(bytes);
                }
            }

            // Opened before the move: the texts are read from this very file, whatever later takes its name.
            var saved = new SavedFile(File.OpenHandle(temporary, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            File.Move(temporary, FilePath, overwrite: true);
            foreach (var (text, offset, form) in written)
                text.KeepIn(saved, offset, form);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A read-only disk (or a bug here): the site works the same, it only starts slower.
            logger.LogWarning("The start-up cache {File} could not be written ({Reason}); the next start parses every post", FilePath, ex.Message);
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing was written, or the folder is gone.
            }
        }
    }

    /// <summary>
    /// <c>Blog:StartupCachePath</c>, else a file per posts folder under the user's local data folder (not the
    /// shared temp folder: what the cache holds is served as the site's posts).
    /// </summary>
    private static string? Locate(BlogOptions options)
    {
        if (!options.StartupCache)
            return null;
        if (!string.IsNullOrWhiteSpace(options.StartupCachePath))
            return options.StartupCachePath;
        // Not verified: the folder is made when the cache is first saved.
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
            return null;
        var folder = Convert.ToHexString(XxHash3.Hash(Encoding.UTF8.GetBytes(options.PostsPath)));
        // Preview has other settings: its own file, so that it and the site do not throw each other's away.
        return Path.Combine(data, "EventsBlog", "startup-cache", options.Preview ? $"{folder}-preview.bin" : $"{folder}.bin");
    }

    /// <summary>What is saved: posts that parsed, and looked for no file outside the posts folder.</summary>
    public static bool IsSaved(PostParseResult result) => result.Post is not null && !result.LookedOutside;

    /// <summary>
    /// What a parse depends on besides the file: the code (the build's identity, the runtime), the settings, the
    /// rules of the site's time zone. Any change, even to a setting the parse does not read, costs one full parse.
    /// </summary>
    private static string Fingerprint(BlogOptions options) => string.Join('\n',
        typeof(StartupCache).Assembly.ManifestModule.ModuleVersionId, Environment.Version,
        JsonSerializer.Serialize(options, BlogOptionsJson.Default.BlogOptions), RulesOf(options.TimeZone));

    private static string RulesOf(string zone) => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found.ToSerializedString() : "";

    private static class CacheWriter
    {
        /// <returns>The summary and the body, each with where its bytes start in the entry and the version saved.</returns>
        public static (SavedText Summary, SavedText Body) Write(BinaryWriter writer, string path, FileStamp stamp, PostParseResult result)
        {
            var post = result.Post!;
            writer.Write(path);
            writer.Write(stamp.Length);
            writer.Write(stamp.LastWriteUtc.Ticks);
            writer.Write(stamp.Media);
            WriteList(writer, result.Diagnostics, d => { writer.Write(d.File); writer.Write(d.Line); writer.Write((byte)d.Severity); writer.Write(d.Message); });
            WriteList(writer, result.PicturesLookedAt, picture => { writer.Write(picture.Path); writer.Write(picture.State); });

            writer.Write(post.RelativePath);
            writer.Write(post.Slug);
            writer.Write(post.Title);
            writer.Write(post.Date.DayNumber);
            WriteList(writer, post.Categories, t => { writer.Write(t.Name); writer.Write(t.Slug); });
            WriteList(writer, post.Tags, t => { writer.Write(t.Name); writer.Write(t.Slug); });
            WriteList(writer, post.Authors, writer.Write);
            var summary = WriteText(writer, post.PackedSummary);
            WriteOptional(writer, post.Thumbnail);
            WriteOptional(writer, post.Language);
            WriteOptional(writer, post.EventLink);
            WriteOptional(writer, post.ExternalUrl?.OriginalString);
            WriteList(writer, post.OldPaths, writer.Write);
            writer.Write(post.IsDraft);
            WriteOptional(writer, post.PublishAt);
            WriteOptional(writer, post.ExpireAt);
            writer.Write(post.Event is not null);
            if (post.Event is { } info)
            {
                WriteOptional(writer, info.Start);
                WriteOptional(writer, info.End);
                writer.Write(info.TimeZone);
                WriteOptional(writer, info.Location);
                writer.Write(info.Online);
                WriteOptional(writer, info.Register?.OriginalString);
                WriteOptional(writer, info.Stream?.OriginalString);
            }

            WriteInstant(writer, post.UpcomingUntil);
            WriteList(writer, post.Speakers, writer.Write);
            var body = WriteText(writer, post.PackedMarkdown);
            writer.Write(post.BodyLine);
            writer.Write(post.SlugLine);
            return (summary, body);
        }

        private static SavedText WriteText(BinaryWriter writer, PackedText text)
        {
            var (bytes, utf8Length, compressed, form) = text.Stored;
            writer.Write(compressed);
            writer.Write(utf8Length);
            writer.Write(bytes.Length);
            var at = writer.BaseStream.Position; // the writer keeps no buffer of its own
            writer.Write(bytes);
            return new(text, at, form);
        }

        private static void WriteList<T>(BinaryWriter writer, IReadOnlyList<T> items, Action<T> write)
        {
            writer.Write(items.Count);
            foreach (var item in items)
                write(item);
        }

        private static void WriteOptional(BinaryWriter writer, string? value)
        {
            writer.Write(value is not null);
            if (value is not null)
                writer.Write(value);
        }

        private static void WriteOptional(BinaryWriter writer, DateTimeOffset? value)
        {
            writer.Write(value.HasValue);
            if (value is { } instant)
                WriteInstant(writer, instant);
        }

        private static void WriteInstant(BinaryWriter writer, DateTimeOffset instant)
        {
            writer.Write(instant.Ticks);
            writer.Write((short)instant.TotalOffsetMinutes);
        }
    }

    /// <summary>Reads entries written by <see cref="CacheWriter"/>; names and taxa repeated across posts (speakers, tags) are held once.</summary>
    private sealed class CacheReader
    {
        private readonly SharedNames _names = new();
        private BinaryReader _in = new(Stream.Null);
        private SavedFile? _file;
        private long _entryAt;

        /// <summary>What no count in the entry can exceed.</summary>
        private int _limit;

        /// <param name="file">The file the entry is in, at <paramref name="entryAt"/>: bodies are read from it when needed.</param>
        public (string Path, FileStamp Stamp, PostParseResult Result) Read(BinaryReader entry, int length, SavedFile file, long entryAt)
        {
            (_in, _limit, _file, _entryAt) = (entry, length, file, entryAt);
            var path = _in.ReadString();
            var stamp = new FileStamp(_in.ReadInt64(), new DateTime(_in.ReadInt64(), DateTimeKind.Utc), _in.ReadInt64());
            return (path, stamp, ReadResult());
        }

        private PostParseResult ReadResult()
        {
            var diagnostics = ReadList(static r => new Diagnostic(r._in.ReadString(), r._in.ReadInt32(), (Severity)r._in.ReadByte(), r._in.ReadString()));
            var pictures = ReadList(static r => new PictureSeen(r._in.ReadString(), r._in.ReadInt64()));
            var post = new Post
            {
                RelativePath = _in.ReadString(),
                Slug = _in.ReadString(),
                Title = _in.ReadString(),
                Date = DateOnly.FromDayNumber(_in.ReadInt32()),
                Categories = ReadList(static r => r.ReadTaxon()),
                Tags = ReadList(static r => r.ReadTaxon()),
                Authors = ReadList(static r => r.ReadName()),
                PackedSummary = ReadText(),
                Thumbnail = ReadOptional(),
                Language = ReadOptional(),
                EventLink = ReadOptional(),
                ExternalUrl = ReadUri(),
                OldPaths = ReadList(static r => r._in.ReadString()),
                IsDraft = _in.ReadBoolean(),
                PublishAt = ReadOptionalInstant(),
                ExpireAt = ReadOptionalInstant(),
                Event = _in.ReadBoolean()
                    ? new EventInfo(ReadOptionalInstant(), ReadOptionalInstant(), ReadName(), ReadOptional(), _in.ReadBoolean(), ReadUri(), ReadUri())
                    : null,
                UpcomingUntil = ReadInstant(),
                TalksFoundWhenAsked = _names.Share,
                Speakers = ReadList(static r => r.ReadName()),
                Markdown = "", // required; replaced by the body as saved
                PackedMarkdown = ReadText(),
                BodyLine = _in.ReadInt32(),
                SlugLine = _in.ReadInt32(),
            };
            return new PostParseResult(post, diagnostics) { PicturesLookedAt = pictures };
        }

        /// <summary>A summary or a body, as <see cref="CacheWriter"/> wrote it.</summary>
        private PackedText ReadText()
        {
            var compressed = _in.ReadBoolean();
            var utf8Length = _in.ReadInt32();
            var length = _in.ReadInt32();
            // Compressed only when smaller; else held as it is.
            if (length < 0 || length > _limit || (compressed ? utf8Length <= length : utf8Length != length))
                throw new InvalidDataException($"a text of {length} bytes for {utf8Length}");
            // Checked with the entry's checksum, and left in the file: the reader keeps no buffer of its own.
            var at = _in.BaseStream.Position;
            if (at + length > _limit)
                throw new InvalidDataException($"a text of {length} bytes past the end of its entry");
            _in.BaseStream.Position = at + length;
            return PackedText.InFile(_file!, _entryAt + at, length, utf8Length, compressed);
        }

        /// <param name="read">Static, so that no delegate is made per list.</param>
        private T[] ReadList<T>(Func<CacheReader, T> read)
        {
            var count = _in.ReadInt32();
            if (count == 0)
                return [];
            if (count < 0 || count > _limit)
                throw new InvalidDataException($"a list of {count} items");
            var items = new T[count];
            for (var i = 0; i < count; i++)
                items[i] = read(this);
            return items;
        }

        private Taxon ReadTaxon() => _names.Taxon(_in.ReadString(), _in.ReadString());

        private string ReadName() => _names.Share(_in.ReadString());

        private string? ReadOptional() => _in.ReadBoolean() ? _in.ReadString() : null;

        private Uri? ReadUri() => ReadOptional() is { } uri ? new Uri(uri, UriKind.Absolute) : null;

        private DateTimeOffset? ReadOptionalInstant() => _in.ReadBoolean() ? ReadInstant() : null;

        private DateTimeOffset ReadInstant() => new(_in.ReadInt64(), TimeSpan.FromMinutes(_in.ReadInt16()));
    }
}

/// <summary>A summary or body written to the start-up cache: where its bytes start, and the version written (<see cref="PackedText.KeepIn"/>).</summary>
internal readonly record struct SavedText(PackedText Text, long Offset, object Form);

/// <summary>The posts a start-up cache holds, each with the stamp of the file it was parsed from.</summary>
/// <param name="postsFolder">Where the pictures the posts looked for are looked at again.</param>
public sealed class SavedPosts(IReadOnlyDictionary<string, (FileStamp Stamp, PostParseResult Result)> entries, string postsFolder)
{
    /// <summary>How many posts were read back (not a damaged entry), whether their files changed or not.</summary>
    public int Count => entries.Count;

    /// <summary>
    /// The saved parse of the file at <paramref name="path"/> if its stamp is still <paramref name="current"/> and
    /// the pictures it looked for are as it found them; else null.
    /// </summary>
    public PostParseResult? For(string path, FileStamp current) =>
        entries.TryGetValue(path, out var saved) && saved.Stamp == current
        && saved.Result.PicturesLookedAt.All(picture => PostLoader.PictureState(postsFolder, picture.Path) == picture.State)
            ? saved.Result
            : null;

    private int _hits;

    /// <summary>How many parses <see cref="OrParse"/> has taken from here.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>The saved parse of a file that <paramref name="scan"/> says did not change, else <paramref name="parse"/>'s.</summary>
    public Func<string, PostParseResult> OrParse(IReadOnlyDictionary<string, FileStamp> scan, Func<string, PostParseResult> parse) => path =>
    {
        if (For(path, scan[path]) is not { } saved)
            return parse(path);
        Interlocked.Increment(ref _hits);
        return saved;
    };
}

/// <summary>The settings as JSON, for <see cref="StartupCache"/>'s fingerprint; generated, so nothing is reflected over at start.</summary>
[JsonSerializable(typeof(BlogOptions))]
internal sealed partial class BlogOptionsJson : JsonSerializerContext;
