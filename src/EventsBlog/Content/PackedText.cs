using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace EventsBlog.Content;

/// <summary>
/// Text held as UTF-8, then Brotli-compressed by <see cref="Compress"/>. Post bodies are most of what the
/// site holds, and they are read only to render a page (then cached) or to index it, so they are kept at
/// about a third of their size. Compressing is a fifth of the cost of parsing a post, so it is done after
/// a snapshot is published, not before: the text read is the same before and after.
/// </summary>
public sealed class PackedText
{
    /// <summary>One form of the text; replaced whole, so a reader sees either form, never a mix.</summary>
    private sealed record Form(byte[] Bytes, int Utf8Length, bool Compressed);

    private volatile Form _form;

    private PackedText(Form form) => _form = form;

    public static readonly PackedText Empty = new(new Form([], 0, Compressed: false));

    /// <summary>Bytes held.</summary>
    public int Size => _form.Bytes.Length;

    public bool IsCompressed => _form.Compressed;

    /// <summary>Held as UTF-8 until <see cref="Compress"/>.</summary>
    public static PackedText Hold(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return new(new Form(utf8, utf8.Length, Compressed: false));
    }

    /// <summary>Compresses the text if that makes it smaller; safe to call from any thread, more than once.</summary>
    public void Compress()
    {
        var form = _form;
        if (form.Compressed || form.Bytes.Length == 0)
            return;
        var packed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(form.Bytes.Length));
        try
        {
            // Quality 1: several times faster than the default, and most of the gain.
            if (BrotliEncoder.TryCompress(form.Bytes, packed, out var written, quality: 1, window: 16) && written < form.Bytes.Length)
                _form = new Form(packed[..written], form.Utf8Length, Compressed: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    /// <summary>What is held, as the start-up cache saves it.</summary>
    internal (byte[] Bytes, int Utf8Length, bool Compressed) Stored
    {
        get
        {
            var form = _form;
            return (form.Bytes, form.Utf8Length, form.Compressed);
        }
    }

    /// <summary>Text saved from <see cref="Stored"/>; its length is checked when it is unpacked.</summary>
    internal static PackedText FromStored(byte[] bytes, int utf8Length, bool compressed) =>
        new(new Form(bytes, compressed ? utf8Length : bytes.Length, compressed));

    public string Unpack()
    {
        var form = _form;
        if (!form.Compressed)
            return Encoding.UTF8.GetString(form.Bytes);
        var utf8 = ArrayPool<byte>.Shared.Rent(form.Utf8Length);
        try
        {
            if (!BrotliDecoder.TryDecompress(form.Bytes, utf8, out var written) || written != form.Utf8Length)
                throw new InvalidDataException("a packed text does not unpack to its length");
            return Encoding.UTF8.GetString(utf8, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
