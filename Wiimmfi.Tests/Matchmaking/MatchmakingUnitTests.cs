using System.Text;
using Wiimmfi.Actors.Frontends.Qr2;
using Wiimmfi.Actors.Frontends.ServerBrowser;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Protocols.ServerBrowser.Filter;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>The pure parts of the matchmaking tables: state, index, relay queue, routing peek, wire names.</summary>
public sealed class MatchmakingUnitTests
{
    private static readonly HostAddress A = new(0x0A000001, 1000);
    private static readonly HostAddress B = new(0x0A000002, 2000);

    private static KeyValuePair<string, string>[] Keys(params (string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))];

    // ----- state -----

    [Fact]
    public void A_table_is_rebuilt_exactly_by_replaying_its_events()
    {
        TableEvent[] journal =
        [
            new HostRegistered(A, 1, "challenge-a", Keys(("rk", "vs")), null, null),
            new HostRegistered(B, 2, "challenge-b", Keys(("rk", "bt")), null, null),
            new HostAuthenticated(A),
            new HostUpdated(A, 1, Keys(("rk", "vs"), ("numplayers", "3")), null, null),
            new HostInstanceKeyChanged(B, 9),
            new HostRemoved(B, HostRemovalReason.Expired),
        ];

        var state = journal.Aggregate(TableState.Empty("mariokartwii"), (s, e) => s.Apply(e));

        var host = Assert.Single(state.Hosts.Values);
        Assert.Equal((A, true, null, "3"), (host.Address, host.Authenticated, host.Challenge, host.GetValue("numplayers")));
        Assert.Equal(0, state.PendingCount);
    }

    [Fact]
    public void Applying_an_event_never_changes_the_state_it_was_applied_to()
    {
        var before = TableState.Empty("g").Apply(new HostRegistered(A, 1, "c", Keys(("rk", "vs")), null, null));
        var after = before.Apply(new HostAuthenticated(A));
        Assert.False(before.Find(A)!.Authenticated);
        Assert.True(after.Find(A)!.Authenticated);
        Assert.Equal(1, before.PendingCount);
        Assert.Equal(0, after.PendingCount);
    }

    [Fact]
    public void Events_about_hosts_that_are_not_there_leave_the_state_unchanged()
    {
        var empty = TableState.Empty("g");
        Assert.Same(empty, empty.Apply(new HostAuthenticated(A)));
        Assert.Same(empty, empty.Apply(new HostRemoved(A, HostRemovalReason.Shutdown)));
        Assert.Same(empty, empty.Apply(new HostUpdated(A, 1, [], null, null)));
    }

    [Fact]
    public void Registering_again_counts_a_host_as_pending_once()
    {
        var state = TableState.Empty("g")
            .Apply(new HostRegistered(A, 1, "c1", [], null, null))
            .Apply(new HostRegistered(A, 2, "c2", [], null, null));
        Assert.Equal(1, state.PendingCount);
        state = state.Apply(new HostAuthenticated(A)).Apply(new HostRegistered(A, 3, "c3", [], null, null));
        Assert.Equal(1, state.PendingCount);
        Assert.Equal("c3", state.Find(A)!.Challenge);
    }

    // ----- index -----

    [Fact]
    public void The_index_gives_the_same_matches_as_evaluating_every_host()
    {
        var random = new Random(42);
        var index = new HostIndex();
        var hosts = new Dictionary<HostAddress, HostRecord>();
        string[] regions = ["vs", "bt", "vs_1"];
        for (int round = 0; round < 3000; round++)
        {
            var address = new HostAddress(0x0A000000u + (uint)random.Next(200), 1);
            if (random.Next(10) == 0)
            {
                index.Remove(address);
                hosts.Remove(address);
                continue;
            }
            var record = new HostRecord(address, 1, true, null, Keys(
                ("dwc_hoststate", random.Next(3).ToString()), ("dwc_suspend", random.Next(2).ToString()),
                ("rk", regions[random.Next(3)]), ("ev", random.Next(4000, 6000).ToString()),
                ("dwc_pid", random.Next(50).ToString())), null, null);
            index.Set(record);
            hosts[address] = record;
        }
        string[] filters =
        [
            "dwc_hoststate = 2 and dwc_suspend = 0 and (rk = 'vs' and ev >= 4500 and ev <= 5500)",
            "dwc_pid = 7", "rk = 'bt'", "rk = 'nowhere' and dwc_suspend = 0", "ev > 5000 or rk = 'vs_1'", "",
        ];
        foreach (var text in filters)
        {
            Assert.True(CompiledFilter.TryCompile(text, out var filter, out _));
            var expected = hosts.Values.Where(h => filter.Matches(h.Keys.ToDictionary(k => k.Key, k => k.Value)))
                .Select(h => h.Address).ToHashSet();
            var candidates = index.Candidates(filter.RequiredEqualities, _ => true, out bool all);
            var slots = all ? Enumerable.Range(0, index.SlotCount).ToArray() : candidates.ToArray();
            var names = filter.Keys.ToArray<string?>();
            var actual = new HashSet<HostAddress>();
            foreach (int slot in slots)
            {
                if (index[slot] is not { } host)
                    continue;
                var source = new HostFilterSource(host, names);
                if (filter.Matches(ref source))
                    actual.Add(host.Address);
            }
            Assert.True(expected.SetEquals(actual), $"filter '{text}': expected {expected.Count}, got {actual.Count}");
        }
        Assert.Contains("rk", index.IndexedKeys);
    }

    [Fact]
    public void A_pinned_value_no_host_has_yields_no_candidates()
    {
        var index = new HostIndex();
        index.Set(new HostRecord(A, 1, true, null, Keys(("rk", "vs")), null, null));
        Assert.True(index.Candidates([new("rk", "bt")], _ => true, out bool all).IsEmpty);
        Assert.False(all);
        Assert.Equal(1, index.Candidates([new("rk", "vs")], _ => true, out _).Length);
        Assert.True(index.Candidates([new("unknown", "1")], _ => false, out all).IsEmpty);
        Assert.True(all); // an unknown key cannot be indexed: every host is a candidate
    }

    // ----- relay queue -----

    [Fact]
    public void A_relay_queue_sends_one_message_at_a_time_and_gives_up_after_the_last_attempt()
    {
        var queue = new RelayQueue();
        Assert.True(queue.TryEnqueue([1], capacity: 2));
        Assert.True(queue.TryEnqueue([2], capacity: 2));
        Assert.False(queue.TryEnqueue([3], capacity: 2));

        Assert.Equal([1], queue.StartNext(100));
        Assert.Null(queue.StartNext(101)); // one in flight at a time
        Assert.Equal(RelayRetry.Ignore, queue.OnRetryDue(99, maxAttempts: 2));
        Assert.Equal(RelayRetry.Resend, queue.OnRetryDue(100, maxAttempts: 2));
        Assert.Equal(RelayRetry.GiveUp, queue.OnRetryDue(100, maxAttempts: 2));
        Assert.Null(queue.InFlight);

        Assert.Equal([2], queue.StartNext(101));
        Assert.False(queue.Acknowledge(100));
        Assert.True(queue.Acknowledge(101));
        Assert.True(queue.IsEmpty);
        Assert.Equal(RelayRetry.Ignore, queue.OnRetryDue(101, maxAttempts: 2));
    }

    // ----- routing peek -----

    [Theory]
    [InlineData("localip0\0192.168.1.2\0gamename\0mariokartwii\0rk\0vs\0\0", "mariokartwii")]
    [InlineData("gamename\0first\0gamename\0second\0\0", "first")]
    [InlineData("gamename\0endsbeforeitsnul", "endsbeforeitsnul")]
    [InlineData("\0gamename\0afterthekeys\0", null)]
    [InlineData("gamename\0\0", null)]
    [InlineData("gamename", null)]
    [InlineData("", null)]
    public void The_front_end_finds_the_gamename_as_the_codec_reads_it(string keys, string? expected)
    {
        var datagram = new byte[] { 0x03, 1, 2, 3, 4 }.Concat(Encoding.Latin1.GetBytes(keys)).ToArray();
        bool found = Qr2GameNamePeek.TryFind(datagram, out var name);
        Assert.Equal(expected is not null, found);
        if (expected is not null)
        {
            Assert.Equal(expected, Encoding.Latin1.GetString(name));
            if (Qr2ClientPacketReader.Read(datagram).Packet is Qr2Heartbeat heartbeat)
                Assert.Equal(heartbeat.GameName, expected);
        }
    }

    // ----- wire names -----

    [Fact]
    public void Matchmaking_wire_names_are_frozen()
    {
        // Append only: a shipped name never changes and is never reused.
        var names = WireTypeRegistry.Default.Types
            .Where(kv => kv.Value.Namespace == typeof(MatchmakingTable).Namespace)
            .ToDictionary(kv => kv.Key, kv => kv.Value.Name);
        Assert.Equal(new Dictionary<string, string>
        {
            ["matchmaking.host-registered"] = nameof(HostRegistered),
            ["matchmaking.host-updated"] = nameof(HostUpdated),
            ["matchmaking.host-authenticated"] = nameof(HostAuthenticated),
            ["matchmaking.host-instance-key-changed"] = nameof(HostInstanceKeyChanged),
            ["matchmaking.host-removed"] = nameof(HostRemoved),
            ["matchmaking.qr2-heartbeat"] = nameof(Qr2HeartbeatReceived),
            ["matchmaking.qr2-challenge-response"] = nameof(Qr2ChallengeAnswered),
            ["matchmaking.qr2-keep-alive"] = nameof(Qr2KeepAliveReceived),
            ["matchmaking.qr2-client-message-ack"] = nameof(Qr2ClientMessageAcknowledged),
            ["matchmaking.forget-host"] = nameof(ForgetHost),
            ["matchmaking.qr2-send-challenge"] = nameof(Qr2SendChallenge),
            ["matchmaking.qr2-send-client-registered"] = nameof(Qr2SendClientRegistered),
            ["matchmaking.qr2-send-client-message"] = nameof(Qr2SendClientMessage),
            ["matchmaking.qr2-host-gone"] = nameof(Qr2HostGone),
            ["matchmaking.find-hosts"] = nameof(FindHosts),
            ["matchmaking.found-hosts"] = nameof(FoundHosts),
            ["matchmaking.get-host-rules"] = nameof(GetHostRules),
            ["matchmaking.host-rules"] = nameof(HostRules),
            ["matchmaking.get-table-view"] = nameof(GetTableView),
            ["matchmaking.table-view"] = nameof(TableView),
            ["matchmaking.relay-client-message"] = nameof(RelayClientMessage),
            ["matchmaking.table-snapshot"] = nameof(TableSnapshot),
        }, names);
        var serverBrowserNames = WireTypeRegistry.Default.Types
            .Where(kv => kv.Value.Namespace == typeof(ServerBrowserHandoverState).Namespace)
            .ToDictionary(kv => kv.Key, kv => kv.Value.Name);
        Assert.Equal(new Dictionary<string, string> { ["ms.connection-state"] = nameof(ServerBrowserHandoverState) }, serverBrowserNames);
    }

    public static TheoryData<object> WireSamples() =>
    [
        new HostRegistered(A, 1, "challenge", Keys(("rk", "vs")), new HostKeySection(["player_"], [["x"]]), null),
        new HostUpdated(A, 2, Keys(("rk", "bt")), null, null),
        new HostAuthenticated(A),
        new HostInstanceKeyChanged(A, 3),
        new HostRemoved(A, HostRemovalReason.Replaced),
        new Qr2HeartbeatReceived("mariokartwii", A, [3, 1, 2, 3, 4]),
        new Qr2ChallengeAnswered("mariokartwii", A, 1, "response"),
        new Qr2KeepAliveReceived("mariokartwii", A, 1),
        new Qr2ClientMessageAcknowledged("mariokartwii", A, 1, 77),
        new ForgetHost("mariokartwii", A, HostRemovalReason.MovedToAnotherGame),
        new Qr2SendChallenge(A, 1, "challenge"),
        new Qr2SendClientRegistered(A, 1),
        new Qr2SendClientMessage(A, 1, 2, [1, 2]),
        new Qr2HostGone("mariokartwii", A),
        new FindHosts("mariokartwii", "rk = 'vs'", ["dwc_pid"], 6, 0x7F000001),
        new FoundHosts(FindHostsOutcome.Listed, null, [new ListedHost(A, 1, 2, true, ["1001"])]),
        new GetHostRules("mariokartwii", A, 7),
        new HostRules(new ListedHost(A, 0, 0, false, []), [new("rk", "vs")]),
        new GetTableView("mariokartwii"),
        new TableView("mariokartwii", 1, 0, [new HostView("10.0.0.1:1000", true, 1.5, 0.5, [new("rk", "vs")])]),
        new RelayClientMessage("mariokartwii", A, [1, 2, 3], 0x7F000001),
        new ServerBrowserHandoverState("mariokartwii", 0x7F000001, true),
    ];

    [Theory]
    [MemberData(nameof(WireSamples))]
    public void Every_matchmaking_message_round_trips_through_the_message_serializer(object message)
    {
        using var kit = new ActorSystemFixture();
        var serializer = MessageSerializer.Create(kit.System);
        var serialized = serializer.Serialize(message);
        var copy = serializer.Deserialize(serialized);
        Assert.IsType(message.GetType(), copy);
        Assert.Equal(Encoding.UTF8.GetString(serialized.Payload), Encoding.UTF8.GetString(serializer.ToBinary(copy)));
        if (message is IShardedMessage)
            Assert.Equal("mariokartwii", ((IShardedMessage)copy).EntityId);
        else if (message is ServerBrowserHandoverState)
            Assert.Equal(message, copy);
    }
}
