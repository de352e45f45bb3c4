using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// The Nintendo Wi-Fi Connection base64 variant ("DWC base64"): the standard alphabet with
/// <c>.</c> and <c>-</c> for indexes 62 and 63, and <c>*</c> as the pad character.
/// </summary>
/// <remarks>
/// <para>Used for every NAS form value and reply value, for GPCM locstrings and for the payload of
/// <c>GPCM90vMAT</c> match commands.</para>
/// <para><b>Encoding</b> always pads to a multiple of four characters and never emits
/// <c>+ / =</c>: the console decodes those as zero bits.</para>
/// <para><b>Server decoding</b> (<see cref="TryDecode(ReadOnlySpan{char}, Span{byte}, out int)"/>)
/// is tolerant where it costs nothing: it also accepts <c>+ /</c> (standard alphabet) and
/// <c>=</c> as padding, and a missing final padding. It refuses any other character, padding in
/// the middle, and a length that leaves a single character in the last group.</para>
/// <para><see cref="DecodeLikeConsole"/> reproduces what the console's DWC decoder does with any
/// text (unknown characters count as zero), so tests and the console emulator can show what a
/// console would actually see.</para>
/// </remarks>
public static class NwcBase64
{
    /// <summary>The 64 data characters, index order.</summary>
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-";

    /// <summary>The pad character.</summary>
    public const char Pad = '*';

    private const sbyte Invalid = -1;
    private const sbyte Padding = -2;

    // Server-side table: NWC alphabet plus '+', '/', '=' for robustness.
    private static readonly sbyte[] DecodeTable = BuildDecodeTable();

    /// <summary>Characters produced for <paramref name="byteCount"/> input bytes (always a multiple of 4).</summary>
    public static int GetEncodedLength(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        return checked((byteCount + 2) / 3 * 4);
    }

    /// <summary>Upper bound of bytes decoded from <paramref name="charCount"/> characters.</summary>
    public static int GetMaxDecodedLength(int charCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(charCount);
        return (charCount + 3) / 4 * 3;
    }

    /// <summary>Encodes <paramref name="data"/> as NWC base64 text.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return string.Empty;
        }

        var length = GetEncodedLength(data.Length);
        if (length <= 512)
        {
            Span<char> chars = stackalloc char[length];
            EncodeCore(data, chars);
            return new string(chars);
        }

        var array = new char[length];
        EncodeCore(data, array);
        return new string(array);
    }

    /// <summary>Encodes <paramref name="data"/> into ASCII bytes; returns the number written.</summary>
    public static int Encode(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var length = GetEncodedLength(data.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException("Destination is too small for the encoded data.", nameof(destination));
        }

        var full = data.Length / 3 * 3;
        var o = 0;
        for (var i = 0; i < full; i += 3)
        {
            var group = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            destination[o++] = (byte)Alphabet[(group >> 18) & 63];
            destination[o++] = (byte)Alphabet[(group >> 12) & 63];
            destination[o++] = (byte)Alphabet[(group >> 6) & 63];
            destination[o++] = (byte)Alphabet[group & 63];
        }

        var rest = data.Length - full;
        if (rest > 0)
        {
            var group = data[full] << 16;
            if (rest == 2)
            {
                group |= data[full + 1] << 8;
            }

            destination[o++] = (byte)Alphabet[(group >> 18) & 63];
            destination[o++] = (byte)Alphabet[(group >> 12) & 63];
            destination[o++] = rest == 2 ? (byte)Alphabet[(group >> 6) & 63] : (byte)Pad;
            destination[o++] = (byte)Pad;
        }

        return o;
    }

    /// <summary>
    /// Decodes NWC base64 (tolerant server rules, see the type remarks).
    /// Returns false for text that is not base64; never throws on bad input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (!TryGetDataLength(text, out var dataChars, out var outputLength) || destination.Length < outputLength)
        {
            return false;
        }

        var bits = 0;
        var bitCount = 0;
        var o = 0;
        for (var i = 0; i < dataChars; i++)
        {
            var c = text[i];
            var value = c < 128 ? DecodeTable[c] : Invalid;
            if (value < 0)
            {
                return false;
            }

            bits = (bits << 6) | (byte)value;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                destination[o++] = (byte)(bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }

        bytesWritten = o;
        return true;
    }

    /// <summary>Byte-text form of <see cref="TryDecode(ReadOnlySpan{char}, Span{byte}, out int)"/> (for raw form bodies).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> asciiText, Span<byte> destination, out int bytesWritten)
    {
        if (asciiText.Length <= 1024)
        {
            Span<char> chars = stackalloc char[asciiText.Length];
            for (var i = 0; i < asciiText.Length; i++)
            {
                chars[i] = (char)asciiText[i];
            }

            return TryDecode(chars, destination, out bytesWritten);
        }

        var array = new char[asciiText.Length];
        for (var i = 0; i < asciiText.Length; i++)
        {
            array[i] = (char)asciiText[i];
        }

        return TryDecode(array, destination, out bytesWritten);
    }

    /// <summary>Decodes to a new array (tolerant server rules); false for text that is not base64.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? data)
    {
        var buffer = new byte[GetMaxDecodedLength(text.Length)];
        if (!TryDecode(text, buffer, out var written))
        {
            data = null;
            return false;
        }

        data = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return true;
    }

    /// <summary>
    /// What the console's DWC decoder makes of <paramref name="text"/>: the length must be a
    /// multiple of 4; <c>.</c> is 62 and <c>-</c> is 63; every other character outside the
    /// alphabet (including <c>+ / = *</c> and <c>%</c>) is read as 0; the output length is
    /// (characters that are not <c>*</c>) × 6 / 8.
    /// </summary>
    public static bool DecodeLikeConsole(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? data)
    {
        data = null;
        if (text.Length % 4 != 0)
        {
            return false;
        }

        var notPad = 0;
        foreach (var c in text)
        {
            if (c != Pad)
            {
                notPad++;
            }
        }

        var outputLength = notPad * 6 / 8;
        var output = new byte[outputLength];
        var o = 0;
        for (var i = 0; i < text.Length && o < outputLength; i += 4)
        {
            var group = (ConsoleValue(text[i]) << 18) | (ConsoleValue(text[i + 1]) << 12)
                        | (ConsoleValue(text[i + 2]) << 6) | ConsoleValue(text[i + 3]);
            for (var shift = 16; shift >= 0 && o < outputLength; shift -= 8)
            {
                output[o++] = (byte)(group >> shift);
            }
        }

        data = output;
        return true;
    }

    private static int ConsoleValue(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '.' => 62,
        '-' => 63,
        _ => 0,
    };

    private static void EncodeCore(ReadOnlySpan<byte> data, Span<char> destination)
    {
        Span<byte> ascii = destination.Length <= 512 ? stackalloc byte[destination.Length] : new byte[destination.Length];
        Encode(data, ascii);
        for (var i = 0; i < ascii.Length; i++)
        {
            destination[i] = (char)ascii[i];
        }
    }

    // Splits text into data characters and trailing padding, and checks the shape: at most two
    // pad characters, only at the end, a group never holds a single data character, and padded
    // text is a whole number of groups.
    private static bool TryGetDataLength(ReadOnlySpan<char> text, out int dataChars, out int outputLength)
    {
        dataChars = text.Length;
        while (dataChars > 0 && (text[dataChars - 1] == Pad || text[dataChars - 1] == '='))
        {
            dataChars--;
        }

        outputLength = 0;
        var padChars = text.Length - dataChars;
        var remainder = dataChars % 4;
        if (padChars > 2 || remainder == 1)
        {
            return false;
        }

        if (padChars > 0 && (text.Length % 4 != 0 || padChars != (4 - remainder) % 4))
        {
            return false;
        }

        outputLength = dataChars / 4 * 3 + remainder switch { 2 => 1, 3 => 2, _ => 0 };
        return true;
    }

    private static sbyte[] BuildDecodeTable()
    {
        var table = new sbyte[128];
        Array.Fill(table, Invalid);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (sbyte)i;
        }

        table['+'] = 62;
        table['/'] = 63;
        table[Pad] = Padding;
        table['='] = Padding;
        return table;
    }
}
