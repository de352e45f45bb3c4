namespace Wiimmfi.Protocols.GameStats;

/// <summary>
/// The TCP GameStats "encryption": every byte of a message except its trailing <c>\final\</c> is
/// XORed with <c>GameSpy3D</c>, repeating, the key index restarting at each message (gamestats.md §2.1).
/// XOR is its own inverse, so one routine both hides and reveals.
/// </summary>
public static class GameStatsObfuscation
{
    /// <summary>The repeating XOR key.</summary>
    public static ReadOnlySpan<byte> Key => "GameSpy3D"u8;

    /// <summary>The clear-text terminator of every message.</summary>
    public static ReadOnlySpan<byte> Final => @"\final\"u8;

    /// <summary>XORs <paramref name="bytes"/> in place with the key, starting at key index 0.</summary>
    public static void Apply(Span<byte> bytes)
    {
        var key = Key;
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= key[i % key.Length];
        }
    }

    /// <summary>
    /// Turns one plain message ending in <c>\final\</c> into wire bytes (everything before the
    /// terminator XORed).
    /// </summary>
    /// <exception cref="ArgumentException">The message does not end with <c>\final\</c>.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> plainMessage)
    {
        if (!plainMessage.EndsWith(Final))
        {
            throw new ArgumentException(@"A GameStats message ends with \final\.", nameof(plainMessage));
        }
        var wire = plainMessage.ToArray();
        Apply(wire.AsSpan(0, wire.Length - Final.Length));
        return wire;
    }
}
