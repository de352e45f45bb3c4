using System.Net;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.Protocols.NatNeg;

public class NatNegWireNumberTests
{
    [Fact]
    public void Packet_type_numbers_are_the_sdk_numbers()
    {
        Assert.Equal(
            "Init=0 InitAck=1 ErtTest=2 ErtAck=3 StateUpdate=4 Connect=5 ConnectAck=6 ConnectPing=7 BackupTest=8 BackupAck=9 " +
            "AddressCheck=10 AddressReply=11 NatifyRequest=12 Report=13 ReportAck=14 PreInit=15 PreInitAck=16",
            string.Join(' ', Enum.GetValues<NatNegPacketType>().Select(t => $"{t}={(byte)t}")));
    }

    [Fact]
    public void Nat_type_mapping_scheme_and_state_numbers_are_the_sdk_numbers()
    {
        Assert.Equal("NoNat=0 FirewallOnly=1 FullCone=2 RestrictedCone=3 PortRestrictedCone=4 Symmetric=5 Unknown=6",
            string.Join(' ', Enum.GetValues<NatType>().Select(t => $"{t}={(uint)t}")));
        Assert.Equal("Unrecognized=0 PrivateAsPublic=1 ConsistentPort=2 Incremental=3 Mixed=4",
            string.Join(' ', Enum.GetValues<NatMappingScheme>().Select(t => $"{t}={(uint)t}")));
        Assert.Equal("WaitingForClient=0 WaitingForMatchup=1 Ready=2",
            string.Join(' ', Enum.GetValues<NatNegPreInitState>().Select(t => $"{t}={(byte)t}")));
        Assert.Equal("NoError=0 DeadbeatPartner=1 InitPacketsTimedOut=2",
            string.Join(' ', Enum.GetValues<NatNegFinished>().Select(t => $"{t}={(byte)t}")));
        Assert.Equal("GamePort=0 Nn1=1 Nn2=2 Nn3=3",
            string.Join(' ', Enum.GetValues<NatNegPortType>().Select(t => $"{t}={(byte)t}")));
    }

    [Fact]
    public void Ds_report_nat_type_is_read_little_endian()
    {
        var report = new NatNegReportPacket(new NatNegHeader(3, NatNegPacketType.Report, 1), NatNegWire.ReportSize,
            NatNegPortType.GamePort, 0, 1, 0x05000000, 0x02000000, "pokemondpds");

        var parsed = Assert.IsType<NatNegReportPacket>(NatNegParser.Parse(report.ToArray()).Packet);

        Assert.Equal(NatType.Symmetric, parsed.GetNatType(ConsoleByteOrder.LittleEndian));
        Assert.Equal(NatMappingScheme.ConsistentPort, parsed.GetMappingScheme(ConsoleByteOrder.LittleEndian));
        Assert.Equal("pokemondpds", parsed.GameName);
    }

    [Fact]
    public void Address_converts_to_and_from_socket_end_points()
    {
        var address = NatNegAddress.FromEndPoint(IPEndPoint.Parse("[::ffff:85.22.130.76]:60984"));

        Assert.Equal(new NatNegAddress(0x5516824C, 60984), address);
        Assert.Equal("85.22.130.76:60984", address.ToString());
        Assert.Equal(IPEndPoint.Parse("85.22.130.76:60984"), address.ToEndPoint());
        Assert.Throws<ArgumentException>(() => NatNegAddress.FromEndPoint(IPEndPoint.Parse("[2001:db8::1]:1")));
    }

    [Fact]
    public void Header_can_be_read_from_a_packet_the_parser_refuses()
    {
        var datagram = Convert.FromHexString("fdfc1e666ab2090012345678");

        Assert.Equal(NatNegRejectReason.UnsupportedVersion, NatNegParser.Parse(datagram).Reason);
        Assert.True(NatNegHeader.TryRead(datagram, out var header));
        Assert.Equal(new NatNegHeader(9, NatNegPacketType.Init, 0x12345678), header);
    }
}
