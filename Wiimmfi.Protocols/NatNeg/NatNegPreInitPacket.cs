using System.Buffers.Binary;

namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// The PREINIT body shape (version 4 only), shared by PREINIT and PREINIT_ACK (natneg.md §3.4).
/// </summary>
/// <param name="ClientIndex">Offset 12.</param>
/// <param name="State">Offset 13: raw byte, see <see cref="NatNegPreInitState"/>.</param>
/// <param name="ClientId">Offsets 14–17, big-endian.</param>
public sealed record NatNegPreInitPacket(
    NatNegHeader Header,
    int WireLength,
    byte ClientIndex,
    byte State,
    uint ClientId) : NatNegPacket(Header, WireLength)
{
    protected override int NaturalLength => NatNegWire.PreInitSize;

    protected override void WriteBody(Span<byte> body)
    {
        body[0] = ClientIndex;
        body[1] = State;
        BinaryPrimitives.WriteUInt32BigEndian(body[2..], ClientId);
    }
}
