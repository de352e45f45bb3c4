namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// Key names the QR2 library itself writes into every heartbeat (before the game's own keys), and the standard
/// keys the server browser and filters use.
/// </summary>
public static class Qr2KeyNames
{
    /// <summary>First private IPv4 of the console (dotted); further addresses are <c>localip1</c>, ….</summary>
    public const string LocalIp0 = "localip0";
    /// <summary>Prefix of every private-address key.</summary>
    public const string LocalIpPrefix = "localip";
    /// <summary>Private UDP port of the QR2/game socket (decimal).</summary>
    public const string LocalPort = "localport";
    /// <summary><c>1</c> when the game wants NAT negotiation.</summary>
    public const string NatNeg = "natneg";
    /// <summary>See <see cref="Qr2StateChange"/>.</summary>
    public const string StateChanged = "statechanged";
    /// <summary>The game's gamename.</summary>
    public const string GameName = "gamename";
    /// <summary>Public IPv4 as the console learned it from a challenge: decimal signed int32 in the console's
    /// byte order (see <see cref="Qr2PublicIp"/>), <c>0</c> until learned.</summary>
    public const string PublicIp = "publicip";
    /// <summary>Public port learned from the challenge, <c>0</c> until learned.</summary>
    public const string PublicPort = "publicport";
    /// <summary>Standard key: players in the room.</summary>
    public const string NumPlayers = "numplayers";
    /// <summary>Standard key: room capacity.</summary>
    public const string MaxPlayers = "maxplayers";

    /// <summary>Prefix the server reserves for its own keys; client keys with it are dropped.</summary>
    public const char ReservedPrefix = '+';

    /// <summary>
    /// True for keys that reveal a console's addresses (<c>publicip</c>, <c>publicport</c>, <c>localip*</c>,
    /// <c>localport</c>). The server browser must never return them as list keys.
    /// </summary>
    public static bool IsAddressKey(ReadOnlySpan<char> key) =>
        key is PublicIp or PublicPort or LocalPort || key.StartsWith(LocalIpPrefix, StringComparison.Ordinal);
}
