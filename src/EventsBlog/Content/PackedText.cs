using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace EventsBlog.Content;

/// <summary>
/// Text kept Brotli-compressed in memory. Post bodies are most of what the site holds, and they are read
/// only to render a page (then cached) or to index it, so they are kept at about a third of their size.
/// </summary>
public sealed class PackedText
{
    private readonly byte[] _bytes;
    private readonly int _utf8Length;
    private readonly bool _compressed;

    private PackedText(byte[] bytes, int utf8Length, bool compressed)
    {
        _bytes = bytes;
        _utf8Length = utf8Length;
        _compressed = compressed;
    }

    public static readonly PackedText Empty = new([], 0, compressed: false);

    /// <summary>Bytes held.</summary>
    public int Size => _bytes.Length;

    public static PackedText Pack(string text)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        var packed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(utf8.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, utf8);
            // Quality 1: several times faster than the default at startup, and most of the gain.
            return BrotliEncoder.TryCompress(utf8.AsSpan(0, length), packed, out var written, quality: 1, window: 16) && written < length
                ? new PackedText(packed[..written], length, compressed: true)
                : new PackedText(utf8[..length], length, compressed: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    public string Unpack()
    {
        if (!_compressed)
            return Encoding.UTF8.GetString(_bytes);
        var utf8 = ArrayPool<byte>.Shared.Rent(_utf8Length);
        try
        {
            if (!BrotliDecoder.TryDecompress(_bytes, utf8, out var written) || written != _utf8Length)
                throw new InvalidDataException("a packed text does not unpack to its length");
            return Encoding.UTF8.GetString(utf8, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
