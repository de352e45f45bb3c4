using System.Diagnostics;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>The replies that pair consoles leave late, by the configured delay; the acknowledgements do not.</summary>
public sealed class NatNegReplyDelayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task CONNECT_arrives_no_earlier_than_the_configured_delay_after_the_INIT_that_completes_the_pair()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        await using var node = await NatNegNode.StartAsync(o => o with { ReplyDelay = delay });
        var cookie = NatNegNode.NewCookie();
        using var a = new RawConsole(node.Servers, cookie, 0, "127.0.0.30");
        using var b = new RawConsole(node.Servers, cookie, 1, "127.0.0.31");
        await a.SendInitAsync(NatNegPortType.GamePort);
        await a.SendInitAsync(NatNegPortType.Nn1);
        await b.SendInitAsync(NatNegPortType.GamePort);
        await a.Negotiation.ReceiveAsync(NatNegPacketType.InitAck, Wait);
        await b.Game.ReceiveAsync(NatNegPacketType.InitAck, Wait);

        var sentAt = Stopwatch.GetTimestamp();
        await b.SendInitAsync(NatNegPortType.Nn1);
        var initAck = await b.Negotiation.ReceiveAsync(Wait);
        var connectToB = await b.Negotiation.ReceiveAsync(Wait);
        var connectToA = await a.Negotiation.ReceiveAsync(NatNegPacketType.Connect, Wait);

        Assert.Equal(NatNegPacketType.InitAck, initAck.Type); // the acknowledgement is not held back
        Assert.Equal(NatNegPacketType.Connect, connectToB.Type);
        Assert.True(Stopwatch.GetElapsedTime(sentAt, connectToB.ReceivedAt) >= delay, $"CONNECT after {Stopwatch.GetElapsedTime(sentAt, connectToB.ReceivedAt).TotalMilliseconds} ms");
        Assert.True(Stopwatch.GetElapsedTime(sentAt, connectToA.ReceivedAt) >= delay, $"CONNECT after {Stopwatch.GetElapsedTime(sentAt, connectToA.ReceivedAt).TotalMilliseconds} ms");
        Assert.Equal(2, node.Metrics.RepliesDelayed);
    }

    [Fact]
    public async Task A_full_reply_queue_sends_its_oldest_reply_early_instead_of_dropping_it()
    {
        // One slot and a long delay: the second CONNECT of the pairing pushes the first out early.
        await using var node = await NatNegNode.StartAsync(o => o with { ReplyDelay = TimeSpan.FromMilliseconds(500), ReplyQueueCapacity = 1 });
        var cookie = NatNegNode.NewCookie();
        using var a = new RawConsole(node.Servers, cookie, 0, "127.0.0.32");
        using var b = new RawConsole(node.Servers, cookie, 1, "127.0.0.33");
        foreach (var console in new[] { a, b })
        {
            await console.SendInitAsync(NatNegPortType.GamePort);
            await console.SendInitAsync(NatNegPortType.Nn1);
        }

        await a.Negotiation.ReceiveAsync(NatNegPacketType.Connect, Wait);
        await b.Negotiation.ReceiveAsync(NatNegPacketType.Connect, Wait);

        Assert.Equal(1, node.Metrics.RepliesSentEarly);
    }
}
