namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// Bounds on everything a QR2 datagram can make the server store. Each has its reason.
/// </summary>
public static class Qr2Limits
{
    /// <summary>The GameSpy SDK builds client packets of at most 1400 bytes; anything larger is not a console.</summary>
    public const int MaxDatagramLength = 1400;

    /// <summary>Key names are short identifiers (<c>dwc_hoststate</c> is the longest MKW uses).</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Values are short numbers and region strings; 256 bounds what one key can make us store.</summary>
    public const int MaxValueLength = 256;

    /// <summary>MKW reports about 20 server keys; 128 leaves room for other games without letting one console
    /// fill the table.</summary>
    public const int MaxServerKeys = 128;

    /// <summary>Player/team key names per section (DWC sends none; other GameSpy titles a handful).</summary>
    public const int MaxSectionKeys = 32;

    /// <summary>Player/team rows per section: the SDK never reports more than 255 players.</summary>
    public const int MaxSectionRows = 255;

    /// <summary>A challenge response is 28 characters for a 20-character challenge.</summary>
    public const int MaxChallengeResponseLength = 64;

    /// <summary>Gamenames are short identifiers.</summary>
    public const int MaxGameNameLength = 64;

    /// <summary>The SDK copies at most 32 bytes of an echo.</summary>
    public const int MaxEchoLength = 32;

    /// <summary>The console receives into a 256-byte buffer: a server packet must not be longer.</summary>
    public const int MaxServerPacketLength = 256;

    /// <summary>Header of a CLIENT_MESSAGE: <c>FE FD 06</c> + instance key + message key.</summary>
    public const int ClientMessageHeaderLength = 11;

    /// <summary>Largest data a CLIENT_MESSAGE can carry so the packet fits the console's receive buffer.</summary>
    public const int MaxClientMessageDataLength = MaxServerPacketLength - ClientMessageHeaderLength;
}
