using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.ConsoleEmulator.ServerBrowser;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Protocols.ServerBrowser;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>
/// Hostile and broken input to MASTER and MS over real sockets: truncated and oversized datagrams, unknown packet
/// types, heartbeats for unknown games, hostile filters, broken framing. Each is ignored or answered as the
/// protocol allows, counted, and the node keeps serving real consoles afterwards.
/// </summary>
public sealed class MatchmakingBadInputTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(15);

    /// <summary>Sends <paramref name="datagrams"/> to MASTER from one socket, then an availability check from the same
    /// socket; returns the first datagram that comes back. MASTER handles a socket's datagrams in order, so if any
    /// garbage had been answered, that answer would come first.</summary>
    private static async Task<byte[]> FirstReplyAfterAsync(IPEndPoint master, IEnumerable<byte[]> datagrams)
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        foreach (var datagram in datagrams)
            await socket.SendAsync(datagram, master);
        await socket.SendAsync(Qr2ClientPacketWriter.AvailabilityCheck(MkwHosts.Game), master);
        using var deadline = new CancellationTokenSource(Short);
        return (await socket.ReceiveAsync(deadline.Token)).Buffer;
    }

    [Fact]
    public async Task Garbage_datagrams_are_counted_never_answered_and_the_server_keeps_serving()
    {
        await using var node = await MatchmakingNode.StartAsync();
        var random = new Random(1234);
        List<byte[]> garbage =
        [
            Array.Empty<byte>(),
            [0x03, 0x01],                                       // truncated header
            [0x42, 1, 2, 3, 4, 5, 6],                           // unknown type
            [0x0A, 1, 2, 3, 4],                                 // a server→client type
            [0x06, 1, 2, 3, 4, 0, 0, 0, 1],                     // a server→client type
            new byte[2000],                                     // over the SDK's 1,400 bytes
            [0x03, 1, 2, 3, 4, .. "localport\01\0"u8],          // heartbeat without a gamename
            [0x03, 1, 2, 3, 4, .. "gamename\0"u8],              // gamename without a value
            [0x03, 1, 2, 3, 4, .. "gamename\0mariokartwii\0"u8, .. new byte[] { 0, 0xFF, 0xFF }], // sections that lie
            [0x08, 9, 9, 9, 9],                                 // keep-alive from an address without a host
            [0x01, 9, 9, 9, 9, .. "response"u8],                // challenge response from nowhere
            [0x07, 9, 9, 9, 9],                                 // acknowledgement without its message key
            [0x09, 0, 0, 0, 0],                                 // availability check without a gamename
        ];
        for (int i = 0; i < 100; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            garbage.Add(bytes);
        }

        var reply = await FirstReplyAfterAsync(node.Endpoint("master"), garbage);

        Assert.Equal(Qr2ServerPacketWriter.AvailabilityReply(Qr2AvailabilityStatus.Available), reply);
        var metrics = node.Metrics();
        Assert.True(metrics[MatchmakingCounter.Qr2MalformedDatagrams] >= 7, $"malformed: {metrics[MatchmakingCounter.Qr2MalformedDatagrams]}");
        Assert.True(metrics[MatchmakingCounter.Qr2UnsupportedTypes] >= 2);
        // Answered by the table, which may still be reading its journal when the availability reply arrives.
        await Awaiting.ConditionAsync(() => metrics[MatchmakingCounter.Qr2UnknownHosts] >= 2, message: "unknown-host packets should be counted");

        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var browser = await node.BrowseAsync();
        Assert.Single((await browser.ListAsync("")).Servers);
    }

    [Fact]
    public async Task A_heartbeat_for_the_wrong_game_cannot_reach_another_games_table()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        // Same address, now claiming another game: the MKW entry goes, the DS table gets the newcomer.
        await host.SendRawAsync(MkwHosts.Heartbeat(new HostAddress(0x7F000001, (ushort)host.LocalEndPoint.Port), host.InstanceKey.Value,
            MkwHosts.Keys(1001), Qr2StateChange.Initial, game: "mariokartds"));
        await node.CountedAsync(MatchmakingCounter.Qr2HostsReplaced);

        await using var browser = await node.BrowseAsync();
        Assert.Empty((await browser.ListAsync("")).Servers);
    }

    [Fact]
    public async Task Hostile_filters_are_answered_with_an_empty_list_on_a_connection_that_stays_usable()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var browser = await node.BrowseAsync();
        string[] hostile =
        [
            "rk = 'vs",                                             // unterminated string
            "rk = = 'vs'",                                          // syntax
            new string('(', 200) + "1" + new string(')', 200),     // deep nesting
            string.Concat(Enumerable.Repeat("1|", 200)) + "1",     // too many tokens
            "rk = '" + new string('x', 300) + "'",                  // a long string
            "ev > 99999999999999999999999",                         // a number over 64 bits
            "ev / 0 = 1 or ev % 0 = 1",                             // division by zero is just false
            new string('a', 1500),                                  // over the SDK's filter length
            "\u00ff\u00fe\u0001",                                   // bytes that start no token
        ];

        foreach (var filter in hostile)
            Assert.Empty((await browser.ListAsync(filter)).Servers);

        Assert.Single((await browser.ListAsync(MkwHosts.SearchFilter(2))).Servers);
        Assert.True(node.Metrics()[MatchmakingCounter.MsFilterErrors] >= hostile.Length - 1);
    }

    [Fact]
    public async Task A_request_with_an_impossible_length_ends_the_connection()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var tooLong = await node.BrowseAsync();
        await tooLong.SendRawAsync(new byte[] { 0xFF, 0xFF, 0x00 });
        Assert.True(await tooLong.WaitForCloseAsync(Short));

        await using var tooShort = await node.BrowseAsync();
        await tooShort.SendRawAsync(new byte[] { 0x00, 0x01, 0x00 });
        Assert.True(await tooShort.WaitForCloseAsync(Short));
        await node.CountedAsync(MatchmakingCounter.MsMalformedRequests, 2);
    }

    [Fact]
    public async Task A_truncated_list_request_ends_the_connection_and_others_are_ignored()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var ignored = await node.BrowseAsync();
        await ignored.SendRawAsync(new byte[] { 0x00, 0x05, 0x05, 0, 0 });           // player search: not served
        await ignored.SendRawAsync(SbRequestWriter.SendMessage(0x7F000001, 1, [1])); // before any list: no game
        await node.CountedAsync(MatchmakingCounter.MsMalformedRequests, 2);
        Assert.Empty((await ignored.ListAsync("")).Servers);

        await using var truncated = await node.BrowseAsync();
        var request = SbRequestWriter.ServerList(MkwHosts.Game, MkwHosts.Game, "ABCDEFGH"u8, "", ["dwc_pid"], SbListOptions.None);
        var cut = request[..12];
        BinaryPrimitives.WriteUInt16BigEndian(cut, (ushort)cut.Length);
        await truncated.SendRawAsync(cut);
        Assert.True(await truncated.WaitForCloseAsync(Short));
    }

    [Fact]
    public async Task A_list_for_an_unknown_game_gets_the_protocol_error_and_an_unknown_key_game_closes()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var browser = await node.BrowseAsync();
        var reply = await browser.ListAsync("nosuchgame", MkwHosts.Game, MkwHosts.SecretKey, "", ["dwc_pid"]);
        Assert.Equal(SbListReplyWriter.ErrorPort, reply.DefaultPort);
        Assert.Equal("Unknown game", reply.Error);
        var disabled = await browser.ListAsync("switchedoff", MkwHosts.Game, MkwHosts.SecretKey, "", ["dwc_pid"]);
        Assert.Equal("Game is disabled", disabled.Error);

        await using var noKey = await node.BrowseAsync();
        await Assert.ThrowsAsync<IOException>(() => noKey.ListAsync(MkwHosts.Game, "nosuchgame", "abcdef", "", ["dwc_pid"]));
        Assert.Equal(3, node.Metrics()[MatchmakingCounter.MsUnknownGames]);
    }

    [Fact]
    public async Task Send_message_data_that_could_harm_a_console_is_not_relayed()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var browser = await node.BrowseAsync();
        var target = Assert.Single((await browser.ListAsync("")).Servers).Entry;

        var oversizeMatchCommand = new byte[0x14 + 0x90];
        new byte[] { 0xBB, 0x49, 0xCC, 0x4D, 90, 0, 0, 0, 0x02, 0x90 }.CopyTo(oversizeMatchCommand, 0);
        await browser.SendMessageAsync(target.PublicIp, target.PublicPort, oversizeMatchCommand);
        await browser.SendMessageAsync(target.PublicIp, target.PublicPort, Encoding.ASCII.GetBytes("hello console"));
        await browser.SendMessageAsync(0x01020304, 1234, Qr2NatNegCookieMessage.Create(1)); // nobody there

        await node.CountedAsync(MatchmakingCounter.RelaysRefused, 3);
        Assert.Equal(0, node.Metrics()[MatchmakingCounter.Qr2ClientMessagesSent]);
        Assert.Equal(0, host.ClientMessageCopiesReceived);
    }

    [Fact]
    public async Task Many_hostile_connections_do_not_disturb_a_real_search()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        var random = new Random(99);
        for (int i = 0; i < 20; i++)
        {
            await using var attacker = await ServerBrowserClient.ConnectAsync(node.Endpoint("ms"));
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            await attacker.SendRawAsync(bytes);
        }
        await using var browser = await node.BrowseAsync();
        Assert.Single((await browser.ListAsync(MkwHosts.SearchFilter(2))).Servers);
    }
}
