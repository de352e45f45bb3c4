using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Wiimmfi.Protocols.Common;

/// <summary>
/// Game friend codes: the 32-bit profile id plus a 7-bit checksum in bits 32–38, shown as
/// <c>DDDD-DDDD-DDDD</c>.
/// </summary>
/// <remarks>
/// The checksum hashes 8 bytes: the profile id little-endian, then the 4 game id characters in
/// reverse order. The game id is the first four characters of the profile's gsbrcd; Mario Kart
/// Wii always uses <c>RMCJ</c>, whatever the disc region. A game id must be 4 ASCII characters;
/// anything else is a programming error (<see cref="ArgumentException"/>), since game ids come
/// from validated NAS data, never straight off the wire.
/// </remarks>
public static class FriendCode
{
    /// <summary>The largest value a friend code can have: 7 checksum bits above 32 profile bits.</summary>
    public const ulong MaxValue = (1UL << 39) - 1;

    /// <summary>Which checksum and display rule <paramref name="gameId"/> uses.</summary>
    public static FriendCodeChecksumKind GetChecksumKind(ReadOnlySpan<char> gameId)
    {
        RequireGameId(gameId);
        if (gameId.StartsWith("RSB", StringComparison.Ordinal) || gameId.StartsWith("RPB", StringComparison.Ordinal))
        {
            return FriendCodeChecksumKind.Crc8;
        }

        if (gameId.StartsWith("HDM", StringComparison.Ordinal) || gameId.StartsWith("WDM", StringComparison.Ordinal))
        {
            return FriendCodeChecksumKind.Crc8ReversedDisplay;
        }

        return gameId[0] is 'R' or 'S' or 'H' or 'W' or 'X' or 'Y' ? FriendCodeChecksumKind.Md5 : FriendCodeChecksumKind.Crc8;
    }

    /// <summary>The friend code of <paramref name="profileId"/> in game <paramref name="gameId"/>; 0 for profile 0.</summary>
    public static ulong Compute(uint profileId, ReadOnlySpan<char> gameId)
    {
        var kind = GetChecksumKind(gameId);
        if (profileId == 0)
        {
            return 0;
        }

        return ((ulong)ComputeChecksum(profileId, gameId, kind) << 32) | profileId;
    }

    /// <summary>Formats a friend code value as <c>DDDD-DDDD-DDDD</c> with the game's display rule.</summary>
    public static string Format(ulong friendCode, ReadOnlySpan<char> gameId)
    {
        var kind = GetChecksumKind(gameId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(friendCode, MaxValue);
        Span<char> digits = stackalloc char[12];
        friendCode.TryFormat(digits, out _, "D12", System.Globalization.CultureInfo.InvariantCulture);
        if (kind == FriendCodeChecksumKind.Crc8ReversedDisplay)
        {
            digits.Reverse();
        }

        Span<char> display = stackalloc char[14];
        digits[..4].CopyTo(display);
        display[4] = '-';
        digits.Slice(4, 4).CopyTo(display[5..]);
        display[9] = '-';
        digits[8..].CopyTo(display[10..]);
        return new string(display);
    }

    /// <summary>The display string of <paramref name="profileId"/>'s friend code in <paramref name="gameId"/>.</summary>
    public static string ComputeDisplay(uint profileId, ReadOnlySpan<char> gameId) => Format(Compute(profileId, gameId), gameId);

    /// <summary>True when <paramref name="friendCode"/> is non-zero and its checksum matches its profile id for <paramref name="gameId"/>.</summary>
    public static bool IsValid(ulong friendCode, ReadOnlySpan<char> gameId)
    {
        if (friendCode == 0 || friendCode > MaxValue)
        {
            return false;
        }

        var profileId = (uint)friendCode;
        return profileId != 0 && Compute(profileId, gameId) == friendCode;
    }

    /// <summary>
    /// Reads a friend code such as <c>0214-7483-6481</c> (dashes or spaces between digits are
    /// ignored), undoes the reversed display of HDM/WDM games, and checks the checksum.
    /// </summary>
    public static FriendCodeParseResult TryParse(ReadOnlySpan<char> text, ReadOnlySpan<char> gameId, out uint profileId)
    {
        var kind = GetChecksumKind(gameId);
        profileId = 0;
        Span<char> digits = stackalloc char[12];
        var count = 0;
        foreach (var c in text)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            if (c is < '0' or > '9' || count == 12)
            {
                return FriendCodeParseResult.Malformed;
            }

            digits[count++] = c;
        }

        if (count != 12)
        {
            return FriendCodeParseResult.Malformed;
        }

        if (kind == FriendCodeChecksumKind.Crc8ReversedDisplay)
        {
            digits.Reverse();
        }

        var value = ulong.Parse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        if (value == 0)
        {
            return FriendCodeParseResult.NoProfile;
        }

        if (value > MaxValue)
        {
            return FriendCodeParseResult.OutOfRange;
        }

        if (!IsValid(value, gameId))
        {
            return FriendCodeParseResult.WrongChecksum;
        }

        profileId = (uint)value;
        return FriendCodeParseResult.Valid;
    }

    private static byte ComputeChecksum(uint profileId, ReadOnlySpan<char> gameId, FriendCodeChecksumKind kind)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, profileId);
        buffer[4] = (byte)gameId[3];
        buffer[5] = (byte)gameId[2];
        buffer[6] = (byte)gameId[1];
        buffer[7] = (byte)gameId[0];
        if (kind == FriendCodeChecksumKind.Md5)
        {
            Span<byte> digest = stackalloc byte[16];
            MD5.HashData(buffer, digest);
            return (byte)(digest[0] >> 1);
        }

        return (byte)(Crc8.Compute(buffer) & 0x7F);
    }

    private static void RequireGameId(ReadOnlySpan<char> gameId)
    {
        if (gameId.Length != 4 || !System.Text.Ascii.IsValid(gameId))
        {
            throw new ArgumentException("A game id is exactly 4 ASCII characters, e.g. RMCJ.", nameof(gameId));
        }
    }
}
