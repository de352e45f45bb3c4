using Microsoft.Extensions.Logging.Abstractions;
using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>
/// The negotiation entity in its shard region, on a manual clock, with a probe standing in for the front-ends:
/// what it sends when, and that it always gives its slot back.
/// </summary>
public sealed class NatNegSessionEntityTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly ManualTimeProvider _clock = new();
    private readonly ActorSystemFixture _kit;
    private readonly NatNegCapacity _capacity = new(100);
    private readonly NatNegMetrics _metrics = new();
    private readonly IActorRef _region;
    private readonly TestProbe _frontend;
    private readonly Durability.TemporaryPersistence _persistence;

    public NatNegSessionEntityTests()
    {
        _kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = _clock });
        _persistence = Durability.TemporaryPersistence.Start(_kit.System);
        _region = NatNegSessions.StartRegion(_kit.System, new NatNegSessionContext(new NatNegSessionSettings(), _metrics, _capacity, NullLogger.Instance));
        _frontend = _kit.CreateTestProbe("frontend");
    }

    public void Dispose()
    {
        _kit.Dispose();
        _persistence.Dispose();
    }

    private NatNegInitReceived Init(uint cookie, byte index, NatNegPortType portType) =>
        new(NatNegSessions.EntityIdOf(cookie), 3, portType, index, true, default, "mariokartwii",
            new NatNegEndpoint(new NatNegAddress(0xCB007100u + index, (ushort)(20000 + (int)portType)), _frontend.Ref));

    private async Task<NatNegSend> NextSendAsync(NatNegPacketType type)
    {
        var send = await _frontend.FishForMessageAsync<NatNegSend>(s => NatNegParser.Parse(s.Datagram).Packet!.Type == type, Wait);
        return send;
    }

    private async Task PairAsync(uint cookie)
    {
        foreach (var index in new byte[] { 0, 1 })
            foreach (var portType in new[] { NatNegPortType.GamePort, NatNegPortType.Nn1 })
                _region.Tell(Init(cookie, index, portType));
        await NextSendAsync(NatNegPacketType.Connect);
        await NextSendAsync(NatNegPacketType.Connect);
    }

    [Fact]
    public async Task CONNECT_is_resent_every_half_second_to_the_console_that_has_not_acknowledged_and_the_pairing_times_out_at_its_deadline()
    {
        var start = _clock.GetUtcNow();
        await PairAsync(7);
        _region.Tell(new NatNegConnectAckReceived(NatNegSessions.EntityIdOf(7), 3, 0, default));
        // A repeated INIT takes the same path; its INITACK shows the acknowledgement before it was handled.
        _region.Tell(Init(7, 0, NatNegPortType.Nn1));
        await NextSendAsync(NatNegPacketType.InitAck);

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        var resent = await NextSendAsync(NatNegPacketType.Connect);
        Assert.False(resent.Delayed);
        Assert.Equal(0xCB007101u, resent.Target.Ip); // only console 1 still waits for its CONNECT

        // Time moves on in half-second steps (each wake-up is scheduled as the previous one is handled).
        await _kit.AwaitConditionAsync(() =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            return _capacity.Open == 0;
        }, Wait, "the negotiation did not close at its deadline");
        Assert.True(_clock.GetUtcNow() - start >= TimeSpan.FromSeconds(30), "closed before the 30 s session timeout");
        Assert.Equal((1L, 0L, 1L), (_metrics.Started, _metrics.Completed, _metrics.TimedOut));
    }

    [Fact]
    public async Task A_closed_negotiation_publishes_its_outcome_and_passivates()
    {
        var outcomes = new List<NatNegOutcome>();
        using var subscription = _kit.System.EventStream.Subscribe<NatNegOutcome>(o => { lock (outcomes) outcomes.Add(o); });
        await PairAsync(8);
        var id = NatNegSessions.EntityIdOf(8);
        _region.Tell(new NatNegConnectAckReceived(id, 3, 0, default));
        _region.Tell(new NatNegConnectAckReceived(id, 3, 1, default));
        _region.Tell(new NatNegReportReceived(id, 3, 0, true, 6, 0, default));
        _region.Tell(new NatNegReportReceived(id, 3, 1, false, 6, 0, default));

        await _kit.AwaitConditionAsync(() => { lock (outcomes) return outcomes.Count == 1; });
        var outcome = outcomes[0];
        Assert.Equal((8u, "mariokartwii", NatNegCloseReason.Completed, (bool?)true, (bool?)false),
            (outcome.Cookie, outcome.GameName, outcome.Reason, outcome.Client0Succeeded, outcome.Client1Succeeded));
        Assert.Equal(new NatNegAddress(0xCB007101u, 20000), outcome.Client1GameAddress);
        await _kit.AwaitAssertAsync(() => Assert.Empty(_region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance).GetAwaiter().GetResult().Shards.SelectMany(s => s.EntityIds)));
        Assert.Equal(0, _capacity.Open);
    }

    [Fact]
    public async Task Open_negotiations_give_their_slots_back_when_the_region_stops()
    {
        for (uint cookie = 1; cookie <= 3; cookie++) _region.Tell(Init(cookie, 0, NatNegPortType.Nn1));
        await _kit.AwaitConditionAsync(() => _capacity.Open == 3);

        await ClusterSharding.Get(_kit.System).StopRegionsAsync();

        Assert.Equal(0, _capacity.Open);
        Assert.Equal(0, _metrics.TimedOut); // handed off, not timed out
    }

    [Fact]
    public async Task A_stray_CONNECT_ACK_leaves_no_entity_and_takes_no_slot()
    {
        _region.Tell(new NatNegConnectAckReceived(NatNegSessions.EntityIdOf(99), 3, 0, default));

        await _kit.AwaitConditionAsync(() => _metrics.IgnoredCount(NatNegIgnoredReason.NoNegotiation) == 1);
        await _kit.AwaitAssertAsync(() => Assert.Empty(_region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance).GetAwaiter().GetResult().Shards.SelectMany(s => s.EntityIds)));
        Assert.Equal(0, _metrics.Started);
    }
}
