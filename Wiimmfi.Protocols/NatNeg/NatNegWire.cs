namespace Wiimmfi.Protocols.NatNeg;

/// <summary>Fixed sizes, offsets and constants of the NATNEG wire format (natneg.md §2–3).</summary>
public static class NatNegWire
{
    /// <summary>The six magic bytes every NATNEG packet starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0xFD, 0xFC, 0x1E, 0x66, 0x6A, 0xB2];

    /// <summary>Magic + version + type + cookie.</summary>
    public const int HeaderSize = 12;

    /// <summary>Header + port type, client index, use-game-port, local IPv4, local port.</summary>
    public const int InitSize = 21;

    /// <summary>Header + remote IPv4, remote port, got-your-data, finished.</summary>
    public const int ConnectSize = 20;

    /// <summary>Header + port type, client index, result, NAT type, mapping scheme, 50-byte game name.</summary>
    public const int ReportSize = 73;

    /// <summary>Header + client index, state, client id (version 4).</summary>
    public const int PreInitSize = 18;

    /// <summary>The padded size consoles use for probes and ERT packets.</summary>
    public const int PaddedSize = 73;

    /// <summary>Width of the game-name field inside REPORT.</summary>
    public const int ReportGameNameSize = 50;

    /// <summary>
    /// Largest datagram we parse. The SDK's own receive buffer is 512 bytes (<c>NNINBUF_LEN</c>),
    /// so nothing genuine is longer.
    /// </summary>
    public const int MaxPacketSize = 512;

    /// <summary>
    /// Longest game name accepted in an INIT. The SDK copies the name into the 50-byte REPORT
    /// field (49 characters + NUL), so a longer name cannot come from a real console.
    /// </summary>
    public const int MaxGameNameLength = ReportGameNameSize - 1;

    /// <summary>Lowest protocol version we parse (2: first with local address in INIT).</summary>
    public const byte MinVersion = 2;

    /// <summary>Highest protocol version we parse (4: adds PREINIT).</summary>
    public const byte MaxVersion = 4;

    /// <summary>Version sent by Mario Kart Wii and the DS games.</summary>
    public const byte DwcVersion = 3;

    /// <summary>The fixed cookie of NAT-type detection (NATIFY).</summary>
    public const uint NatDetectionCookie = 777;

    /// <summary>Got-your-data byte the Nintendo server put in CONNECT (the client ignores it).</summary>
    public const byte ConnectGotYourDataMarker = 0x42;

    /// <summary>
    /// Bytes 14–20 of the Nintendo INITACK (use-game-port, local IP, local port positions). The
    /// client reads only the port type, but every known server repeats these constants.
    /// </summary>
    public static ReadOnlySpan<byte> InitAckFiller => [0xFF, 0xFF, 0x6D, 0x16, 0xB5, 0x7D, 0xEA];
}
