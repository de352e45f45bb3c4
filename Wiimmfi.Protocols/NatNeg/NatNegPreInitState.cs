namespace Wiimmfi.Protocols.NatNeg;

/// <summary>State byte of PREINIT/PREINIT_ACK (version 4 only; SDK <c>NN_PREINIT_*</c>). Frozen wire numbers.</summary>
public enum NatNegPreInitState : byte
{
    WaitingForClient = 0,
    WaitingForMatchup = 1,
    Ready = 2,
}
