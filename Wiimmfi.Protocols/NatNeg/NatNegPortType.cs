namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// Which socket an INIT (or NAT probe) came from. Frozen wire numbers (SDK <c>NN_PT_*</c>).
/// </summary>
public enum NatNegPortType : byte
{
    /// <summary>Sent from the game socket (only when use-game-port is 1).</summary>
    GamePort = 0,
    /// <summary>Sent from the negotiation socket to natneg1.</summary>
    Nn1 = 1,
    /// <summary>Sent from the negotiation socket to natneg2.</summary>
    Nn2 = 2,
    /// <summary>Sent from the negotiation socket to natneg3.</summary>
    Nn3 = 3,
}
