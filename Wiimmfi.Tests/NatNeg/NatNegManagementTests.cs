using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>NATNEG in a complete node, and what operators see of it.</summary>
public sealed class NatNegManagementTests
{
    [Fact]
    public async Task A_default_node_serves_NATNEG_and_GET_natneg_shows_its_counters_without_credentials()
    {
        await using var node = await TestNode.StartAsync();
        using var socket = new NatNegUdpSocket(IPAddress.Parse("127.0.0.70"));
        var check = new NatNegInitPacket(new NatNegHeader(3, NatNegPacketType.AddressCheck, 0), NatNegWire.PaddedSize, NatNegPortType.Nn1, 0, 0, NatNegAddress.None, "");
        await socket.SendAsync(check, node.Endpoint("natneg"));
        await socket.ReceiveAsync(TimeSpan.FromSeconds(15));

        var report = await node.Management.GetFromJsonAsync<JsonElement>("natneg");

        Assert.Equal(0, report.GetProperty("openNegotiations").GetInt32());
        Assert.Equal(10_000, report.GetProperty("maxOpenNegotiations").GetInt32());
        Assert.Equal(1, report.GetProperty("natDetection").GetProperty("addressChecks").GetInt64());
        Assert.Equal(20, report.GetProperty("replyDelayMs").GetInt64());
        var sockets = report.GetProperty("sockets");
        Assert.Equal(1, sockets.GetArrayLength());
        Assert.Equal("natneg", sockets[0].GetProperty("name").GetString());
        Assert.Equal(500, sockets[0].GetProperty("queueCapacity").GetInt32());
    }

    [Fact]
    public async Task Malformed_and_ignored_packets_appear_by_reason()
    {
        await using var node = await NatNegNode.StartAsync();
        using var socket = new NatNegUdpSocket(IPAddress.Parse("127.0.0.71"));
        await socket.SendAsync(new byte[] { 1, 2, 3 }, node.Servers.Natneg1);
        await socket.SendAsync(NatNegReplies.Connect(3, 9, default), node.Servers.Natneg1);
        await Awaiting.ConditionAsync(() => node.Metrics.MalformedTotal == 1 && node.Metrics.IgnoredTotal == 1);

        var report = await node.ReportAsync();

        Assert.Equal(1, report.GetProperty("malformedByReason").GetProperty("too_short").GetInt64());
        Assert.Equal(1, report.GetProperty("ignoredByReason").GetProperty("not_for_server").GetInt64());
    }
}
