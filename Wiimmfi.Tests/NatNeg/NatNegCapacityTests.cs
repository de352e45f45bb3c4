using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>A flood of new cookies cannot hold more than the configured number of negotiations.</summary>
public sealed class NatNegCapacityTests
{
    [Fact]
    public async Task New_cookies_beyond_the_limit_are_refused_without_an_answer_and_counted()
    {
        const int limit = 20;
        const int flood = 300;
        await using var node = await NatNegNode.StartAsync(o => o with { MaxOpenNegotiations = limit, SessionTimeout = TimeSpan.FromMinutes(5) });
        using var socket = new NatNegUdpSocket(NatNegNode.Ip("127.0.0.50"));

        for (uint cookie = 1; cookie <= flood; cookie++)
            await socket.SendAsync(NatNegInitPacket.CreateInit(3, cookie, NatNegPortType.Nn1, 0, true, default, "mariokartwii"), node.Servers.Natneg1);

        await Awaiting.ConditionAsync(() => node.Metrics.Started + node.Metrics.Rejected == flood,
            TimeSpan.FromSeconds(30), $"only {node.Metrics.Started + node.Metrics.Rejected} of {flood} INITs were decided");
        Assert.Equal(limit, node.Metrics.Started);
        Assert.Equal(flood - limit, node.Metrics.Rejected);
        Assert.Equal(limit, node.NatNeg.Capacity.Open);
        // Refused cookies leave no entity behind, and only the open ones were acknowledged.
        await Awaiting.AssertAsync(() => Assert.Equal(limit, node.LiveNegotiationEntitiesAsync().GetAwaiter().GetResult()));
        await Awaiting.AssertAsync(() => Assert.Equal(limit, socket.CountReceived(NatNegPacketType.InitAck)));
        var report = await node.ReportAsync();
        Assert.Equal((limit, limit, flood - limit), (report.GetProperty("openNegotiations").GetInt32(), report.GetProperty("maxOpenNegotiations").GetInt32(), report.GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public async Task A_slot_comes_back_when_a_negotiation_closes()
    {
        await using var node = await NatNegNode.StartAsync(o => o with { MaxOpenNegotiations = 1, SessionTimeout = TimeSpan.FromMilliseconds(500) });
        using var socket = new NatNegUdpSocket(NatNegNode.Ip("127.0.0.51"));
        var first = NatNegInitPacket.CreateInit(3, 1001, NatNegPortType.Nn1, 0, true, default, "mariokartwii");
        var second = NatNegInitPacket.CreateInit(3, 1002, NatNegPortType.Nn1, 0, true, default, "mariokartwii");

        await socket.SendAsync(first, node.Servers.Natneg1);
        await socket.ReceiveAsync(NatNegPacketType.InitAck, TimeSpan.FromSeconds(15));
        await socket.SendAsync(second, node.Servers.Natneg1);
        await Awaiting.ConditionAsync(() => node.Metrics.Rejected == 1);

        await Awaiting.ConditionAsync(() => node.Metrics.TimedOut == 1 && node.NatNeg.Capacity.Open == 0);
        await socket.SendAsync(second, node.Servers.Natneg1);

        var ack = await socket.ReceiveAsync(NatNegPacketType.InitAck, TimeSpan.FromSeconds(15));
        Assert.Equal(1002u, ack.Packet!.Cookie);
    }
}
