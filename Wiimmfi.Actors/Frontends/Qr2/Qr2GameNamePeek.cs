namespace Wiimmfi.Actors.Frontends.Qr2;

/// <summary>
/// Finds the <c>gamename</c> value in a heartbeat datagram without decoding anything else, so the front-end can
/// route a heartbeat to its game's table in a few dozen nanoseconds and without allocating. It validates nothing
/// beyond that: the table parses the whole datagram with the codec (<c>Qr2ClientPacketReader</c>) whenever it
/// differs from the host's previous one, and refuses it there if it is malformed.
/// </summary>
internal static class Qr2GameNamePeek
{
    private static ReadOnlySpan<byte> GameNameKey => "gamename"u8;

    /// <summary>The value of the first <c>gamename</c> server key (as the codec, the first occurrence wins).</summary>
    /// <param name="datagram">The whole datagram: type, instance key, then the NUL-separated key/value strings.</param>
    public static bool TryFind(ReadOnlySpan<byte> datagram, out ReadOnlySpan<byte> gameName)
    {
        gameName = default;
        if (datagram.Length <= 5)
            return false;
        var rest = datagram[5..];
        while (!rest.IsEmpty)
        {
            int keyEnd = rest.IndexOf((byte)0);
            if (keyEnd <= 0)
                return false; // the empty key ends the server keys; no terminator means no value follows
            var key = rest[..keyEnd];
            rest = rest[(keyEnd + 1)..];
            int valueEnd = rest.IndexOf((byte)0);
            var value = valueEnd < 0 ? rest : rest[..valueEnd];
            if (key.SequenceEqual(GameNameKey))
            {
                gameName = value;
                return !value.IsEmpty;
            }
            rest = valueEnd < 0 ? [] : rest[(valueEnd + 1)..];
        }
        return false;
    }
}
