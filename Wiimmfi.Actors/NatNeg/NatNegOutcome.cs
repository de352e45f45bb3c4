using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// Published on the actor system's event stream when a negotiation closes — Wiimmfi's NATNEG "informs SV about
/// successful connections" the same way, for the room model. Game addresses identify the consoles (they are
/// the addresses their QR2 heartbeats come from); the results are the consoles' own REPORTs (null: none came).
/// </summary>
public sealed record NatNegOutcome(
    uint Cookie, string GameName, NatNegCloseReason Reason,
    NatNegAddress? Client0GameAddress, NatNegAddress? Client1GameAddress,
    bool? Client0Succeeded, bool? Client1Succeeded);
