using System.Net;
using System.Text.Json;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.ConsoleEmulator.Qr2;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Protocols.ServerBrowser;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>
/// MASTER and MS of a whole node, driven by emulated consoles over real loopback sockets: hosts report over QR2
/// and answer their challenge, other consoles search with the server browser (decrypting with the game's key)
/// and send hosts messages that arrive on their QR2 sockets.
/// </summary>
public sealed class MatchmakingEndToEndTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_host_registers_over_QR2_and_a_second_console_lists_it_with_its_keys()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001, numPlayers: 3));
        Assert.Equal((0x7F000001u, (ushort)host.LocalEndPoint.Port), (host.LearnedPublicIp, host.LearnedPublicPort));

        await using var browser = await node.BrowseAsync();
        var reply = await browser.ListAsync(MkwHosts.SearchFilter(2002));

        Assert.Null(reply.Error);
        Assert.Equal(0x7F000001u, reply.ClientIp);
        Assert.Equal(MatchmakingNode.SearchFields, reply.Keys.Select(k => k.Name));
        var server = Assert.Single(reply.Servers);
        Assert.Equal((0x7F000001u, (ushort)host.LocalEndPoint.Port), (server.Entry.PublicIp, server.Entry.PublicPort));
        Assert.Equal(SbServerEntry.DwcHostFlags(natNegotiate: true), server.Entry.Flags);
        Assert.Equal(["1001", "0", "2", "0", "vs", "5000", "3", "11"], server.Values);
        // Same public IP as the searcher: the private address (localip0, localport) is shown.
        Assert.Equal((0x7F000001u, (ushort)host.LocalEndPoint.Port), (server.Entry.PrivateIp, server.Entry.PrivatePort));
    }

    [Fact]
    public async Task Searches_with_and_without_filters_return_exactly_the_matching_hosts()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var open = await node.RegisteredHostAsync(MkwHosts.Keys(1001, rk: "vs", ev: 5000));
        await using var racing = await node.RegisteredHostAsync(MkwHosts.Keys(1002, rk: "vs", ev: 5100, suspend: 1));
        await using var battle = await node.RegisteredHostAsync(MkwHosts.Keys(1003, rk: "bt", ev: 5000));
        await using var strong = await node.RegisteredHostAsync(MkwHosts.Keys(1004, rk: "vs", ev: 9000));
        await using var browser = await node.BrowseAsync();

        Assert.Equal(MatchmakingNode.Ports(open), (await browser.ListAsync(MkwHosts.SearchFilter(2002))).Ports());
        Assert.Equal(MatchmakingNode.Ports(open, racing, strong), (await browser.ListAsync("rk = 'vs'")).Ports());
        Assert.Equal(MatchmakingNode.Ports(open, racing, battle, strong), (await browser.ListAsync("", maxResults: null)).Ports());
        Assert.Equal(MatchmakingNode.Ports(racing), (await browser.ListAsync("dwc_pid = 1002")).Ports());
        Assert.Equal(MatchmakingNode.Ports(battle, strong), (await browser.ListAsync("rk = 'bt' or ev > 8000")).Ports());
        Assert.Empty((await browser.ListAsync("rk = 'vs_3'")).Servers);
        Assert.Equal(2, (await browser.ListAsync("", maxResults: 2)).Servers.Count);
    }

    [Fact]
    public async Task A_list_returns_the_requested_keys_but_never_address_keys()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var browser = await node.BrowseAsync();

        var reply = await browser.ListAsync("", fields: ["publicip", "dwc_pid", "localip0", "localport", "nosuchkey", "publicport"]);

        Assert.Equal(["dwc_pid", "nosuchkey"], reply.Keys.Select(k => k.Name));
        Assert.Equal(["1001", ""], Assert.Single(reply.Servers).Values);
    }

    [Fact]
    public async Task A_message_sent_through_the_server_browser_arrives_on_the_host_QR2_socket()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var guest = await node.RegisteredHostAsync(MkwHosts.Keys(1002, hostState: 0));
        await using var browser = await node.BrowseAsync();
        var target = Assert.Single((await browser.ListAsync(MkwHosts.SearchFilter(1002))).Servers).Entry;

        var cookie = Qr2NatNegCookieMessage.Create(0x12340001);
        await browser.SendMessageAsync(target.PublicIp, target.PublicPort, cookie);
        Assert.Equal(cookie, await host.ReceiveClientMessageAsync(Short));

        // A match command from the guest, naming its own QR2 address as DWC does.
        var resvWait = MatchCommandCodec.Create(new MatchCommandHeader(MatchCommandPlatform.Wii, 90, MatchCommandType.ResvWait, 0,
            guest.LearnedPublicPort, guest.LearnedPublicIp, 1002), []);
        await browser.SendMessageAsync(target.PublicIp, target.PublicPort, resvWait);
        Assert.Equal(resvWait, await host.ReceiveClientMessageAsync(Short));

        await node.CountedAsync(MatchmakingCounter.RelaysDelivered, 2);
        Assert.Equal(0, node.Metrics()[MatchmakingCounter.RelaysFailed]);
    }

    [Fact]
    public async Task A_host_that_does_not_acknowledge_gets_the_message_again_until_the_relay_gives_up()
    {
        await using var node = await MatchmakingNode.StartAsync(o => o with
        {
            Master = o.Master with { RelayRetryInterval = TimeSpan.FromMilliseconds(200), RelayMaxAttempts = 3 },
        });
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        host.AcknowledgeClientMessages = false;
        await using var browser = await node.BrowseAsync();
        var target = Assert.Single((await browser.ListAsync("")).Servers).Entry;

        await browser.SendMessageAsync(target.PublicIp, target.PublicPort, Qr2NatNegCookieMessage.Create(7));

        await node.CountedAsync(MatchmakingCounter.RelaysFailed);
        Assert.Equal(3, host.ClientMessageCopiesReceived);
    }

    [Fact]
    public async Task A_host_that_stops_reporting_disappears_from_searches()
    {
        await using var node = await MatchmakingNode.StartAsync(o => o with
        {
            Master = o.Master with { ServerExpiry = TimeSpan.FromSeconds(1) },
        });
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var browser = await node.BrowseAsync();
        Assert.Single((await browser.ListAsync("")).Servers);

        await node.CountedAsync(MatchmakingCounter.Qr2HostsExpired);

        Assert.Empty((await browser.ListAsync("")).Servers);
    }

    [Fact]
    public async Task A_shutdown_heartbeat_takes_the_host_out_of_searches_at_once()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await host.ShutdownAsync();
        await node.CountedAsync(MatchmakingCounter.Qr2HostsShutDown);

        await using var browser = await node.BrowseAsync();
        Assert.Empty((await browser.ListAsync("")).Servers);
    }

    [Fact]
    public async Task A_console_with_a_wrong_challenge_response_is_never_listed()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var cheater = new Qr2Console(node.Endpoint("master"), MkwHosts.Game, "wrong!") { AnswerChallengesCorrectly = true };
        await cheater.SendHeartbeatAsync(MkwHosts.Keys(1001), Qr2StateChange.Initial);
        await node.CountedAsync(MatchmakingCounter.Qr2ChallengeFailures);
        await cheater.SendHeartbeatAsync(MkwHosts.Keys(1001), Qr2StateChange.Initial);
        await node.CountedAsync(MatchmakingCounter.Qr2ChallengeFailures, 2);

        await using var browser = await node.BrowseAsync();
        Assert.Empty((await browser.ListAsync("")).Servers);
        Assert.False(cheater.WhenRegistered.IsCompleted);
        Assert.Equal(2, cheater.ChallengesReceived);
    }

    [Fact]
    public async Task One_connection_serves_several_requests_and_keeps_one_cipher_stream()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var browser = await node.BrowseAsync();

        var setup = await browser.ListAsync(MkwHosts.Game, MkwHosts.Game, MkwHosts.SecretKey, "", [], options: SbListOptions.NoServerList);
        Assert.Equal((0x7F000001u, SbListReplyWriter.StandardQueryPort), (setup.ClientIp, setup.DefaultPort));
        Assert.Empty(setup.Keys);

        var entry = Assert.Single((await browser.ListAsync(MkwHosts.SearchFilter(2))).Servers).Entry;
        var info = await browser.ServerInfoAsync(entry.PublicIp, entry.PublicPort);
        Assert.Contains(new KeyValuePair<string, string>("dwc_pid", "1001"), info.Rules);
        Assert.DoesNotContain(info.Rules, r => Qr2KeyNames.IsAddressKey(r.Key));
        Assert.Empty((await browser.ListAsync("dwc_pid = 1002")).Servers);

        await browser.SendMessageAsync(entry.PublicIp, entry.PublicPort, Qr2NatNegCookieMessage.Create(3));
        Assert.Equal(Qr2NatNegCookieMessage.Create(3), await host.ReceiveClientMessageAsync(Short));
        Assert.Single((await browser.ListAsync("dwc_pid = 1001")).Servers);
    }

    [Fact]
    public async Task A_quiet_connection_gets_keep_alives_that_the_console_echoes()
    {
        await using var node = await MatchmakingNode.StartAsync(o => o with
        {
            Ms = o.Ms with { KeepAliveInterval = TimeSpan.FromMilliseconds(300), IdleTimeout = TimeSpan.FromSeconds(60) },
        });
        await using var browser = await node.BrowseAsync();
        Assert.Empty((await browser.ListAsync("")).Servers);

        for (int i = 0; i < 2; i++)
        {
            var (type, payload) = await browser.ReadAdHocAsync();
            Assert.Equal(SbAdHocMessageType.KeepAlive, type);
            await browser.EchoKeepAliveAsync(payload);
        }
        await node.CountedAsync(MatchmakingCounter.MsKeepAlivesSent, 2);
        Assert.Equal(0, node.Metrics()[MatchmakingCounter.MsMalformedRequests]);
    }

    [Fact]
    public async Task A_connection_on_which_the_console_sends_nothing_is_closed_after_the_idle_timeout()
    {
        await using var node = await MatchmakingNode.StartAsync(o => o with { Ms = o.Ms with { IdleTimeout = TimeSpan.FromMilliseconds(500) } });
        await using var browser = await node.BrowseAsync();
        Assert.True(await browser.WaitForCloseAsync(Short));
        await node.CountedAsync(MatchmakingCounter.MsIdleClosed);
    }

    [Fact]
    public async Task The_availability_check_answers_from_MASTER_for_served_unknown_and_disabled_games()
    {
        await using var node = await MatchmakingNode.StartAsync();
        var master = node.Endpoint("master");
        Assert.Equal(Qr2AvailabilityStatus.Available, await Qr2Console.CheckAvailabilityAsync(master, MkwHosts.Game, Short));
        Assert.Equal(Qr2AvailabilityStatus.Unavailable, await Qr2Console.CheckAvailabilityAsync(master, "nosuchgame", Short));
        Assert.Equal(Qr2AvailabilityStatus.TemporarilyUnavailable, await Qr2Console.CheckAvailabilityAsync(master, "switchedoff", Short));
    }

    [Fact]
    public async Task Heartbeats_for_an_unknown_or_disabled_game_are_refused_with_an_error()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var stranger = new Qr2Console(node.Endpoint("master"), "nosuchgame", "abcdef");
        await stranger.SendHeartbeatAsync([], Qr2StateChange.Initial);
        var error = await stranger.ReceiveAsync<Qr2AddErrorPacket>(Short);
        Assert.Equal((stranger.InstanceKey, (byte)1, "Unknown game"), (error!.InstanceKey, error.Code, error.Message));

        await using var disabled = new Qr2Console(node.Endpoint("master"), "switchedoff", "AbCdEf");
        await disabled.SendHeartbeatAsync([], Qr2StateChange.Initial);
        Assert.Equal("Game is disabled", (await disabled.ReceiveAsync<Qr2AddErrorPacket>(Short))!.Message);
        Assert.Equal(2, node.Metrics()[MatchmakingCounter.Qr2UnknownGames]);
    }

    [Fact]
    public async Task Games_have_separate_tables()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var wii = await node.RegisteredHostAsync(MkwHosts.Keys(1001));
        await using var ds = await node.RegisteredHostAsync(MkwHosts.Keys(1002), "mariokartds", "yeJ3x8");
        await using var browser = await node.BrowseAsync();

        var dsList = await browser.ListAsync("mariokartds", "mariokartds", "yeJ3x8", "", ["dwc_pid"]);

        Assert.Equal(["1002"], Assert.Single(dsList.Servers).Values);
    }

    [Fact]
    public async Task The_management_route_shows_a_table_without_secrets_or_addresses_in_keys()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var host = await node.RegisteredHostAsync(MkwHosts.Keys(1001));

        var text = await node.Management.GetStringAsync("matchmaking/mariokartwii");

        using var json = JsonDocument.Parse(text);
        var entry = Assert.Single(json.RootElement.GetProperty("hosts").EnumerateArray());
        Assert.Equal($"127.0.0.1:{host.LocalEndPoint.Port}", entry.GetProperty("address").GetString());
        Assert.True(entry.GetProperty("authenticated").GetBoolean());
        Assert.Equal("1001", entry.GetProperty("keys").GetProperty("dwc_pid").GetString());
        Assert.True(entry.GetProperty("ageSeconds").GetDouble() >= 0);
        Assert.DoesNotContain(MkwHosts.SecretKey, text);
        Assert.DoesNotContain("localip0", text);
        Assert.DoesNotContain("publicip", text);

        Assert.Equal(HttpStatusCode.NotFound, (await node.Management.GetAsync("matchmaking/nosuchgame")).StatusCode);
        using var overview = JsonDocument.Parse(await node.Management.GetStringAsync("matchmaking"));
        Assert.Contains(overview.RootElement.GetProperty("tables").EnumerateArray(), t => t.GetString() == "mariokartwii");
        Assert.True(overview.RootElement.GetProperty("counters").GetProperty("qr2_hosts_authenticated").GetInt64() >= 1);
    }
}
