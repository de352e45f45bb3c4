namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// The "finished" byte of a server CONNECT (SDK <c>FINISHED_*</c>). Frozen wire numbers.
/// In a peer-to-peer CONNECT_PING the same byte means "both directions work" (1) instead.
/// </summary>
public enum NatNegFinished : byte
{
    /// <summary>Go: ping the given address.</summary>
    NoError = 0,
    /// <summary>The partner never arrived; the console gives up at once.</summary>
    DeadbeatPartner = 1,
    /// <summary>The console's INITs were not all acknowledged.</summary>
    InitPacketsTimedOut = 2,
}
