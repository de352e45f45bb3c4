namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>Bounds on what a server-browser client can make the server buffer or store, with their reasons.</summary>
public static class SbLimits
{
    /// <summary>
    /// Largest request frame (including the 2-byte length): twice the SDK's MAX_OUTGOING_REQUEST_SIZE (1022 =
    /// 256-byte field list + 511-byte filter + 255). A longer length field means a broken or hostile client:
    /// close the connection.
    /// </summary>
    public const int MaxRequestLength = 2048;

    /// <summary>Smallest frame: the 2-byte length and the type byte.</summary>
    public const int MinRequestLength = 3;

    /// <summary>Gamenames are short identifiers.</summary>
    public const int MaxGameNameLength = 64;

    /// <summary>The SDK's client challenge is 8 bytes (LIST_CHALLENGE_LEN).</summary>
    public const int ClientChallengeLength = 8;

    /// <summary>Field names are QR2 key names (bounded the same way).</summary>
    public const int MaxFieldNameLength = 64;

    /// <summary>The SDK's field list is at most 256 characters; DWC asks for about 5–10 keys.</summary>
    public const int MaxFields = 64;

    /// <summary>
    /// SEND_MESSAGE data is forwarded as a QR2 client message, which must fit the console's 256-byte receive
    /// buffer after its 11-byte header.
    /// </summary>
    public const int MaxSendMessageDataLength = 245;

    /// <summary>The reply's key count and popular-value count are single bytes.</summary>
    public const int MaxReplyKeys = 255;
}
