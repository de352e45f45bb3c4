using System.Diagnostics;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>Negotiations end to end: a node with three NATNEG sockets and consoles on real loopback UDP.</summary>
public sealed class NatNegNegotiationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly string[] ThreeAddresses = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];

    [Fact]
    public async Task Two_consoles_with_one_cookie_are_told_each_others_game_address_and_reach_each_other()
    {
        await using var node = await NatNegNode.StartAsync(null, ThreeAddresses);
        var cookie = NatNegNode.NewCookie();
        using var a = new NatNegConsole(node.Servers, new NatNegConsoleOptions { Cookie = cookie, ClientIndex = 0, LocalAddress = NatNegNode.Ip("127.0.0.10") });
        using var b = new NatNegConsole(node.Servers, new NatNegConsoleOptions { Cookie = cookie, ClientIndex = 1, LocalAddress = NatNegNode.Ip("127.0.0.11") });

        var results = await Task.WhenAll(a.NegotiateAsync(), b.NegotiateAsync()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, r => Assert.Equal(NatNegConsoleOutcome.Success, r.Outcome));
        Assert.Equal(NatNegAddress.FromEndPoint(b.GameEndPoint), results[0].ToldPeerAddress);
        Assert.Equal(NatNegAddress.FromEndPoint(a.GameEndPoint), results[1].ToldPeerAddress);
        Assert.Equal(b.GameEndPoint, results[0].PeerEndPoint);
        Assert.All(results, r => Assert.True(r.ReportAcknowledged));
        // Each INIT was acknowledged by the socket it was sent to: natneg2 and natneg3 are separate sockets.
        Assert.Contains(a.Received, d => d.Packet is NatNegInitPacket { Type: NatNegPacketType.InitAck, PortType: NatNegPortType.Nn3 } && d.From.Equals(node.Servers.Natneg3));
        Assert.Contains(a.Received, d => d.Packet is NatNegInitPacket { Type: NatNegPacketType.InitAck, PortType: NatNegPortType.Nn2 } && d.From.Equals(node.Servers.Natneg2));

        await node.AwaitAllClosedAsync();
        Assert.Equal((1L, 1L, 0L, 0L), (node.Metrics.Started, node.Metrics.Completed, node.Metrics.TimedOut, node.Metrics.Rejected));
        Assert.Equal(2, node.Metrics.ReportsSucceeded);
    }

    [Fact]
    public async Task A_lone_console_is_told_its_partner_never_came_and_the_negotiation_closes_cleanly()
    {
        await using var node = await NatNegNode.StartAsync(o => o with { SessionTimeout = TimeSpan.FromSeconds(1) }, ThreeAddresses);
        using var lone = new NatNegConsole(node.Servers, new NatNegConsoleOptions { Cookie = NatNegNode.NewCookie(), ClientIndex = 1, LocalAddress = NatNegNode.Ip("127.0.0.12") });

        var result = await lone.NegotiateAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(NatNegConsoleOutcome.DeadbeatPartner, result.Outcome);
        Assert.Equal(NatNegFinished.DeadbeatPartner, result.ServerFinishCode); // told by the server, not its own 60 s wait
        Assert.Null(result.ToldPeerAddress);
        await node.AwaitAllClosedAsync();
        Assert.Equal((1L, 0L, 1L), (node.Metrics.Started, node.Metrics.Completed, node.Metrics.TimedOut));
    }

    [Fact]
    public async Task Duplicated_and_reordered_packets_still_make_one_negotiation_that_pairs_the_right_addresses()
    {
        await using var node = await NatNegNode.StartAsync(null, ThreeAddresses);
        var cookie = NatNegNode.NewCookie();
        using var a = new RawConsole(node.Servers, cookie, 0, "127.0.0.20");
        using var b = new RawConsole(node.Servers, cookie, 1, "127.0.0.21");

        // The host's INITs first, the game-port INITs last, everything from the negotiation socket twice.
        await b.SendInitAsync(NatNegPortType.Nn3);
        await b.SendInitAsync(NatNegPortType.Nn3);
        await a.SendInitAsync(NatNegPortType.Nn2);
        await b.SendInitAsync(NatNegPortType.Nn1);
        await a.SendInitAsync(NatNegPortType.Nn3);
        await a.SendInitAsync(NatNegPortType.Nn1);
        await a.SendInitAsync(NatNegPortType.Nn1);
        await b.SendInitAsync(NatNegPortType.Nn2);
        await b.SendInitAsync(NatNegPortType.GamePort);
        await a.SendInitAsync(NatNegPortType.GamePort);
        await a.SendInitAsync(NatNegPortType.GamePort);

        var connectToA = await a.Negotiation.ReceiveAsync(NatNegPacketType.Connect, Wait);
        var connectToB = await b.Negotiation.ReceiveAsync(NatNegPacketType.Connect, Wait);
        Assert.Equal(b.GameAddress, ((NatNegConnectPacket)connectToA.Packet!).RemoteAddress);
        Assert.Equal(a.GameAddress, ((NatNegConnectPacket)connectToB.Packet!).RemoteAddress);

        // Acknowledged twice each, reported twice each (as if every REPORT_ACK had been lost once).
        await b.SendConnectAckAsync(connectToB.From);
        await a.SendConnectAckAsync(connectToA.From);
        await b.SendConnectAckAsync(connectToB.From);
        await a.SendConnectAckAsync(connectToA.From);
        foreach (var console in new[] { b, a, b, a }) await console.SendReportAsync(success: true);

        for (var i = 0; i < 2; i++)
        {
            await a.Negotiation.ReceiveAsync(NatNegPacketType.ReportAck, Wait);
            await b.Negotiation.ReceiveAsync(NatNegPacketType.ReportAck, Wait);
        }
        await node.AwaitAllClosedAsync();
        Assert.Equal((1L, 1L, 0L), (node.Metrics.Started, node.Metrics.Completed, node.Metrics.TimedOut));
        Assert.Equal(2, node.Metrics.ReportsSucceeded);
        // Every INIT, duplicates included, had its INITACK, on the socket that sent it.
        await Awaiting.AssertAsync(() =>
        {
            Assert.Equal((4, 2), (a.Negotiation.CountReceived(NatNegPacketType.InitAck), a.Game.CountReceived(NatNegPacketType.InitAck)));
            Assert.Equal((4, 1), (b.Negotiation.CountReceived(NatNegPacketType.InitAck), b.Game.CountReceived(NatNegPacketType.InitAck)));
        });
    }
}
