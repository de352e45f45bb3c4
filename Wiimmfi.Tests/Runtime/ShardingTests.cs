using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class ShardingTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed record Increment;
    private sealed record Get;
    private sealed record Count(string EntityId, int Value);
    private sealed record PassivateYourself;
    private sealed record StopNow;

    /// <summary>A counter entity; it passivates on request and holds its stop until the test opens a gate.</summary>
    private sealed class Counter : ReceiveActor
    {
        private readonly string _id;
        private readonly IActorRef _probe;
        private int _count;

        public Counter(string id, IActorRef probe, ManualResetEventSlim? stopGate)
        {
            _id = id;
            _probe = probe;
            Receive<Increment>(_ => _count++);
            Receive<Get>(_ => Sender.Tell(new Count(id, _count)));
            Receive<PassivateYourself>(_ => Context.Parent.Tell(new Passivate(new StopNow())));
            Receive<StopNow>(_ =>
            {
                probe.Tell($"stopping {id}");
                stopGate?.Wait(TimeSpan.FromSeconds(30));
                Context.Stop(Self);
            });
            Receive<string>(s => s == "path", _ => Sender.Tell(Self.Path.ToStringWithoutAddress()));
        }

        protected override void PostStop() => _probe.Tell($"stopped {_id}");
    }

    private IActorRef StartRegion(TestProbe probe, ManualResetEventSlim? gate = null, ClusterShardingSettings? settings = null, ActorSystem? system = null) =>
        ClusterSharding.Get(system ?? _kit.System).Start("counter", id => Props.Create(() => new Counter(id, probe, gate)),
            settings ?? ClusterShardingSettings.Default with { NumberOfShards = 10 });

    [Fact]
    public async Task Entity_is_started_by_its_first_message_and_keeps_its_state()
    {
        var probe = _kit.CreateTestProbe();
        var region = StartRegion(probe);
        region.Tell("42", new Increment());
        region.Tell("42", new Increment());
        region.Tell("7", new Increment());
        region.Tell("42", new Get(), probe);
        Assert.Equal(new Count("42", 2), await probe.ExpectMsgAsync<Count>());
        region.Tell("7", new Get(), probe);
        Assert.Equal(new Count("7", 1), await probe.ExpectMsgAsync<Count>());
        Assert.Same(region, ClusterSharding.Get(_kit.System).ShardRegion("counter"));
    }

    [Fact]
    public async Task Entity_lives_below_region_and_shard_under_its_escaped_id()
    {
        var probe = _kit.CreateTestProbe();
        var region = StartRegion(probe);
        var shard = new HashCodeMessageExtractor(10).ShardId("user/1 é");
        var path = await region.Ask<string>(new ShardingEnvelope("user/1 é", "path"));
        Assert.Equal($"/system/sharding/counter/{shard}/user%2F1%20%C3%A9", path);
    }

    [Fact]
    public async Task Passivated_entity_is_recreated_with_fresh_state_and_messages_sent_meanwhile_are_not_lost()
    {
        var probe = _kit.CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        var region = StartRegion(probe, gate);
        for (var i = 0; i < 3; i++) region.Tell("a", new Increment());
        region.Tell("a", new Get(), probe);
        Assert.Equal(3, (await probe.ExpectMsgAsync<Count>()).Value);

        region.Tell("a", new PassivateYourself());
        Assert.Equal("stopping a", await probe.ExpectMsgAsync<string>());
        // The shard now buffers messages for "a" until the old incarnation has stopped.
        region.Tell("a", new Increment());
        region.Tell("a", new Get(), probe);
        gate.Set();
        Assert.Equal("stopped a", await probe.ExpectMsgAsync<string>());
        // The new incarnation got both buffered messages, in order: state reset, nothing lost.
        Assert.Equal(new Count("a", 1), await probe.ExpectMsgAsync<Count>());
    }

    [Fact]
    public async Task Idle_entity_is_passivated_and_starts_fresh_on_the_next_message()
    {
        var clock = new ManualTimeProvider();
        await using var kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = clock });
        var probe = kit.CreateTestProbe();
        var region = StartRegion(probe, settings: ClusterShardingSettings.Default with { NumberOfShards = 10, PassivateIdleEntityAfter = TimeSpan.FromSeconds(10) }, system: kit.System);
        region.Tell("idle", new Increment());
        region.Tell("busy", new Increment());
        region.Tell("idle", new Get(), probe);
        region.Tell("busy", new Get(), probe);
        await probe.ExpectMsgAsync<Count>();
        await probe.ExpectMsgAsync<Count>();

        clock.Advance(TimeSpan.FromSeconds(6));
        region.Tell("busy", new Get(), probe); // "busy" is active at t = 6
        await probe.ExpectMsgAsync<Count>();
        clock.Advance(TimeSpan.FromSeconds(6)); // t = 12: "idle" idle for 12 s, "busy" for 6 s
        Assert.Equal("stopped idle", await probe.ExpectMsgAsync<string>());

        region.Tell("idle", new Get(), probe);
        Assert.Equal(new Count("idle", 0), await probe.ExpectMsgAsync<Count>());
        region.Tell("busy", new Get(), probe);
        Assert.Equal(new Count("busy", 1), await probe.ExpectMsgAsync<Count>());
    }

    [Fact]
    public async Task Region_reports_its_shards_entities_and_statistics()
    {
        var probe = _kit.CreateTestProbe();
        var region = StartRegion(probe);
        var ids = new[] { "1", "2", "3", "4", "5", "6" };
        foreach (var id in ids) region.Tell(id, new Increment());
        foreach (var id in ids)
        {
            region.Tell(id, new Get(), probe);
            await probe.ExpectMsgAsync<Count>();
        }
        var extractor = new HashCodeMessageExtractor(10);
        var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance);
        Assert.Equal(ids.Length, stats.EntitiesPerShard.Values.Sum());
        foreach (var group in ids.GroupBy(extractor.ShardId))
            Assert.Equal(group.Count(), stats.EntitiesPerShard[group.Key]);

        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance);
        Assert.Equal(ids.OrderBy(i => i), state.Shards.SelectMany(s => s.EntityIds).OrderBy(i => i));
        foreach (var shard in state.Shards)
            Assert.All(shard.EntityIds, id => Assert.Equal(extractor.ShardId(id), shard.ShardId));
    }

    [Fact]
    public async Task StartEntity_starts_an_entity_without_a_message_and_acknowledges_with_its_shard()
    {
        var probe = _kit.CreateTestProbe();
        var region = StartRegion(probe);
        var ack = await region.Ask<StartEntityAck>(new StartEntity("fresh"));
        Assert.Equal(new StartEntityAck("fresh", new HashCodeMessageExtractor(10).ShardId("fresh")), ack);
        var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance);
        Assert.Equal(1, stats.EntitiesPerShard.Values.Sum());
    }

    [Fact]
    public async Task Graceful_region_stop_hands_off_every_entity()
    {
        var probe = _kit.CreateTestProbe();
        var region = StartRegion(probe);
        foreach (var id in new[] { "x", "y", "z" }) region.Tell(id, new Increment());
        region.Tell("z", new Get(), probe);
        await probe.ExpectMsgAsync<Count>();
        Assert.True(await region.GracefulStop(TimeSpan.FromSeconds(30), GracefulShutdown.Instance));
        var stopped = new List<string>();
        for (var i = 0; i < 3; i++) stopped.Add(await probe.ExpectMsgAsync<string>());
        Assert.Equal(["stopped x", "stopped y", "stopped z"], stopped.Order());
    }

    [Fact]
    public async Task Coordinated_shutdown_stops_regions_before_the_system()
    {
        var probe = _kit.CreateTestProbe();
        var region = StartRegion(probe);
        region.Tell("p", new Increment());
        region.Tell("p", new Get(), probe);
        await probe.ExpectMsgAsync<Count>();
        var handedOff = false;
        _kit.System.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "check", () =>
        {
            handedOff = ((IInternalActorRef)region).IsTerminated; // entities stop before their region
            return Task.CompletedTask;
        });
        await _kit.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(handedOff);
    }

    [Fact]
    public void Message_without_an_entity_id_becomes_a_dead_letter()
    {
        var probe = _kit.CreateTestProbe();
        var region = StartRegion(probe);
        var before = _kit.System.Metrics.DeadLetters;
        region.Tell(new Increment());
        Awaiting.Condition(() => _kit.System.Metrics.DeadLetters == before + 1);
    }

    private sealed class PickyExtractor() : HashCodeMessageExtractor(10)
    {
        public override string? EntityId(object message) =>
            message is ShardingEnvelope { EntityId: "poison" } ? throw new FormatException("bad id") : base.EntityId(message);
    }

    [Fact]
    public async Task Bad_input_to_the_extractor_or_entity_factory_costs_one_message_not_the_other_entities()
    {
        var probe = _kit.CreateTestProbe();
        var region = ClusterSharding.Get(_kit.System).Start("picky",
            id => id == "unbuildable" ? throw new ArgumentException("no props for this id") : Props.Create(() => new Counter(id, probe, null)),
            ClusterShardingSettings.Default with { NumberOfShards = 1 }, new PickyExtractor());
        region.Tell("good", new Increment());
        region.Tell("poison", new Increment());
        region.Tell("unbuildable", new Increment());
        region.Tell("good", new Increment());
        region.Tell("good", new Get(), probe);
        Assert.Equal(new Count("good", 2), await probe.ExpectMsgAsync<Count>());
        Assert.Contains(_kit.Log.Entries, e => e.Exception is FormatException);
        Assert.Contains(_kit.Log.Entries, e => e.Exception is ArgumentException);
        Assert.Equal(0, _kit.System.Metrics.ActorRestarts);
    }

    private sealed record Hello(string EntityId, string Text) : IShardedMessage;

    private sealed class Greeter : ReceiveActor
    {
        public Greeter() => Receive<Hello>(h => Sender.Tell($"{Self.Path.Name}: {h.Text}"));
    }

    [Fact]
    public async Task Sharded_messages_route_by_their_own_entity_id()
    {
        var region = ClusterSharding.Get(_kit.System).Start("greeter", _ => Props.Create<Greeter>(), ClusterShardingSettings.Default);
        Assert.Equal("bob: hi", await region.Ask<string>(new Hello("bob", "hi")));
    }

    [Fact]
    public void Starting_an_unknown_region_by_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ClusterSharding.Get(_kit.System).ShardRegion("nope"));
    }
}

public sealed class StableHashTests
{
    // Published MurmurHash3 x86_32 known answers (SMHasher / the reference implementation).
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("hello", 0u, 0x248BFA47u)]
    [InlineData("Hello, world!", 1234u, 0xFAF6CDB3u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0u, 0x2E4FF723u)]
    public void Murmur3_matches_the_reference_known_answers(string text, uint seed, uint expected)
    {
        Assert.Equal(expected, StableHash.Murmur3(System.Text.Encoding.UTF8.GetBytes(text), seed));
    }

    [Fact]
    public void Shard_of_an_entity_id_is_frozen()
    {
        // Golden values: if these change, every entity of a running cluster moves shard. Never update them.
        var extractor = new HashCodeMessageExtractor(100);
        Assert.Equal(((0x248BFA47u & 0x7fffffffu) % 100).ToString(), extractor.ShardId("hello"));
        Assert.Equal("51", extractor.ShardId("hello"));
        Assert.Equal(StableHash.Murmur3(System.Text.Encoding.UTF8.GetBytes("profile-123456789"), 0), StableHash.Murmur3("profile-123456789"));
    }

    [Fact]
    public void Long_entity_ids_hash_the_same_way()
    {
        var id = new string('x', 5000) + "é";
        Assert.Equal(StableHash.Murmur3(System.Text.Encoding.UTF8.GetBytes(id), 0), StableHash.Murmur3(id));
    }
}
