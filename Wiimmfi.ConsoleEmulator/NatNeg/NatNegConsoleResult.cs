using System.Net;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>How a negotiation ended for the console (the SDK's <c>NegotiateResult</c>).</summary>
public enum NatNegConsoleOutcome
{
    Success,
    DeadbeatPartner,
    InitTimeout,
    PingTimeout,
    UnknownError,
}

/// <summary>
/// What an emulated console learned: the outcome; the address the server's CONNECT named (null: no CONNECT);
/// where the partner's pings really came from; whether the server acknowledged the REPORT; and how many
/// CONNECTs arrived.
/// </summary>
public sealed record NatNegConsoleResult(
    NatNegConsoleOutcome Outcome, NatNegAddress? ToldPeerAddress, IPEndPoint? PeerEndPoint, bool ReportAcknowledged,
    int ConnectsReceived, NatNegFinished? ServerFinishCode);
