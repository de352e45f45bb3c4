namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>Why a server-browser request was refused. Frozen numbers (metric labels): append only.</summary>
public enum SbParseError
{
    /// <summary>Parsed fine.</summary>
    None = 0,
    /// <summary>The frame's length field is below 3 or above <see cref="SbLimits.MaxRequestLength"/>, or does
    /// not match the frame (close the connection).</summary>
    BadLength = 1,
    /// <summary>A type no client sends, or one we do not serve (MAPLOOP, PLAYERSEARCH): log and ignore, do not
    /// close.</summary>
    UnsupportedType = 2,
    /// <summary>The request ends before a required field.</summary>
    Truncated = 3,
    /// <summary>A string over its bound.</summary>
    StringTooLong = 4,
    /// <summary>More fields in the key list than <see cref="SbLimits.MaxFields"/>.</summary>
    TooManyFields = 5,
    /// <summary>A required field is empty (gamename, message data).</summary>
    MissingField = 6,
    /// <summary>SEND_MESSAGE data over <see cref="SbLimits.MaxSendMessageDataLength"/>.</summary>
    DataTooLong = 7,
}

/// <summary>What the framer found at the start of the receive buffer.</summary>
public enum SbFrameStatus
{
    /// <summary>A whole request is available.</summary>
    Complete = 0,
    /// <summary>Not enough bytes yet; read more.</summary>
    NeedMoreData = 1,
    /// <summary>The length field is out of bounds: close the connection.</summary>
    Invalid = 2,
}
