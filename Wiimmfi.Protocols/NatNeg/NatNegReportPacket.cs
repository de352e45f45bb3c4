using System.Buffers.Binary;
using System.Text;

namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// The REPORT body shape, shared by REPORT (73 bytes) and REPORT_ACK (the Nintendo server sent
/// its first 21 bytes) (natneg.md §3.3).
/// </summary>
/// <param name="PortType">Offset 12 (0 from DWC).</param>
/// <param name="ClientIndex">Offset 13.</param>
/// <param name="Result">Offset 14: 1 success, 0 failure.</param>
/// <param name="NatTypeRaw">Offsets 15–18 read big-endian. The console wrote a C enum in its own
/// byte order; decode with <see cref="GetNatType"/>.</param>
/// <param name="MappingSchemeRaw">Offsets 19–22 read big-endian; decode with <see cref="GetMappingScheme"/>.</param>
/// <param name="GameName">The NUL-padded 50-byte name at offset 23, without the padding.</param>
public sealed record NatNegReportPacket(
    NatNegHeader Header,
    int WireLength,
    NatNegPortType PortType,
    byte ClientIndex,
    byte Result,
    uint NatTypeRaw,
    uint MappingSchemeRaw,
    string GameName) : NatNegPacket(Header, WireLength)
{
    /// <summary>True when the console reports a working connection.</summary>
    public bool Succeeded => Result == 1;

    /// <summary>The NAT type in the sending console's byte order (Wii big-endian, DS little-endian).</summary>
    public NatType GetNatType(ConsoleByteOrder order) => (NatType)InOrder(NatTypeRaw, order);

    /// <summary>The mapping scheme in the sending console's byte order.</summary>
    public NatMappingScheme GetMappingScheme(ConsoleByteOrder order) => (NatMappingScheme)InOrder(MappingSchemeRaw, order);

    private static uint InOrder(uint bigEndianValue, ConsoleByteOrder order) =>
        order == ConsoleByteOrder.BigEndian ? bigEndianValue : BinaryPrimitives.ReverseEndianness(bigEndianValue);

    protected override int NaturalLength => NatNegWire.ReportSize;

    protected override void WriteBody(Span<byte> body)
    {
        body[0] = (byte)PortType;
        body[1] = ClientIndex;
        body[2] = Result;
        BinaryPrimitives.WriteUInt32BigEndian(body[3..], NatTypeRaw);
        BinaryPrimitives.WriteUInt32BigEndian(body[7..], MappingSchemeRaw);
        var name = GameName.Length > NatNegWire.MaxGameNameLength ? GameName[..NatNegWire.MaxGameNameLength] : GameName;
        Encoding.Latin1.GetBytes(name, body[11..]);
    }
}
