using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Tests.Matchmaking;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// A matchmaking table that comes back after its actor system stopped (a restart of the node, or the successor of a
/// smart restart), over the same SQLite file: its hosts, their keys and authentication, with liveness starting anew.
/// </summary>
public sealed class MatchmakingTableRecoveryTests : IDisposable
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);
    private static readonly HostAddress Listed = new(0x5516_824C, 50001);
    private static readonly HostAddress Pending = new(0x0A000002, 50002);
    private static readonly MatchmakingSettings Settings = new() { ServerExpiry = Expiry, ChallengeTimeout = TimeSpan.FromSeconds(30) };

    private readonly string _file = TemporaryPersistence.NewFile();

    public void Dispose() => TemporaryPersistence.Delete(_file);

    /// <summary>One incarnation of the node: an actor system on a manual clock, persistence over the file, the table.</summary>
    private sealed class Incarnation : IAsyncDisposable
    {
        public Incarnation(string file, PersistenceSettings? settings = null)
        {
            Kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = Clock });
            Persistence = TemporaryPersistence.Start(Kit.System, file, settings);
            Frontend = Kit.CreateTestProbe("qr2");
            Table = Kit.System.ActorOf(MatchmakingTable.Props(MkwHosts.Game, Settings, MkwHosts.Games(), Metrics), "table");
        }

        public ManualTimeProvider Clock { get; } = new();
        public ActorSystemFixture Kit { get; }
        public TemporaryPersistence Persistence { get; }
        public TestProbe Frontend { get; }
        public MatchmakingMetrics Metrics { get; } = new();
        public IActorRef Table { get; }

        public void Heartbeat(HostAddress host, uint instanceKey, List<KeyValuePair<string, string>> keys, Qr2StateChange state = Qr2StateChange.Periodic) =>
            Frontend.Send(Table, new Qr2HeartbeatReceived(MkwHosts.Game, host, MkwHosts.Heartbeat(host, instanceKey, keys, state)));

        public async Task RegisterAsync(HostAddress host, uint instanceKey, List<KeyValuePair<string, string>> keys)
        {
            Heartbeat(host, instanceKey, keys, Qr2StateChange.Initial);
            var challenge = await Frontend.ExpectMsgAsync<Qr2SendChallenge>(c => c.Address == host);
            Frontend.Send(Table, new Qr2ChallengeAnswered(MkwHosts.Game, host, instanceKey,
                Qr2ChallengeAlgorithm.ComputeResponse(MkwHosts.SecretKey, challenge.Challenge)));
            await Frontend.ExpectMsgAsync<Qr2SendClientRegistered>(r => r.Address == host);
        }

        public Task<FoundHosts> FindAsync(string filter = "", params string[] fields) =>
            Table.Ask<FoundHosts>(new FindHosts(MkwHosts.Game, filter, fields, 100, 0x7F000001));

        public Task<TableView> ViewAsync() => Table.Ask<TableView>(new GetTableView(MkwHosts.Game));

        public async ValueTask DisposeAsync()
        {
            // Terminating the system flushes the journal (what a smart restart's fence does, and what had committed before a crash).
            await Kit.DisposeAsync();
            await Persistence.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_restarted_table_lists_its_hosts_with_their_latest_keys_and_keeps_pending_ones_unlisted()
    {
        await using (var before = new Incarnation(_file))
        {
            await before.RegisterAsync(Listed, 7, MkwHosts.Keys(1001, ev: 5000));
            before.Heartbeat(Listed, 7, MkwHosts.Keys(1001, ev: 6100)); // a changed record: an event
            before.Heartbeat(Pending, 9, MkwHosts.Keys(1002), Qr2StateChange.Initial);
            await before.Frontend.ExpectMsgAsync<Qr2SendChallenge>(c => c.Address == Pending);
            Assert.Equal(["6100"], Assert.Single((await before.FindAsync("", "ev")).Hosts).Values);
        }

        await using var after = new Incarnation(_file);
        var found = Assert.Single((await after.FindAsync("", "dwc_pid", "ev")).Hosts);
        Assert.Equal(Listed, found.Address);
        Assert.Equal(["1001", "6100"], found.Values);
        var view = await after.ViewAsync();
        Assert.Equal((1, 1), (view.Listed, view.Pending));
        Assert.Equal(2, after.Metrics[MatchmakingCounter.Qr2HostsRecovered]);
        // A filter on a key name works: names coming from the journal are pooled again.
        Assert.Single((await after.FindAsync("dwc_pid = 1001")).Hosts);
    }

    [Fact]
    public async Task A_recovered_host_that_reports_again_is_not_challenged_and_one_that_stays_silent_expires_normally()
    {
        await using (var before = new Incarnation(_file))
        {
            await before.RegisterAsync(Listed, 7, MkwHosts.Keys(1001));
            await before.RegisterAsync(Pending, 8, MkwHosts.Keys(1002)); // authenticated too; it will stay silent
        }

        await using var after = new Incarnation(_file);
        Assert.Equal(2, (await after.FindAsync()).Hosts.Count);
        after.Clock.Advance(Expiry - TimeSpan.FromSeconds(5));
        after.Heartbeat(Listed, 7, MkwHosts.Keys(1001)); // the same record as before the restart
        Assert.Equal(2, (await after.FindAsync()).Hosts.Count);
        Assert.Equal(0, after.Metrics[MatchmakingCounter.Qr2ChallengesSent]);
        Assert.Equal(0, after.Metrics[MatchmakingCounter.Qr2RecordsChanged]);

        after.Clock.Advance(TimeSpan.FromSeconds(10)); // past the expiry counted from recovery, for the silent one only
        await Awaiting.ConditionAsync(() => after.Metrics[MatchmakingCounter.Qr2HostsExpired] == 1, message: "the silent host should expire");
        Assert.Equal(Listed, Assert.Single((await after.FindAsync()).Hosts).Address);
    }

    [Fact]
    public async Task Unchanged_heartbeats_write_nothing_and_a_snapshot_replaces_the_events_it_covers()
    {
        var settings = new PersistenceSettings { SnapshotEvery = 4 };
        var persistenceId = MatchmakingTable.PersistenceIdOf(MkwHosts.Game);
        await using (var before = new Incarnation(_file, settings))
        {
            await before.RegisterAsync(Listed, 7, MkwHosts.Keys(1001));          // events 1, 2
            await before.RegisterAsync(Pending, 8, MkwHosts.Keys(1002));         // events 3, 4: snapshot at #4
            for (var i = 0; i < 20; i++) before.Heartbeat(Listed, 7, MkwHosts.Keys(1001));
            Assert.Equal(2, (await before.FindAsync()).Hosts.Count);
            await Awaiting.ConditionAsync(() => before.Persistence.Journal.ReadHighestSequenceNrAsync(persistenceId).GetAwaiter().GetResult() == 4);
            await Awaiting.ConditionAsync(() => before.Persistence.Persistence.Metrics.SnapshotsSaved >= 1, message: "a snapshot should be saved at #4");
            await Awaiting.ConditionAsync(() => CountEvents(before.Persistence.Journal, persistenceId) == 0,
                message: "the events the snapshot covers should be deleted");
            before.Heartbeat(Listed, 7, MkwHosts.Keys(1001, ev: 7000));          // event 5, after the snapshot
            Assert.Equal(["7000"], Assert.Single((await before.FindAsync("dwc_pid = 1001", "ev")).Hosts).Values);
        }

        Assert.Equal(5, await ReadHighestAsync(persistenceId));
        await using (var store = Wiimmfi.Actors.Runtime.Persistence.Sql.SqlPersistenceStore.Open(Wiimmfi.Actors.Storage.StoreOptions.ForSqliteFile(_file)))
            Assert.Equal(1, CountEvents(store.Journal, persistenceId)); // only #5: #1..#4 went with the snapshot at #4

        await using var after = new Incarnation(_file, settings);
        Assert.Equal(["7000"], Assert.Single((await after.FindAsync("dwc_pid = 1001", "ev")).Hosts).Values);
        Assert.Equal(2, (await after.FindAsync()).Hosts.Count);
    }

    private static int CountEvents(IJournal journal, string persistenceId)
    {
        var count = 0;
        journal.ReplayAsync(persistenceId, 1, long.MaxValue, long.MaxValue, _ => count++).GetAwaiter().GetResult();
        return count;
    }

    private async Task<long> ReadHighestAsync(string persistenceId)
    {
        await using var store = Wiimmfi.Actors.Runtime.Persistence.Sql.SqlPersistenceStore.Open(Wiimmfi.Actors.Storage.StoreOptions.ForSqliteFile(_file));
        return await store.Journal.ReadHighestSequenceNrAsync(persistenceId);
    }
}
