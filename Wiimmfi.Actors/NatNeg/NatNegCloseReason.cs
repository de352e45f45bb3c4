namespace Wiimmfi.Actors.NatNeg;

/// <summary>Why a negotiation ended. Stored and published, so the numbers are frozen: append only.</summary>
public enum NatNegCloseReason : byte
{
    /// <summary>Both consoles acknowledged their CONNECT (and reported, or the report wait ended).</summary>
    Completed = 0,

    /// <summary>The session timeout passed before both consoles acknowledged a CONNECT.</summary>
    TimedOut = 1,
}
