using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>
/// The matchmaking table as an actor, driven the way the QR2 front-end and the server browser drive it, on a
/// manual clock: the test probe plays the front-end and receives what the table asks it to send.
/// </summary>
public sealed class MatchmakingTableTests : IAsyncLifetime
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ChallengeTimeout = TimeSpan.FromSeconds(30);
    private static readonly HostAddress Host1 = new(0x5516_824C, 50001); // 85.22.130.76
    private static readonly HostAddress Host2 = new(0x0A000002, 50002);
    private static readonly HostAddress Host3 = new(0x0A000003, 50003);

    private readonly ManualTimeProvider _clock = new();
    private readonly ActorSystemFixture _kit;
    private readonly TestProbe _frontend;
    private readonly MatchmakingMetrics _metrics = new();
    private MatchmakingSettings _settings = new()
    {
        ServerExpiry = Expiry,
        ChallengeTimeout = ChallengeTimeout,
        RelayRetryInterval = TimeSpan.FromSeconds(1),
        RelayMaxAttempts = 3,
    };
    private IActorRef _table = ActorRefs.Nobody;
    private readonly Durability.TemporaryPersistence _persistence;

    public MatchmakingTableTests()
    {
        _kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = _clock });
        _persistence = Durability.TemporaryPersistence.Start(_kit.System);
        _frontend = _kit.CreateTestProbe("qr2");
    }

    public Task InitializeAsync()
    {
        _table = StartTable(_settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _kit.DisposeAsync();
        await _persistence.DisposeAsync();
    }

    // Each table its own journal stream: some tests run a second table of the game beside the first.
    private IActorRef StartTable(MatchmakingSettings settings, string name = "table") =>
        _kit.System.ActorOf(MatchmakingTable.Props(MkwHosts.Game, settings, MkwHosts.Games(), _metrics, "matchmaking-test-" + name), name);

    private void Heartbeat(HostAddress host, uint instanceKey, IEnumerable<KeyValuePair<string, string>> keys,
        Qr2StateChange state = Qr2StateChange.Periodic) =>
        _frontend.Send(_table, new Qr2HeartbeatReceived(MkwHosts.Game, host, MkwHosts.Heartbeat(host, instanceKey, keys, state)));

    /// <summary>Registers a host the way a console does and consumes the table's answers.</summary>
    private async Task RegisterAsync(HostAddress host, uint instanceKey, List<KeyValuePair<string, string>> keys)
    {
        Heartbeat(host, instanceKey, keys, Qr2StateChange.Initial);
        var challenge = await _frontend.ExpectMsgAsync<Qr2SendChallenge>(c => c.Address == host);
        _frontend.Send(_table, new Qr2ChallengeAnswered(MkwHosts.Game, host, instanceKey,
            Qr2ChallengeAlgorithm.ComputeResponse(MkwHosts.SecretKey, challenge.Challenge)));
        await _frontend.ExpectMsgAsync<Qr2SendClientRegistered>(r => r.Address == host && r.InstanceKey == instanceKey);
    }

    private Task<FoundHosts> FindAsync(string filter, int max = 100, uint requesterIp = 0x7F000001, params string[] fields) =>
        _table.Ask<FoundHosts>(new FindHosts(MkwHosts.Game, filter, fields, max, requesterIp));

    private static List<HostAddress> Addresses(FoundHosts found) =>
        [.. found.Hosts.Select(h => h.Address).OrderBy(a => a.Ip).ThenBy(a => a.Port)];

    private static List<HostAddress> Sorted(params HostAddress[] addresses) =>
        [.. addresses.OrderBy(a => a.Ip).ThenBy(a => a.Port)];

    [Fact]
    public async Task A_new_host_is_challenged_with_its_public_address_and_listed_only_after_the_right_response()
    {
        Heartbeat(Host1, 0x11111111, MkwHosts.Keys(1001), Qr2StateChange.Initial);

        var challenge = await _frontend.ExpectMsgAsync<Qr2SendChallenge>();
        Assert.Equal(Host1, challenge.Address);
        Assert.Equal(0x11111111u, challenge.InstanceKey);
        Assert.True(Qr2Challenge.TryParse(challenge.Challenge, out _, out uint ip, out ushort port));
        Assert.Equal((Host1.Ip, Host1.Port), (ip, port));
        Assert.Empty((await FindAsync("")).Hosts);

        _frontend.Send(_table, new Qr2ChallengeAnswered(MkwHosts.Game, Host1, 0x11111111,
            Qr2ChallengeAlgorithm.ComputeResponse(MkwHosts.SecretKey, challenge.Challenge)));

        await _frontend.ExpectMsgAsync(new Qr2SendClientRegistered(Host1, 0x11111111));
        var listed = Assert.Single((await FindAsync("", fields: ["dwc_pid", "rk"])).Hosts);
        Assert.Equal(Host1, listed.Address);
        Assert.Equal(["1001", "vs"], listed.Values);
        Assert.True(listed.NatNegotiate);
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2HostsAuthenticated]);
    }

    [Fact]
    public async Task A_wrong_challenge_response_is_never_listed_and_the_same_challenge_is_repeated()
    {
        Heartbeat(Host1, 7, MkwHosts.Keys(1001), Qr2StateChange.Initial);
        var challenge = await _frontend.ExpectMsgAsync<Qr2SendChallenge>();
        _frontend.Send(_table, new Qr2ChallengeAnswered(MkwHosts.Game, Host1, 7, "FUKwiace2Yy+2db1IXDgWjr3WlsA"));

        Assert.Empty((await FindAsync("")).Hosts);
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2ChallengeFailures]);
        Heartbeat(Host1, 7, MkwHosts.Keys(1001));
        Assert.Equal(challenge.Challenge, (await _frontend.ExpectMsgAsync<Qr2SendChallenge>()).Challenge);
        Assert.Empty((await FindAsync("")).Hosts);
    }

    [Fact]
    public async Task With_verification_off_any_response_lists_the_host()
    {
        _table = StartTable(_settings with { VerifyChallengeResponses = false }, "lenient");
        Heartbeat(Host1, 7, MkwHosts.Keys(1001), Qr2StateChange.Initial);
        await _frontend.ExpectMsgAsync<Qr2SendChallenge>();
        _frontend.Send(_table, new Qr2ChallengeAnswered(MkwHosts.Game, Host1, 7, "not-the-response"));
        await _frontend.ExpectMsgAsync<Qr2SendClientRegistered>();
        Assert.Single((await FindAsync("")).Hosts);
    }

    [Fact]
    public async Task A_repeated_heartbeat_changes_nothing_but_liveness_and_gets_no_answer()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        long changesBefore = _metrics[MatchmakingCounter.Qr2RecordsChanged];

        Heartbeat(Host1, 7, MkwHosts.Keys(1001));
        Heartbeat(Host1, 7, MkwHosts.Keys(1001));
        Assert.Single((await FindAsync("")).Hosts);

        Assert.Equal(2, _metrics[MatchmakingCounter.Qr2HeartbeatsUnchanged]);
        Assert.Equal(changesBefore, _metrics[MatchmakingCounter.Qr2RecordsChanged]);
        Assert.False(_frontend.HasMessages);
    }

    [Fact]
    public async Task A_changed_heartbeat_updates_the_record_that_searches_see()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001, suspend: 0));
        Assert.Single((await FindAsync(MkwHosts.SearchFilter(2002))).Hosts);

        Heartbeat(Host1, 7, MkwHosts.Keys(1001, suspend: 1, numPlayers: 4));

        Assert.Empty((await FindAsync(MkwHosts.SearchFilter(2002))).Hosts);
        var host = Assert.Single((await FindAsync("dwc_suspend = 1", fields: ["numplayers"])).Hosts);
        Assert.Equal(["4"], host.Values);
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2RecordsChanged]);
    }

    [Fact]
    public async Task A_shutdown_heartbeat_removes_the_host_at_once_and_tells_the_front_end()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        Heartbeat(Host1, 7, [], Qr2StateChange.Shutdown);

        await _frontend.ExpectMsgAsync(new Qr2HostGone(MkwHosts.Game, Host1));
        Assert.Empty((await FindAsync("")).Hosts);
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2HostsShutDown]);
    }

    [Fact]
    public async Task A_host_that_goes_silent_disappears_after_the_expiry()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        _clock.Advance(Expiry - TimeSpan.FromSeconds(5));
        Assert.Single((await FindAsync("")).Hosts);

        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty((await FindAsync("")).Hosts);
        await _frontend.ExpectMsgAsync(new Qr2HostGone(MkwHosts.Game, Host1));
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2HostsExpired]);
    }

    [Fact]
    public async Task Keep_alives_keep_a_host_listed_past_the_expiry()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        for (int i = 0; i < 6; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(20));
            _frontend.Send(_table, new Qr2KeepAliveReceived(MkwHosts.Game, Host1, 7));
            await FindAsync(""); // the table has seen the keep-alive before the clock moves on
        }
        Assert.Single((await FindAsync("")).Hosts);
        Assert.Equal(6, _metrics[MatchmakingCounter.Qr2KeepAlives]);
    }

    [Fact]
    public async Task A_host_that_never_answers_its_challenge_is_dropped_after_the_challenge_timeout()
    {
        Heartbeat(Host1, 7, MkwHosts.Keys(1001), Qr2StateChange.Initial);
        await _frontend.ExpectMsgAsync<Qr2SendChallenge>();

        _clock.Advance(ChallengeTimeout + TimeSpan.FromSeconds(5));

        await _frontend.ExpectMsgAsync(new Qr2HostGone(MkwHosts.Game, Host1));
        var view = await _table.Ask<TableView>(new GetTableView(MkwHosts.Game));
        Assert.Empty(view.Hosts);
    }

    [Fact]
    public async Task A_console_that_restarts_QR2_with_a_new_instance_key_must_answer_a_new_challenge()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));

        Heartbeat(Host1, 8, MkwHosts.Keys(1001), Qr2StateChange.Initial);

        var challenge = await _frontend.ExpectMsgAsync<Qr2SendChallenge>();
        Assert.Equal(8u, challenge.InstanceKey);
        Assert.Empty((await FindAsync("")).Hosts);
    }

    [Fact]
    public async Task A_keep_alive_with_a_new_instance_key_is_used_for_later_replies()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        _frontend.Send(_table, new Qr2KeepAliveReceived(MkwHosts.Game, Host1, 9));
        Heartbeat(Host1, 9, MkwHosts.Keys(1001), Qr2StateChange.Initial);
        Assert.Equal(9u, (await _frontend.ExpectMsgAsync<Qr2SendClientRegistered>()).InstanceKey);
    }

    [Fact]
    public async Task Packets_from_an_address_without_a_host_are_ignored_and_the_route_is_dropped()
    {
        _frontend.Send(_table, new Qr2KeepAliveReceived(MkwHosts.Game, Host2, 1));
        await _frontend.ExpectMsgAsync(new Qr2HostGone(MkwHosts.Game, Host2));
        _frontend.Send(_table, new Qr2ChallengeAnswered(MkwHosts.Game, Host2, 1, "x"));
        await _frontend.ExpectMsgAsync(new Qr2HostGone(MkwHosts.Game, Host2));
        Assert.Equal(2, _metrics[MatchmakingCounter.Qr2UnknownHosts]);
    }

    [Fact]
    public async Task A_malformed_heartbeat_is_counted_and_changes_nothing()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        var truncated = MkwHosts.Heartbeat(Host1, 7, MkwHosts.Keys(1001, numPlayers: 3));
        truncated[^3] = 0x05; // the team section now declares rows it does not carry
        _frontend.Send(_table, new Qr2HeartbeatReceived(MkwHosts.Game, Host1, truncated));

        var host = Assert.Single((await FindAsync("", fields: ["numplayers"])).Hosts);
        Assert.Equal(["1"], host.Values);
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2MalformedDatagrams]);
    }

    [Fact]
    public async Task Search_filters_select_exactly_the_matching_hosts()
    {
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001, rk: "vs", ev: 5000));
        await RegisterAsync(Host2, 2, MkwHosts.Keys(1002, rk: "vs", ev: 7000));
        await RegisterAsync(Host3, 3, MkwHosts.Keys(1003, rk: "bt", ev: 5000));

        Assert.Equal(Sorted(Host1), Addresses(await FindAsync(MkwHosts.SearchFilter(9999))));
        Assert.Equal(Sorted(Host1, Host2), Addresses(await FindAsync("rk = 'vs'")));
        Assert.Empty(Addresses(await FindAsync(MkwHosts.SearchFilter(1001))));
        Assert.Equal(Sorted(Host1, Host2, Host3), Addresses(await FindAsync("")));
        Assert.Equal(Sorted(Host3), Addresses(await FindAsync("dwc_pid = 1003")));
    }

    [Fact]
    public async Task The_WiiLink_policy_lets_regional_searches_find_worldwide_rooms_whatever_their_rating()
    {
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001, rk: "vs", ev: 9000));
        Assert.Empty((await FindAsync(MkwHosts.SearchFilter(2, rk: "vs_1"))).Hosts);

        _table = StartTable(_settings with { MarioKartFilterPolicy = MkwFilterPolicy.WiiLinkCompatible }, "wiilink");
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001, rk: "vs", ev: 9000));

        Assert.Single((await FindAsync(MkwHosts.SearchFilter(2, rk: "vs_1"))).Hosts);
        Assert.Empty((await FindAsync(MkwHosts.SearchFilter(2, rk: "bt_1"))).Hosts);
    }

    [Fact]
    public async Task A_refused_filter_is_answered_with_no_hosts_and_counted()
    {
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001));
        var found = await FindAsync(new string('(', 40) + "1" + new string(')', 40));
        Assert.Equal(FindHostsOutcome.FilterRefused, found.Outcome);
        Assert.Empty(found.Hosts);
        Assert.Equal(FindHostsOutcome.FilterRefused, (await FindAsync("rk = 'vs")).Outcome);
        Assert.Equal(2, _metrics[MatchmakingCounter.MsFilterErrors]);
    }

    [Fact]
    public async Task The_result_limit_is_honoured_and_successive_searches_spread_over_all_matches()
    {
        var hosts = Enumerable.Range(1, 10).Select(i => new HostAddress(0x0A000100u + (uint)i, (ushort)(40000 + i))).ToList();
        for (int i = 0; i < hosts.Count; i++)
            await RegisterAsync(hosts[i], (uint)i + 1, MkwHosts.Keys(5000u + (uint)i));

        var seen = new HashSet<HostAddress>();
        for (int round = 0; round < 10; round++)
        {
            var found = await FindAsync(MkwHosts.SearchFilter(1), max: 3);
            Assert.Equal(3, found.Hosts.Count);
            seen.UnionWith(found.Hosts.Select(h => h.Address));
        }
        Assert.Equal(hosts.Count, seen.Count);
        Assert.True(seen.SetEquals(hosts));
    }

    [Fact]
    public async Task The_table_bound_on_results_applies_whatever_the_console_asks()
    {
        _table = StartTable(_settings with { MaxResults = 2 }, "bounded");
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001));
        await RegisterAsync(Host2, 2, MkwHosts.Keys(1002));
        await RegisterAsync(Host3, 3, MkwHosts.Keys(1003));
        Assert.Equal(2, (await FindAsync("", max: int.MaxValue)).Hosts.Count);
    }

    [Fact]
    public async Task Private_addresses_are_only_shown_to_a_console_behind_the_same_public_IP()
    {
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001));
        var foreign = Assert.Single((await FindAsync("", requesterIp: 0x01020304)).Hosts);
        Assert.Equal((0u, (ushort)0), (foreign.PrivateIp, foreign.PrivatePort));
        var neighbour = Assert.Single((await FindAsync("", requesterIp: Host1.Ip)).Hosts);
        Assert.Equal((0xC0A8011Eu, Host1.Port), (neighbour.PrivateIp, neighbour.PrivatePort));
    }

    [Fact]
    public async Task The_self_lookup_finds_a_console_before_it_reports_its_pid()
    {
        var keys = MkwHosts.Keys(1001).Where(k => k.Key != "dwc_pid").ToList();
        await RegisterAsync(Host1, 1, keys);

        var mine = Assert.Single((await FindAsync("dwc_pid = 4242", requesterIp: Host1.Ip, fields: ["dwc_pid"])).Hosts);
        Assert.Equal(Host1, mine.Address);
        Assert.Equal(["4242"], mine.Values);
        Assert.Empty((await FindAsync("dwc_pid = 4242", requesterIp: 0x01020304)).Hosts);
    }

    [Fact]
    public async Task A_profile_registering_again_from_the_same_IP_replaces_its_earlier_entry()
    {
        var oldPort = new HostAddress(Host1.Ip, 40000);
        var newPort = new HostAddress(Host1.Ip, 40001);
        var elsewhere = new HostAddress(0x01020304, 40000);
        await RegisterAsync(oldPort, 1, MkwHosts.Keys(1001));
        await RegisterAsync(elsewhere, 3, MkwHosts.Keys(1001));
        await RegisterAsync(newPort, 2, MkwHosts.Keys(1001));

        Assert.Equal(Sorted(newPort, elsewhere), Addresses(await FindAsync("dwc_pid = 1001")));
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2HostsReplaced]);
    }

    [Fact]
    public async Task A_full_table_drops_new_hosts_but_keeps_serving_the_ones_it_has()
    {
        _table = StartTable(_settings with { MaxHostsPerGame = 2 }, "small");
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001));
        await RegisterAsync(Host2, 2, MkwHosts.Keys(1002));

        Heartbeat(Host3, 3, MkwHosts.Keys(1003), Qr2StateChange.Initial);

        await _frontend.ExpectMsgAsync(new Qr2HostGone(MkwHosts.Game, Host3));
        Assert.Equal(2, (await FindAsync("")).Hosts.Count);
        Assert.Equal(1, _metrics[MatchmakingCounter.Qr2TableFull]);
    }

    [Fact]
    public async Task Junk_key_names_that_fill_the_name_pool_cost_sharing_but_never_a_key()
    {
        for (int h = 0; h < 6; h++)
        {
            var junk = Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, string>($"j{h}_{i}", "1")).ToList();
            await RegisterAsync(new HostAddress(0x0B000000u + (uint)h, 3000), (uint)h + 1, junk);
        }
        await RegisterAsync(Host1, 77, [new("latekey", "x"), .. MkwHosts.Keys(1001)]);

        var found = Assert.Single((await FindAsync("latekey = 'x'", fields: ["latekey", "j5_99"])).Hosts);
        Assert.Equal(["x", ""], found.Values);
        Assert.Equal(2, (await FindAsync("j5_99 = 1 or j0_0 = 1")).Hosts.Count);
        Assert.True(_metrics[MatchmakingCounter.Qr2KeyNamesNotPooled] > 0);
    }

    [Fact]
    public async Task The_operator_view_shows_hosts_with_public_keys_only()
    {
        await RegisterAsync(Host1, 1, MkwHosts.Keys(1001));
        Heartbeat(Host2, 2, MkwHosts.Keys(1002), Qr2StateChange.Initial);
        await _frontend.ExpectMsgAsync<Qr2SendChallenge>();

        var view = await _table.Ask<TableView>(new GetTableView(MkwHosts.Game));

        Assert.Equal((1, 1), (view.Listed, view.Pending));
        var listed = view.Hosts.Single(h => h.Authenticated);
        Assert.Equal(Host1.ToString(), listed.Address);
        Assert.Contains(listed.Keys, k => k.Key == "dwc_pid" && k.Value == "1001");
        Assert.DoesNotContain(listed.Keys, k => Qr2KeyNames.IsAddressKey(k.Key));
    }

    // ----- client messages -----

    private static byte[] Cookie(uint cookie) => Qr2NatNegCookieMessage.Create(cookie);

    [Fact]
    public async Task A_client_message_is_sent_again_until_the_host_acknowledges_it()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, Cookie(0xCAFE0001), Host2.Ip));
        var first = await _frontend.ExpectMsgAsync<Qr2SendClientMessage>();
        Assert.Equal((Host1, 7u), (first.Address, first.InstanceKey));
        Assert.Equal(Cookie(0xCAFE0001), first.Data);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _frontend.ExpectMsgAsync<Qr2SendClientMessage>();
        Assert.Equal(first.MessageKey, second.MessageKey);

        _frontend.Send(_table, new Qr2ClientMessageAcknowledged(MkwHosts.Game, Host1, 7, first.MessageKey));
        Assert.Single((await FindAsync("")).Hosts); // the ack has been processed
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Single((await FindAsync("")).Hosts);
        Assert.False(_frontend.HasMessages);
        Assert.Equal(1, _metrics[MatchmakingCounter.RelaysDelivered]);
    }

    [Fact]
    public async Task A_client_message_is_given_up_after_the_last_attempt_and_the_next_one_follows()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, Cookie(1), Host2.Ip));
        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, Cookie(2), Host2.Ip));
        var first = await _frontend.ExpectMsgAsync<Qr2SendClientMessage>();
        for (int attempt = 2; attempt <= 3; attempt++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(first.MessageKey, (await _frontend.ExpectMsgAsync<Qr2SendClientMessage>()).MessageKey);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));

        var next = await _frontend.ExpectMsgAsync<Qr2SendClientMessage>();
        Assert.Equal(Cookie(2), next.Data);
        Assert.NotEqual(first.MessageKey, next.MessageKey);
        Assert.Equal(1, _metrics[MatchmakingCounter.RelaysFailed]);
    }

    [Fact]
    public async Task Messages_for_one_host_are_delivered_one_at_a_time_in_order()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        for (uint i = 1; i <= 3; i++)
            _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, Cookie(i), Host2.Ip));
        for (uint i = 1; i <= 3; i++)
        {
            var sent = await _frontend.ExpectMsgAsync<Qr2SendClientMessage>();
            Assert.Equal(Cookie(i), sent.Data);
            Assert.Single((await FindAsync("")).Hosts); // nothing else was sent meanwhile
            Assert.False(_frontend.HasMessages);
            _frontend.Send(_table, new Qr2ClientMessageAcknowledged(MkwHosts.Game, Host1, 7, sent.MessageKey));
        }
        await FindAsync(""); // the last acknowledgement has been processed
        Assert.Equal(3, _metrics[MatchmakingCounter.RelaysDelivered]);
    }

    [Fact]
    public async Task Data_that_is_neither_a_cookie_nor_a_valid_match_command_is_never_relayed()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        await RegisterAsync(Host2, 8, MkwHosts.Keys(1002));
        var header = new MatchCommandHeader(MatchCommandPlatform.Wii, 90, MatchCommandType.ResvWait, 0, Host2.Port, Host2.Ip, 1002);
        var oversize = MatchCommandCodec.Create(header, []).Concat(new byte[0x84]).ToArray();
        oversize[9] = 0x84; // a payload size the codec refuses: unpatched consoles overflow on it

        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, [1, 2, 3, 4, 5], Host2.Ip));
        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, oversize, Host2.Ip));
        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host3, Cookie(1), Host2.Ip)); // no such host

        Assert.Equal(2, (await FindAsync("")).Hosts.Count);
        Assert.False(_frontend.HasMessages);
        Assert.Equal(3, _metrics[MatchmakingCounter.RelaysRefused]);
    }

    [Fact]
    public async Task A_match_command_is_relayed_only_for_a_listed_sender_behind_the_requesting_IP()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        await RegisterAsync(Host2, 8, MkwHosts.Keys(1002));
        var wait = MatchCommandCodec.Create(
            new MatchCommandHeader(MatchCommandPlatform.Wii, 90, MatchCommandType.ResvWait, 0, Host2.Port, Host2.Ip, 1002), []);

        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, wait, SenderIp: 0x01020304)); // someone else speaking for Host2
        Assert.Equal(2, (await FindAsync("")).Hosts.Count);
        Assert.False(_frontend.HasMessages);

        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, wait, SenderIp: Host2.Ip));
        Assert.Equal(wait, (await _frontend.ExpectMsgAsync<Qr2SendClientMessage>()).Data);
        Assert.Equal(1, _metrics[MatchmakingCounter.RelaysRefused]);
    }

    [Fact]
    public async Task Pending_messages_are_dropped_with_their_host()
    {
        await RegisterAsync(Host1, 7, MkwHosts.Keys(1001));
        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, Cookie(1), Host2.Ip));
        _table.Tell(new RelayClientMessage(MkwHosts.Game, Host1, Cookie(2), Host2.Ip));
        await _frontend.ExpectMsgAsync<Qr2SendClientMessage>();

        Heartbeat(Host1, 7, [], Qr2StateChange.Shutdown);
        await _frontend.ExpectMsgAsync<Qr2HostGone>();
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty((await FindAsync("")).Hosts);
        Assert.False(_frontend.HasMessages);
        Assert.Equal(2, _metrics[MatchmakingCounter.RelaysFailed]);
    }
}
