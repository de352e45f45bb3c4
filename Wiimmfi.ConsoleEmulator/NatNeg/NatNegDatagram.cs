using System.Net;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>
/// A datagram that reached an emulated console socket: its bytes, the parsed packet (null when the parser
/// refused it, see <see cref="Reason"/>), where it came from, when (Stopwatch timestamp), and whether the
/// emulated NAT dropped it.
/// </summary>
public sealed record NatNegDatagram(
    NatNegUdpSocket Socket, byte[] Bytes, NatNegPacket? Packet, NatNegRejectReason Reason, IPEndPoint From, long ReceivedAt, bool FilteredByNat)
{
    public NatNegPacketType? Type => Packet?.Type;

    public override string ToString() => $"{(Packet is null ? $"malformed ({Reason})" : Packet.Header.ToString())} from {From}{(FilteredByNat ? " (filtered)" : "")}";
}
