using System.Buffers;
using System.IO.Compression;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace EventsBlog.Content;

/// <summary>
/// Text held as UTF-8, then Brotli-compressed by <see cref="Compress"/> (bodies; summaries are too short to
/// gain), then, once the start-up cache has saved it, read from that file instead of held (<see cref="KeepIn"/>).
/// Post bodies are most of what the site holds, and they are read only to render a page (then cached) or to
/// index it. Compressing is a fifth of the cost of parsing a post, so it is done after a snapshot is published,
/// not before: the text read is the same before and after.
/// </summary>
public sealed class PackedText
{
    /// <summary>One form of the text; replaced whole, so a reader sees either form, never a mix.</summary>
    /// <param name="Bytes">The stored bytes, or null when they are in <paramref name="File"/> at <paramref name="Offset"/>.</param>
    private sealed record Form(byte[]? Bytes, int Length, int Utf8Length, bool Compressed, SavedFile? File = null, long Offset = 0);

    private volatile Form _form;

    private PackedText(Form form) => _form = form;

    public static readonly PackedText Empty = new(new Form([], 0, 0, Compressed: false));

    /// <summary>Bytes held in memory.</summary>
    public int Size => _form.Bytes?.Length ?? 0;

    public bool IsCompressed => _form.Compressed;

    /// <summary>Read from the start-up cache file when needed, not held.</summary>
    public bool IsInFile => _form.File is not null;

    /// <summary>Held as UTF-8 until <see cref="Compress"/>.</summary>
    public static PackedText Hold(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return new(new Form(utf8, utf8.Length, utf8.Length, Compressed: false));
    }

    /// <summary>Compresses the text if that makes it smaller; safe to call from any thread, more than once.</summary>
    public void Compress()
    {
        var form = _form;
        if (form.Compressed || form.Bytes is not { Length: > 0 } bytes)
            return;
        // Quality 1: several times faster than the default, and most of the gain.
        if (Shrink(bytes, quality: 1) is { } packed)
            Interlocked.CompareExchange(ref _form, new Form(packed, packed.Length, form.Utf8Length, Compressed: true), form);
    }

    /// <summary>Brotli, kept only if smaller than <paramref name="bytes"/>; else null. The default window is 64 KB.</summary>
    internal static byte[]? Shrink(ReadOnlySpan<byte> bytes, int quality, int window = 16)
    {
        var output = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(bytes.Length));
        try
        {
            return BrotliEncoder.TryCompress(bytes, output, out var written, quality, window) && written < bytes.Length ? output[..written] : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>What is stored, as the start-up cache saves it; <c>Form</c> names this version for <see cref="KeepIn"/>.</summary>
    internal (byte[] Bytes, int Utf8Length, bool Compressed, object Form) Stored
    {
        get
        {
            var form = _form;
            var bytes = form.Bytes;
            if (bytes is null)
                form.File!.Read(bytes = new byte[form.Length], form.Offset);
            return (bytes, form.Utf8Length, form.Compressed, form);
        }
    }

    /// <summary>
    /// Reads the text from <paramref name="file"/>, where the start-up cache saved the stored bytes of
    /// <paramref name="saved"/> (from <see cref="Stored"/>) at <paramref name="offset"/>, instead of holding it;
    /// unless the text changed form since.
    /// </summary>
    internal void KeepIn(SavedFile file, long offset, object saved)
    {
        if (saved is Form form && ReferenceEquals(_form, form) && !ReferenceEquals(this, Empty))
            Interlocked.CompareExchange(ref _form, form with { Bytes = null, File = file, Offset = offset }, form);
    }

    /// <summary>Text the start-up cache saved at <paramref name="offset"/> of <paramref name="file"/>; its length is checked when it is unpacked.</summary>
    internal static PackedText InFile(SavedFile file, long offset, int length, int utf8Length, bool compressed) =>
        new(new Form(null, length, compressed ? utf8Length : length, compressed, file, offset));

    public string Unpack()
    {
        var form = _form;
        var read = form.Bytes is null ? ArrayPool<byte>.Shared.Rent(form.Length) : null;
        var utf8 = form.Compressed ? ArrayPool<byte>.Shared.Rent(form.Utf8Length) : null;
        try
        {
            if (read is not null)
                form.File!.Read(read.AsSpan(0, form.Length), form.Offset);
            ReadOnlySpan<byte> stored = form.Bytes ?? read.AsSpan(0, form.Length);
            if (utf8 is null)
                return Encoding.UTF8.GetString(stored);
            if (!BrotliDecoder.TryDecompress(stored, utf8, out var written) || written != form.Utf8Length)
                throw new InvalidDataException("a packed text does not unpack to its length");
            return Encoding.UTF8.GetString(utf8, 0, written);
        }
        finally
        {
            if (read is not null)
                ArrayPool<byte>.Shared.Return(read);
            if (utf8 is not null)
                ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}

/// <summary>
/// A start-up cache file kept open for the bodies and summaries saved in it, which are read from it instead of
/// held. A newer save replaces the file under its name, not this one; it is closed when no text refers to it
/// any more (by its handle's finalizer).
/// </summary>
internal sealed class SavedFile(SafeFileHandle handle)
{
    public void Read(Span<byte> into, long offset)
    {
        while (!into.IsEmpty)
        {
            var read = RandomAccess.Read(handle, into, offset);
            if (read == 0)
                throw new EndOfStreamException("the start-up cache file is shorter than when it was saved");
            into = into[read..];
            offset += read;
        }
    }
}
