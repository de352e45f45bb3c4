using System.Net;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>The packet types outside the INIT/CONNECT/REPORT exchange, over real sockets.</summary>
public sealed class NatNegOtherPacketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static NatNegPreInitPacket PreInit(uint cookie, byte index, uint clientId) =>
        new(new NatNegHeader(4, NatNegPacketType.PreInit, cookie), NatNegWire.PreInitSize, index, 0, clientId);

    [Fact]
    public async Task Two_version_4_consoles_are_told_ready_once_both_sent_PREINIT()
    {
        await using var node = await NatNegNode.StartAsync();
        var cookie = NatNegNode.NewCookie();
        using var first = new NatNegUdpSocket(IPAddress.Parse("127.0.0.80"));
        using var second = new NatNegUdpSocket(IPAddress.Parse("127.0.0.81"));

        await first.SendAsync(PreInit(cookie, 0, 0xB5E0952A), node.Servers.Natneg1);
        var waiting = Assert.IsType<NatNegPreInitPacket>((await first.ReceiveAsync(Wait)).Packet);
        await second.SendAsync(PreInit(cookie, 1, 0x01020304), node.Servers.Natneg1);
        var readySecond = Assert.IsType<NatNegPreInitPacket>((await second.ReceiveAsync(Wait)).Packet);
        var readyFirst = Assert.IsType<NatNegPreInitPacket>((await first.ReceiveAsync(Wait)).Packet);

        Assert.Equal((NatNegPacketType.PreInitAck, (byte)NatNegPreInitState.WaitingForClient), (waiting.Type, waiting.State));
        Assert.Equal(((byte)NatNegPreInitState.Ready, (byte)1, 0x01020304u), (readySecond.State, readySecond.ClientIndex, readySecond.ClientId));
        Assert.Equal(((byte)NatNegPreInitState.Ready, (byte)0, 0xB5E0952Au, (byte)4), (readyFirst.State, readyFirst.ClientIndex, readyFirst.ClientId, readyFirst.Header.Version));
    }

    [Fact]
    public async Task BACKUP_TEST_is_echoed_as_BACKUP_ACK()
    {
        await using var node = await NatNegNode.StartAsync();
        using var socket = new NatNegUdpSocket(IPAddress.Parse("127.0.0.82"));
        var body = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

        await socket.SendAsync(new NatNegOpaquePacket(new NatNegHeader(3, NatNegPacketType.BackupTest, 42), body), node.Servers.Natneg1);
        var reply = await socket.ReceiveAsync(Wait);

        var ack = Assert.IsType<NatNegOpaquePacket>(reply.Packet);
        Assert.Equal((NatNegPacketType.BackupAck, 42u), (ack.Type, ack.Cookie));
        Assert.Equal(body, ack.Body.ToArray());
        Assert.Equal(1, node.Metrics.BackupTests);
    }
}
