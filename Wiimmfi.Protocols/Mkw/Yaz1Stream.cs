using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// The Yaz0/Yaz1 ("SZS") compression Mario Kart Wii uses for a ghost's inputs. The server never needs the
/// inputs themselves, only proof that decompressing them cannot overrun the game's buffer — a crafted stream is
/// the way into the console (the "szsHaxx" exploit) — so this walks the stream without producing output.
/// </summary>
/// <remarks>
/// <para>Stream layout: <c>"Yaz1"</c>, big-endian u32 decompressed size, 8 reserved bytes, then groups of one
/// flag byte (most significant bit first) and eight items: a set bit is one literal byte, a clear bit a back
/// reference <c>NR RR</c> (distance <c>0xRRR + 1</c>, length <c>N + 2</c>) or, when N is 0, <c>0R RR MM</c>
/// (length <c>MM + 0x12</c>).</para>
/// <para>Refused: a reference reaching before the start of the output, a reference or literal past the end of
/// the input, and any item that would write past the declared size. Decoding stops exactly at the declared size,
/// as the game's decoder does.</para>
/// </remarks>
public static class Yaz1Stream
{
    /// <summary>Size of the header before the items.</summary>
    public const int HeaderSize = 0x10;

    /// <summary>The four magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "Yaz1"u8;

    /// <summary>Reads the header; false when the magic is wrong or the data is shorter than the header.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> stream, out int decompressedSize)
    {
        decompressedSize = 0;
        if (stream.Length < HeaderSize || !stream[..4].SequenceEqual(Magic))
        {
            return false;
        }
        var size = BinaryPrimitives.ReadUInt32BigEndian(stream[4..]);
        if (size > int.MaxValue)
        {
            return false;
        }
        decompressedSize = (int)size;
        return true;
    }

    /// <summary>
    /// Walks the items after the header (<paramref name="items"/>) until <paramref name="decompressedSize"/> bytes
    /// are produced; returns false on any unsafe or truncated item. <paramref name="consumed"/> is the number of
    /// item bytes used.
    /// </summary>
    public static bool TryVerify(ReadOnlySpan<byte> items, int decompressedSize, out int consumed)
    {
        var input = 0;
        var output = 0;
        while (output < decompressedSize)
        {
            if (input >= items.Length)
            {
                consumed = input;
                return false;
            }
            var flags = items[input++];
            for (var bit = 0; bit < 8 && output < decompressedSize; bit++, flags <<= 1)
            {
                if ((flags & 0x80) != 0)
                {
                    if (input >= items.Length)
                    {
                        consumed = input;
                        return false;
                    }
                    input++;
                    output++;
                    continue;
                }
                if (input + 1 >= items.Length)
                {
                    consumed = input;
                    return false;
                }
                var first = items[input];
                var distance = (((first & 0x0F) << 8) | items[input + 1]) + 1;
                input += 2;
                int length;
                if (first >> 4 == 0)
                {
                    if (input >= items.Length)
                    {
                        consumed = input;
                        return false;
                    }
                    length = items[input++] + 0x12;
                }
                else
                {
                    length = (first >> 4) + 2;
                }
                if (distance > output || length > decompressedSize - output)
                {
                    consumed = input;
                    return false;
                }
                output += length;
            }
        }
        consumed = input;
        return true;
    }

    /// <summary>
    /// Encodes <paramref name="data"/> as a valid Yaz1 stream of literals only (no references): what a console
    /// emulator needs to build an acceptable ghost. Header included.
    /// </summary>
    public static byte[] EncodeLiterals(ReadOnlySpan<byte> data)
    {
        var groups = (data.Length + 7) / 8;
        var stream = new byte[HeaderSize + groups + data.Length];
        Magic.CopyTo(stream);
        BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(4), (uint)data.Length);
        var output = HeaderSize;
        for (var i = 0; i < data.Length; i += 8)
        {
            var count = Math.Min(8, data.Length - i);
            stream[output++] = (byte)(0xFF << (8 - count));
            data.Slice(i, count).CopyTo(stream.AsSpan(output));
            output += count;
        }
        return stream;
    }
}
