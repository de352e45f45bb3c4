namespace Wiimmfi.Protocols.Common.GameList;

/// <summary>
/// The <c>N</c> in <c>&lt;gamename&gt;.ms&lt;N&gt;.gs.nintendowifi.net</c>, the server-browser host a game's
/// consoles connect to. The SDK derives it from the gamename with a small hash, so every game's number is fixed.
/// </summary>
public static class MsHostNumber
{
    /// <summary>Multiplier of the GameSpy SDK's hash (as printed on the Custom Mario Kart wiki's MS page).</summary>
    private const uint HashMultiplier = 0x63306CE7;

    /// <summary>How many <c>ms</c> hosts the hash spreads games over.</summary>
    private const uint HostCount = 20;

    /// <summary>Computes N for a gamename: <c>mariokartwii</c> → 19, <c>mariokartds</c> → 17.</summary>
    public static int Compute(ReadOnlySpan<char> gameName)
    {
        uint hash = 0;
        foreach (char c in gameName)
        {
            // The SDK lower-cases each character (ASCII; gamenames are ASCII) and wraps at 32 bits.
            uint lower = c is >= 'A' and <= 'Z' ? (uint)(c + ('a' - 'A')) : c;
            hash = unchecked(lower - hash * HashMultiplier);
        }
        return (int)(hash % HostCount);
    }

    /// <summary>The full hostname, e.g. <c>mariokartwii.ms19.gs.nintendowifi.net</c>.</summary>
    public static string HostName(string gameName) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{gameName}.ms{Compute(gameName)}.gs.nintendowifi.net");
}
