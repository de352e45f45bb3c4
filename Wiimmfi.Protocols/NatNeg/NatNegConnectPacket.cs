namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// The CONNECT body shape, shared by CONNECT (server → console) and CONNECT_PING (console ↔
/// console) (natneg.md §3.2).
/// </summary>
/// <param name="RemoteAddress">The address the console must ping (offsets 12–17).</param>
/// <param name="GotYourData">CONNECT: 0x42 by convention; CONNECT_PING: 1 once a ping arrived.</param>
/// <param name="Finished">CONNECT: 0 go, 1 deadbeat partner, 2 init timeout (raw byte, see
/// <see cref="NatNegFinished"/>); CONNECT_PING: 1 when both directions work.</param>
public sealed record NatNegConnectPacket(
    NatNegHeader Header,
    int WireLength,
    NatNegAddress RemoteAddress,
    byte GotYourData,
    byte Finished) : NatNegPacket(Header, WireLength)
{
    protected override int NaturalLength => NatNegWire.ConnectSize;

    protected override void WriteBody(Span<byte> body)
    {
        RemoteAddress.Write(body);
        body[6] = GotYourData;
        body[7] = Finished;
    }
}
