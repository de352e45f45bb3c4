using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiimmfi.Protocols.Common;

/// <summary>The fields hidden inside a console friend code ("Wii number").</summary>
/// <param name="HollywoodId">The console's NG id (u32).</param>
/// <param name="Counter">Generation counter, 5 bits.</param>
/// <param name="HardwareModel">3 bits: 1 retail RVL, 0 RVT/RVV, 2 RVD, 7 other.</param>
/// <param name="AreaCode">3 bits: 0 JPN, 1 USA, 2 EUR, 3 TWN, 4 KOR, 5 HKG, 6 CHN, 7 unknown.</param>
public readonly record struct ConsoleIdentity(uint HollywoodId, byte Counter, byte HardwareModel, byte AreaCode);

/// <summary>
/// The console friend code (NAS field <c>cfc</c>, the 16-digit "Wii number"): a scrambled 53-bit
/// value holding the console's Hollywood id with a 10-bit polynomial check.
/// </summary>
/// <remarks>
/// <para>Scrambling (<see cref="Create"/>): pack area/model/id/counter, append the remainder of a
/// division by the polynomial 0x635, XOR 0xB3B3B3B3B3B3, rotate right 10 (53 bits), map every
/// nibble of bytes 0–5 through a table, shuffle bytes 0–5, rotate left 1, XOR 0x5E5E5E5E5E5E.
/// <see cref="TryUnscramble"/> undoes each step in reverse order; a genuine number leaves a
/// remainder of 0 in all 10 bits. (The public <c>wiino check</c> tool compares only 8 bits.)</para>
/// <para>A valid number proves nothing about the console: NG ids of emulators and dumped consoles
/// are public. Servers store it and may use the check to refuse typing errors.</para>
/// </remarks>
public static class ConsoleFriendCode
{
    /// <summary>The largest value NAS accepts in <c>cfc</c> (16 decimal digits).</summary>
    public const ulong MaxValue = 9_999_999_999_999_999;

    private const ulong Mask53 = (1UL << 53) - 1;
    private const ulong Polynomial = 0x635;
    private const ulong InnerXor = 0x0000_B3B3_B3B3_B3B3;
    private const ulong OuterXor = 0x5E5E_5E5E_5E5E;

    private static readonly byte[] NibbleMap = [0x4, 0xB, 0x7, 0x9, 0xF, 0x1, 0xD, 0x3, 0xC, 0x2, 0x6, 0xE, 0x8, 0x0, 0xA, 0x5];
    private static readonly byte[] NibbleUnmap = [0xD, 0x5, 0x9, 0x7, 0x0, 0xF, 0xA, 0x2, 0xC, 0x3, 0xE, 0x1, 0x8, 0x6, 0xB, 0x4];
    private static readonly byte[] BytePositions = [1, 5, 0, 4, 2, 3];

    /// <summary>Builds the number a console with these fields shows (used for test data and the console emulator).</summary>
    public static ulong Create(ConsoleIdentity identity)
    {
        if (identity.Counter > 31 || identity.HardwareModel > 7 || identity.AreaCode > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(identity), "Counter is 5 bits; model and area are 3 bits each.");
        }

        var v = ((ulong)identity.AreaCode << 50) | ((ulong)identity.HardwareModel << 47)
                | ((ulong)identity.HollywoodId << 15) | ((ulong)identity.Counter << 10);
        v = (v | Remainder(v)) ^ InnerXor;
        v = RotateRight53(v, 10);
        v = MapNibbles(v, NibbleMap);
        v = ShuffleBytes(v);
        v = RotateLeft53(v & Mask53, 1);
        return (v ^ OuterXor) & Mask53;
    }

    /// <summary>Formats a console friend code as 16 digits with leading zeros.</summary>
    public static string Format(ulong consoleFriendCode) => consoleFriendCode.ToString("D16", CultureInfo.InvariantCulture);

    /// <summary>Reads a decimal console friend code as NAS sends it (1–16 digits, no sign or spaces).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ulong consoleFriendCode)
    {
        consoleFriendCode = 0;
        return text.Length is >= 1 and <= 16
               && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out consoleFriendCode);
    }

    /// <summary>
    /// The 10-bit check remainder after unscrambling: 0 for a genuine number. Numbers of 2^53 and
    /// above are truncated to 53 bits first, as the console does.
    /// </summary>
    public static int ComputeCheckRemainder(ulong consoleFriendCode) => (int)Remainder(Unscramble(consoleFriendCode));

    /// <summary>True when the number is at most 16 digits and its check remainder is 0.</summary>
    public static bool IsValid(ulong consoleFriendCode) =>
        consoleFriendCode <= MaxValue && consoleFriendCode <= Mask53 && ComputeCheckRemainder(consoleFriendCode) == 0;

    /// <summary>Recovers the console fields from a valid number; false when the check fails.</summary>
    public static bool TryUnscramble(ulong consoleFriendCode, [NotNullWhen(true)] out ConsoleIdentity? identity)
    {
        identity = null;
        if (!IsValid(consoleFriendCode))
        {
            return false;
        }

        var v = Unscramble(consoleFriendCode);
        identity = new ConsoleIdentity(
            HollywoodId: (uint)(v >> 15),
            Counter: (byte)((v >> 10) & 0x1F),
            HardwareModel: (byte)((v >> 47) & 0x7),
            AreaCode: (byte)((v >> 50) & 0x7));
        return true;
    }

    private static ulong Unscramble(ulong code)
    {
        var v = (code & Mask53) ^ OuterXor;
        v = RotateRight53(v, 1);
        v = UnshuffleBytes(v);
        v = MapNibbles(v, NibbleUnmap);
        v = RotateLeft53(v, 10);
        return v ^ InnerXor;
    }

    // Polynomial division over bits 52..10; what is left is below 2^10.
    private static ulong Remainder(ulong value)
    {
        var r = value & Mask53;
        for (var k = 0; k <= 42; k++)
        {
            if (((r >> (52 - k)) & 1) != 0)
            {
                r ^= Polynomial << (42 - k);
            }
        }

        return r;
    }

    private static ulong RotateRight53(ulong v, int n) => ((v >> n) | ((v & ((1UL << n) - 1)) << (53 - n))) & Mask53;

    private static ulong RotateLeft53(ulong v, int n) => RotateRight53(v, 53 - n);

    private static ulong MapNibbles(ulong v, byte[] map)
    {
        for (var i = 0; i < 6; i++)
        {
            var shift = i * 8;
            var b = (byte)(v >> shift);
            var mapped = (ulong)((map[b >> 4] << 4) | map[b & 0xF]);
            v = (v & ~(0xFFUL << shift)) | (mapped << shift);
        }

        return v;
    }

    private static ulong ShuffleBytes(ulong v)
    {
        var result = v & ~0xFFFF_FFFF_FFFFUL;
        for (var i = 0; i < 6; i++)
        {
            result |= ((v >> (i * 8)) & 0xFF) << (BytePositions[i] * 8);
        }

        return result;
    }

    private static ulong UnshuffleBytes(ulong v)
    {
        var result = v & ~0xFFFF_FFFF_FFFFUL;
        for (var i = 0; i < 6; i++)
        {
            result |= ((v >> (BytePositions[i] * 8)) & 0xFF) << (i * 8);
        }

        return result;
    }
}
