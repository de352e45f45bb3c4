using Microsoft.Extensions.Logging.Abstractions;
using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// NATNEG negotiations across a restart of their actor system over the same SQLite file: a half-done one goes on
/// (the second console's INITs pair it with the first's, whose CONNECT leaves through the same front-end again), and
/// one older than its timeout is closed at recovery with the deadbeat-partner CONNECT.
/// </summary>
public sealed class NatNegSessionRecoveryTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly NatNegSessionSettings Settings = new();
    private readonly string _file = TemporaryPersistence.NewFile();
    private readonly uint _cookie = (uint)Random.Shared.NextInt64(1_000, uint.MaxValue);

    public void Dispose() => TemporaryPersistence.Delete(_file);

    /// <summary>One incarnation: an actor system (same name every time, so front-end paths match), the journal, the region.</summary>
    private sealed class Incarnation : IAsyncDisposable
    {
        /// <param name="later">How much later than the first incarnation's start this one starts (every manual clock starts at the same instant).</param>
        public Incarnation(string file, TimeSpan later)
        {
            Clock.Advance(later);
            Kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = Clock }, "natneg-durability");
            Persistence = TemporaryPersistence.Start(Kit.System, file);
            Frontend = Kit.CreateTestProbe("natneg-frontend");
            Region = NatNegSessions.StartRegion(Kit.System, new NatNegSessionContext(Settings, Metrics, Capacity, NullLogger.Instance));
        }

        public ManualTimeProvider Clock { get; } = new();
        public ActorSystemFixture Kit { get; }
        public TemporaryPersistence Persistence { get; }
        public TestProbe Frontend { get; }
        public NatNegMetrics Metrics { get; } = new();
        public NatNegCapacity Capacity { get; } = new(10);
        public IActorRef Region { get; }

        public void Inits(uint cookie, byte index)
        {
            foreach (var portType in new[] { NatNegPortType.GamePort, NatNegPortType.Nn1 })
                Region.Tell(new NatNegInitReceived(NatNegSessions.EntityIdOf(cookie), 3, portType, index, true, default, "mariokartwii",
                    new NatNegEndpoint(AddressOf(index, portType), Frontend.Ref)));
        }

        public async Task<List<(NatNegAddress To, NatNegConnectPacket Packet)>> ConnectsAsync(int count)
        {
            var connects = new List<(NatNegAddress, NatNegConnectPacket)>();
            while (connects.Count < count)
            {
                var send = await Frontend.FishForMessageAsync<NatNegSend>(s => NatNegParser.Parse(s.Datagram).Packet is NatNegConnectPacket, Wait);
                connects.Add((send.Target, (NatNegConnectPacket)NatNegParser.Parse(send.Datagram).Packet!));
            }
            return connects;
        }

        public async ValueTask DisposeAsync()
        {
            await Kit.DisposeAsync();
            await Persistence.DisposeAsync();
        }
    }

    private static NatNegAddress AddressOf(byte index, NatNegPortType portType) => new(0xCB007100u + index, (ushort)(20000 + 100 * index + (int)portType));

    [Fact]
    public async Task A_half_done_negotiation_goes_on_after_a_restart_and_both_consoles_get_CONNECT()
    {
        await using (var before = new Incarnation(_file, TimeSpan.Zero))
        {
            before.Inits(_cookie, 0);
            await before.Frontend.FishForMessageAsync<NatNegSend>(s => NatNegParser.Parse(s.Datagram).Packet is NatNegInitPacket { Type: NatNegPacketType.InitAck, PortType: NatNegPortType.Nn1 }, Wait);
            Assert.Equal(1, before.Capacity.Open);
        }

        await using var after = new Incarnation(_file, TimeSpan.FromSeconds(2));
        after.Inits(_cookie, 1);

        var connects = await after.ConnectsAsync(2);
        // Console 0 (whose INITs the previous incarnation took) is told console 1's game address, and the other way round.
        Assert.Contains(connects, c => c.To == AddressOf(0, NatNegPortType.Nn1) && c.Packet.RemoteAddress == AddressOf(1, NatNegPortType.GamePort));
        Assert.Contains(connects, c => c.To == AddressOf(1, NatNegPortType.Nn1) && c.Packet.RemoteAddress == AddressOf(0, NatNegPortType.GamePort));
        Assert.Equal(1, after.Metrics.Recovered);
        Assert.Equal(0, after.Metrics.Started); // nothing new was opened: it is the same negotiation
    }

    [Fact]
    public async Task A_negotiation_older_than_its_timeout_is_closed_at_recovery_and_its_console_told_its_partner_never_came()
    {
        await using (var before = new Incarnation(_file, TimeSpan.Zero))
        {
            before.Inits(_cookie, 0);
            await before.Frontend.FishForMessageAsync<NatNegSend>(s => NatNegParser.Parse(s.Datagram).Packet is NatNegInitPacket { Type: NatNegPacketType.InitAck, PortType: NatNegPortType.Nn1 }, Wait);
        }

        await using var after = new Incarnation(_file, Settings.SessionTimeout + TimeSpan.FromSeconds(5));
        after.Inits(_cookie, 1); // wakes the entity; the recovered negotiation is overdue

        var (to, packet) = Assert.Single(await after.ConnectsAsync(1));
        Assert.Equal(AddressOf(0, NatNegPortType.Nn1), to);
        Assert.Equal((byte)NatNegFinished.DeadbeatPartner, packet.Finished);
        await Awaiting.ConditionAsync(() => after.Metrics.TimedOut == 1, message: "the overdue negotiation should close as timed out");
    }
}
