using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// Outcome of <see cref="NatNegParser.Parse"/>: either a packet or the reason it was refused.
/// </summary>
public readonly record struct NatNegParseResult(NatNegPacket? Packet, NatNegRejectReason Reason)
{
    [MemberNotNullWhen(true, nameof(Packet))]
    public bool IsAccepted => Packet is not null;

    internal static NatNegParseResult Accept(NatNegPacket packet) => new(packet, NatNegRejectReason.None);

    internal static NatNegParseResult Reject(NatNegRejectReason reason) => new(null, reason);
}
