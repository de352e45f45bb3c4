namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// Why the parser refused a datagram. The front-end drops such packets and counts them per
/// reason (NATNEG has no error reply). Frozen numbers: they appear in metrics; append only.
/// </summary>
public enum NatNegRejectReason
{
    None = 0,
    /// <summary>Shorter than the 12-byte header.</summary>
    TooShort = 1,
    /// <summary>Does not start with <c>FD FC 1E 66 6A B2</c>.</summary>
    BadMagic = 2,
    /// <summary>Longer than <see cref="NatNegWire.MaxPacketSize"/>.</summary>
    TooLong = 3,
    /// <summary>Version outside 2..4.</summary>
    UnsupportedVersion = 4,
    /// <summary>Type byte above 16.</summary>
    UnknownType = 5,
    /// <summary>Shorter than the body shape of its type needs.</summary>
    BodyTooShort = 6,
    /// <summary>INIT with a port type above 3.</summary>
    InvalidPortType = 7,
    /// <summary>INIT with a use-game-port byte other than 0 or 1.</summary>
    InvalidUseGamePort = 8,
    /// <summary>INIT from the game port although use-game-port is 0.</summary>
    GamePortWithoutUseGamePort = 9,
    /// <summary>INIT game name longer than <see cref="NatNegWire.MaxGameNameLength"/>.</summary>
    GameNameTooLong = 10,
}
