namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The one spelling of a console MAC address the store keeps: 12 lowercase hex digits, as NAS
/// sends <c>macadr</c>. Colons or dashes between the bytes are accepted and dropped.
/// </summary>
public static class ConsoleMac
{
    /// <summary>Returns the canonical form, or throws <see cref="ArgumentException"/> when it is not a MAC.</summary>
    public static string Normalize(string? mac, string name = "mac")
    {
        if (!TryNormalize(mac, out var canonical))
        {
            throw new ArgumentException("A MAC address is 12 hex digits, optionally separated by ':' or '-'.", name);
        }
        return canonical;
    }

    /// <summary>The canonical form, or false when the text is not a MAC address.</summary>
    public static bool TryNormalize(string? mac, out string canonical)
    {
        canonical = string.Empty;
        // 17 = six bytes with five separators, the longest spelling we accept.
        if (mac is null || mac.Length > 17)
        {
            return false;
        }
        Span<char> digits = stackalloc char[12];
        var count = 0;
        foreach (var c in mac)
        {
            if (c is ':' or '-')
            {
                continue;
            }
            if (!char.IsAsciiHexDigit(c) || count == 12)
            {
                return false;
            }
            digits[count++] = char.ToLowerInvariant(c);
        }
        if (count != 12)
        {
            return false;
        }
        canonical = new string(digits);
        return true;
    }
}
