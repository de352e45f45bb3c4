namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// Why a well-formed NATNEG packet was dropped without an answer. A metrics label (the parser's
/// <see cref="Wiimmfi.Protocols.NatNeg.NatNegRejectReason"/> covers malformed ones), so the numbers are
/// frozen: append only.
/// </summary>
public enum NatNegIgnoredReason
{
    /// <summary>A server-to-client type (INITACK, CONNECT, REPORT_ACK…) or a peer-to-peer CONNECT_PING arrived at the server.</summary>
    NotForServer = 0,

    /// <summary>STATEUPDATE: no reference documents or answers it.</summary>
    StateUpdate = 1,

    /// <summary>A client index other than 0 or 1 (DWC never sends one).</summary>
    ClientIndexOutOfRange = 2,

    /// <summary>The version differs from the one that opened the negotiation.</summary>
    VersionMismatch = 3,

    /// <summary>The game name differs from the one that opened the negotiation.</summary>
    GameNameMismatch = 4,

    /// <summary>CONNECT_ACK or REPORT for a cookie with no open negotiation (late or stray).</summary>
    NoNegotiation = 5,

    /// <summary>The negotiation had already closed when the packet reached it.</summary>
    NegotiationClosed = 6,

    /// <summary>Came from an IPv6 address, which NATNEG cannot express.</summary>
    NotIpv4 = 7,

    /// <summary>Means nothing in the negotiation's phase (a CONNECT_ACK or REPORT before any CONNECT was sent).</summary>
    OutOfOrder = 8,
}
