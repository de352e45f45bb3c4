using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// GameSpy unique nicks of NWC profiles: the console user id in base 32 (digits
/// <c>0-9a-v</c>, most significant first) followed by the gsbrcd, e.g. <c>1jvv0u3laRMCJ2leohni</c>.
/// </summary>
/// <remarks>
/// Nintendo's server zero-padded the base-32 part to 9 digits, so real nicks are always 9 + 11 =
/// 20 characters; the open references do not pad, which only differs for user ids below 2^40.
/// <see cref="Create"/> pads by default to match the real server.
/// </remarks>
public static class UniqueNick
{
    /// <summary>The base-32 digit alphabet.</summary>
    public const string Base32Alphabet = "0123456789abcdefghijklmnopqrstuv";

    /// <summary>Width of the user id part in Nintendo's nicks: user ids are below 2^43 and 9 base-32 digits hold 45 bits.</summary>
    public const int PaddedUserIdDigits = 9;

    /// <summary>The largest user id NAS hands out (43 bits).</summary>
    public const ulong MaxUserId = (1UL << 43) - 1;

    /// <summary>Base 32 of <paramref name="value"/> without padding ("0" for zero).</summary>
    public static string EncodeBase32(ulong value)
    {
        Span<char> buffer = stackalloc char[13];
        var i = buffer.Length;
        do
        {
            buffer[--i] = Base32Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        while (value != 0);

        return new string(buffer[i..]);
    }

    /// <summary>Reads base-32 digits (lower case, as generated); false on any other character or overflow.</summary>
    public static bool TryDecodeBase32(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 12)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = Base32Alphabet.IndexOf(c);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 5) | (uint)digit;
        }

        return true;
    }

    /// <summary>The unique nick of profile (<paramref name="userId"/>, <paramref name="gsbrcd"/>).</summary>
    /// <param name="userId">Console user id from NAS.</param>
    /// <param name="gsbrcd">The game's branch code, e.g. <c>RMCJ2leohni</c>.</param>
    /// <param name="padToNineDigits">Zero-pad the user id part to 9 digits like Nintendo's server (default).</param>
    public static string Create(ulong userId, string gsbrcd, bool padToNineDigits = true)
    {
        ArgumentNullException.ThrowIfNull(gsbrcd);
        var digits = EncodeBase32(userId);
        return padToNineDigits && digits.Length < PaddedUserIdDigits
            ? string.Concat(digits.PadLeft(PaddedUserIdDigits, '0'), gsbrcd)
            : string.Concat(digits, gsbrcd);
    }

    /// <summary>Splits a padded (20-character style) nick into user id and gsbrcd.</summary>
    public static bool TryParsePadded(string nick, out ulong userId, [NotNullWhen(true)] out string? gsbrcd)
    {
        gsbrcd = null;
        userId = 0;
        if (nick is null || nick.Length <= PaddedUserIdDigits || !TryDecodeBase32(nick.AsSpan(0, PaddedUserIdDigits), out userId))
        {
            return false;
        }

        gsbrcd = nick[PaddedUserIdDigits..];
        return true;
    }

    /// <summary>
    /// The stand-in nick shown for other people's profiles (WiiLink's privacy rule, since a real nick
    /// reveals the console user id): <c>000000000</c> + the first 4 gsbrcd characters + <c>0000000</c>.
    /// </summary>
    public static string CreatePlaceholder(string gsbrcd)
    {
        ArgumentNullException.ThrowIfNull(gsbrcd);
        var prefix = gsbrcd.Length >= 4 ? gsbrcd.AsSpan(0, 4) : gsbrcd.AsSpan();
        return string.Concat("000000000", prefix, "0000000");
    }
}
