namespace Wiimmfi.Protocols.Gpcm;

/// <summary>Why a buddy-message text is not an acceptable match command. Each is answered with GP error 2304.</summary>
public enum GpcmMatchCommandError
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>The text does not start with <c>GPCM&lt;digits&gt;vMAT</c>.</summary>
    NotAMatchCommand = 1,

    /// <summary>The version is not 3, 11 or 90.</summary>
    UnsupportedVersion = 2,

    /// <summary>The text ends right after the prefix, without a command byte.</summary>
    MissingCommand = 3,

    /// <summary>The payload text does not decode (bad base64, decimal or hex word).</summary>
    BadPayloadText = 4,

    /// <summary>The payload is not a whole number of 4-byte words.</summary>
    PayloadNotWordAligned = 5,

    /// <summary>The payload is longer than the bound (0x80 bytes for relaying).</summary>
    PayloadTooLarge = 6,
}
