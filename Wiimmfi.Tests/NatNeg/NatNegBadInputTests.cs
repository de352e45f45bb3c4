using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>What the server does with datagrams it must not act on: nothing, except count them.</summary>
public sealed class NatNegBadInputTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static byte[] AddressCheck(uint cookie) =>
        new NatNegInitPacket(new NatNegHeader(3, NatNegPacketType.AddressCheck, cookie), NatNegWire.PaddedSize, NatNegPortType.Nn1, 0, 0, NatNegAddress.None, "").ToArray();

    [Fact]
    public async Task A_foreign_magic_an_unknown_version_or_a_short_datagram_gets_no_answer_and_is_counted()
    {
        await using var node = await NatNegNode.StartAsync();
        using var socket = new NatNegUdpSocket(NatNegNode.Ip("127.0.0.40"));
        var init = NatNegInitPacket.CreateInit(3, NatNegNode.NewCookie(), NatNegPortType.Nn1, 0, true, default, "mariokartwii").ToArray();
        var foreignMagic = (byte[])init.Clone();
        foreignMagic[0] = 0xFE;
        var version9 = (byte[])init.Clone();
        version9[6] = 9;

        await socket.SendAsync(foreignMagic, node.Servers.Natneg1);
        await socket.SendAsync(version9, node.Servers.Natneg1);
        await socket.SendAsync(init.AsMemory(0, 5), node.Servers.Natneg1);
        await socket.SendAsync(AddressCheck(7), node.Servers.Natneg1);

        // The valid probe is answered (the socket is alive), and nothing else comes.
        var reply = await socket.ReceiveAsync(Wait);
        Assert.Equal(NatNegPacketType.AddressReply, reply.Type);
        Assert.Null(await socket.TryReceiveAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, node.Metrics.MalformedCount(NatNegRejectReason.BadMagic));
        Assert.Equal(1, node.Metrics.MalformedCount(NatNegRejectReason.UnsupportedVersion));
        Assert.Equal(1, node.Metrics.MalformedCount(NatNegRejectReason.TooShort));
        Assert.Equal(0, node.Metrics.Started);
    }

    [Fact]
    public async Task Server_to_client_packets_sent_to_the_server_are_ignored_and_counted()
    {
        await using var node = await NatNegNode.StartAsync();
        using var socket = new NatNegUdpSocket(NatNegNode.Ip("127.0.0.41"));

        await socket.SendAsync(NatNegReplies.Connect(3, 5, new NatNegAddress(0x7F000001, 1)), node.Servers.Natneg1);
        await socket.SendAsync(new NatNegOpaquePacket(new NatNegHeader(3, NatNegPacketType.StateUpdate, 5), new byte[4]), node.Servers.Natneg1);

        await Awaiting.AssertAsync(() => Assert.Equal(2, node.Metrics.IgnoredTotal));
        Assert.Equal(1, node.Metrics.IgnoredCount(Wiimmfi.Actors.NatNeg.NatNegIgnoredReason.NotForServer));
        Assert.Equal(1, node.Metrics.IgnoredCount(Wiimmfi.Actors.NatNeg.NatNegIgnoredReason.StateUpdate));
        Assert.Null(await socket.TryReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_REPORT_for_a_cookie_the_server_does_not_know_is_still_acknowledged_and_opens_nothing()
    {
        await using var node = await NatNegNode.StartAsync();
        using var console = new RawConsole(node.Servers, NatNegNode.NewCookie(), 0, "127.0.0.42");

        await console.SendReportAsync(success: false);

        var ack = await console.Negotiation.ReceiveAsync(Wait);
        var reportAck = Assert.IsType<NatNegReportPacket>(ack.Packet);
        Assert.Equal((NatNegPacketType.ReportAck, 21, console.Cookie), (reportAck.Type, ack.Bytes.Length, reportAck.Cookie));
        await Awaiting.AssertAsync(() => Assert.Equal(1, node.Metrics.IgnoredCount(Wiimmfi.Actors.NatNeg.NatNegIgnoredReason.NoNegotiation)));
        await node.AwaitAllClosedAsync();
        Assert.Equal(0, node.Metrics.Started);
    }

    [Fact]
    public async Task An_INIT_with_another_version_inside_an_open_negotiation_is_not_acknowledged()
    {
        await using var node = await NatNegNode.StartAsync();
        var cookie = NatNegNode.NewCookie();
        using var v3 = new RawConsole(node.Servers, cookie, 0, "127.0.0.43", version: 3);
        using var v4 = new RawConsole(node.Servers, cookie, 1, "127.0.0.44", version: 4);

        await v3.SendInitAsync(NatNegPortType.Nn1);
        await v3.Negotiation.ReceiveAsync(NatNegPacketType.InitAck, Wait);
        await v4.SendInitAsync(NatNegPortType.Nn1);

        await Awaiting.AssertAsync(() => Assert.Equal(1, node.Metrics.IgnoredCount(Wiimmfi.Actors.NatNeg.NatNegIgnoredReason.VersionMismatch)));
        Assert.Null(await v4.Negotiation.TryReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }
}
