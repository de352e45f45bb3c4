namespace Wiimmfi.Protocols.Common;

/// <summary>What <see cref="GameSpyFraming"/> found at the start of a receive buffer.</summary>
public enum GameSpyFrameStatus
{
    /// <summary>A whole message (up to and including <c>\final\</c>) is available.</summary>
    Complete = 0,

    /// <summary>No terminator yet and the buffer is still under the size bound: read more bytes.</summary>
    NeedMoreBytes = 1,

    /// <summary>
    /// The message is (or would become) longer than the bound. The connection cannot recover its
    /// framing; the caller reports a parse error and closes.
    /// </summary>
    Oversized = 2,
}
