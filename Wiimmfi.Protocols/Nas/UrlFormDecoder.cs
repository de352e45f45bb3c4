namespace Wiimmfi.Protocols.Nas;

/// <summary>Percent-decoding of <c>application/x-www-form-urlencoded</c> parts.</summary>
/// <remarks>
/// A literal <c>+</c> is kept as <c>+</c> instead of becoming a space: every NAS value is base64,
/// which never contains a space, while a client sending standard base64 uses <c>+</c> as data.
/// </remarks>
internal static class UrlFormDecoder
{
    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/> (never longer than the source).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (b == (byte)'%')
            {
                if (i + 2 >= source.Length || !TryHex(source[i + 1], out var high) || !TryHex(source[i + 2], out var low))
                {
                    return false;
                }

                b = (byte)((high << 4) | low);
                i += 2;
            }

            destination[written++] = b;
        }

        return true;
    }

    private static bool TryHex(byte c, out int value)
    {
        value = c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
