namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// Where a negotiation stands (see the diagram on <see cref="NatNegSession"/>). Stored in the session
/// state, so the numbers are frozen: append only.
/// </summary>
public enum NatNegPhase : byte
{
    /// <summary>No INIT or PREINIT has opened the negotiation yet.</summary>
    New = 0,

    /// <summary>Collecting both consoles' INITs (every port type each console sends).</summary>
    Collecting = 1,

    /// <summary>Both consoles are known; CONNECT sent, waiting for both CONNECT_ACKs.</summary>
    Connecting = 2,

    /// <summary>Both consoles acknowledged their CONNECT; waiting (bounded) for their REPORTs.</summary>
    Connected = 3,

    /// <summary>Finished; the entity passivates.</summary>
    Closed = 4,
}
