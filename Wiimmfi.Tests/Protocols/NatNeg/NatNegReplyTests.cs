using System.Net;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.Protocols.NatNeg;

public class NatNegReplyTests
{
    public static TheoryData<string> ReplyNames => NatNegVectors.AsTheoryData(NatNegVectors.ReplyNames());

    [Theory]
    [MemberData(nameof(ReplyNames))]
    public void Server_reply_matches_the_recorded_bytes(string name)
    {
        var vector = NatNegVectors.Get(name);
        var input = NatNegParser.Parse(Convert.FromHexString(vector.GetProperty("input_hex").GetString()!)).Packet!;

        NatNegPacket reply = input switch
        {
            NatNegInitPacket { Type: NatNegPacketType.Init } init => NatNegReplies.InitAck(init),
            NatNegReportPacket report => NatNegReplies.ReportAck(report),
            NatNegInitPacket { Type: NatNegPacketType.NatifyRequest } natify => NatNegReplies.ErtTest(natify),
            NatNegInitPacket { Type: NatNegPacketType.AddressCheck } check => NatNegReplies.AddressReply(
                check, NatNegAddress.FromEndPoint(IPEndPoint.Parse(vector.GetProperty("source_address").GetString()!))),
            NatNegPreInitPacket preInit => NatNegReplies.PreInitAck(preInit, NatNegPreInitState.Ready),
            _ => throw new InvalidOperationException($"no reply rule for {input.Type}"),
        };

        Assert.Equal(vector.GetProperty("expected_reply_hex").GetString(), Convert.ToHexString(reply.ToArray()).ToLowerInvariant());
    }

    [Fact]
    public void Paired_consoles_are_each_sent_the_partners_game_address()
    {
        var vector = NatNegVectors.Get("CONNECT_pair");
        var situation = vector.GetProperty("situation");
        var cookie = Convert.ToUInt32(situation.GetProperty("cookie_hex").GetString(), 16);
        NatNegAddress GamePortOf(string client) =>
            NatNegAddress.FromEndPoint(IPEndPoint.Parse(situation.GetProperty(client).GetProperty("gp_init_from").GetString()!));

        var toClient0 = NatNegReplies.Connect(3, cookie, GamePortOf("client1"));
        var toClient1 = NatNegReplies.Connect(3, cookie, GamePortOf("client0"));

        var expected = vector.GetProperty("expected");
        Assert.Equal(expected.GetProperty("to_client0_nn1_address").GetString(), Convert.ToHexString(toClient0.ToArray()).ToLowerInvariant());
        Assert.Equal(expected.GetProperty("to_client1_nn1_address").GetString(), Convert.ToHexString(toClient1.ToArray()).ToLowerInvariant());
    }

    [Fact]
    public void Deadbeat_connect_points_nowhere_and_says_why()
    {
        var packet = NatNegReplies.ConnectFailure(3, 0x3df10071, NatNegFinished.DeadbeatPartner);

        var parsed = Assert.IsType<NatNegConnectPacket>(NatNegParser.Parse(packet.ToArray()).Packet);
        Assert.Equal(NatNegAddress.None, parsed.RemoteAddress);
        Assert.Equal((byte)NatNegFinished.DeadbeatPartner, parsed.Finished);
        Assert.Equal(NatNegWire.ConnectSize, parsed.WireLength);
    }

    [Fact]
    public void Expired_session_report_ack_has_the_wiilink_body()
    {
        var packet = NatNegReplies.ReportAckForExpiredSession(3, 0x01020304, 1);

        Assert.Equal("FDFC1E666AB2030E01020304" + "000100000000060000", Convert.ToHexString(packet.ToArray()));
    }

    [Fact]
    public void Backup_test_is_echoed_as_backup_ack()
    {
        byte[] backupTest = [0xFD, 0xFC, 0x1E, 0x66, 0x6A, 0xB2, 3, 8, 0, 0, 0, 9, 0xAA, 0xBB];

        var test = Assert.IsType<NatNegOpaquePacket>(NatNegParser.Parse(backupTest).Packet);
        var ack = NatNegReplies.BackupAck(test).ToArray();

        var expected = (byte[])backupTest.Clone();
        expected[7] = (byte)NatNegPacketType.BackupAck;
        Assert.Equal(expected, ack);
    }

    [Fact]
    public void Init_ack_keeps_the_version_the_console_used()
    {
        var init = NatNegInitPacket.CreateInit(2, 42, NatNegPortType.Nn1, 1, true, NatNegAddress.None, "mariokartwii");

        var ack = NatNegReplies.InitAck(init);

        Assert.Equal(2, ack.Header.Version);
        Assert.Equal(NatNegPortType.Nn1, ack.PortType);
        Assert.Equal(1, ack.ClientIndex);
        Assert.Equal(21, ack.ToArray().Length);
    }

    [Fact]
    public void Console_emulator_packets_round_trip()
    {
        var ertTest = NatNegInitPacket.CreateInit(3, 777, NatNegPortType.Nn2, 0, false, NatNegAddress.None, "")
            with { Header = new NatNegHeader(3, NatNegPacketType.ErtTest, 777), WireLength = NatNegWire.PaddedSize };
        var connectAck = NatNegReplies.ConnectAck(3, 5, 1);

        var ertAck = NatNegReplies.ErtAck(ertTest);

        Assert.Equal(ertAck, NatNegParser.Parse(ertAck.ToArray()).Packet);
        Assert.Equal(NatNegWire.PaddedSize, ertAck.ToArray().Length);
        Assert.Equal(connectAck, NatNegParser.Parse(connectAck.ToArray()).Packet);
    }
}
