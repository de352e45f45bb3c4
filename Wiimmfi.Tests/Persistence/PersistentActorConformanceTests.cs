using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Persistence;

/// <summary>
/// What a persistent actor must do on every store: persist, recover after the actor and after the
/// whole actor system restarted, recover from a snapshot plus later events, and stop when another
/// writer took its sequence number. Run on SQLite and PostgreSQL.
/// </summary>
public abstract class PersistentActorConformanceTests
{
    /// <summary>The database the test's actor systems share (a file, or a PostgreSQL database).</summary>
    protected abstract Task<StoreOptions> DatabaseAsync();

    [PostgresAwareFact]
    public async Task A_new_actor_recovers_empty_and_still_gets_RecoveryCompleted()
    {
        await using var harness = await PersistenceHarness.StartAsync(await DatabaseAsync());
        var observer = harness.Probe();

        var (_, recovered) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), observer);

        Assert.Equal(0, recovered.Total);
        Assert.Equal(0, recovered.LastSequenceNr);
        Assert.Equal(0, recovered.EventsReplayed);
    }

    [PostgresAwareFact]
    public async Task Persisted_events_are_acknowledged_in_order_and_recovered_by_the_next_incarnation()
    {
        var options = await DatabaseAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        await using var harness = await PersistenceHarness.StartAsync(options);
        var observer = harness.Probe();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, observer);

        client.Send(counter, new Add(5));
        client.Send(counter, new Add(7));
        client.Send(counter, new AddMany([1, 2, 3]));
        Assert.Equal(new Ack(1, 5), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new Ack(2, 12), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new Ack(3, 13), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new Ack(4, 15), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new Ack(5, 18), await client.ExpectMsgAsync<Ack>());

        client.Watch(counter);
        harness.System.Stop(counter);
        await client.ExpectMsgAsync<Terminated>();
        var (again, recovered) = await harness.StartCounterAsync(pid, observer);

        Assert.Equal(new Recovered(pid, 18, 5, 5, null), recovered);
        client.Send(again, new Add(2));
        Assert.Equal(new Ack(6, 20), await client.ExpectMsgAsync<Ack>());
    }

    [PostgresAwareFact]
    public async Task State_survives_a_restart_of_the_whole_actor_system_over_the_same_database()
    {
        var options = await DatabaseAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        await using (var first = await PersistenceHarness.StartAsync(options))
        {
            var client = first.Probe();
            var (counter, _) = await first.StartCounterAsync(pid, first.Probe());
            for (var i = 1; i <= 10; i++) client.Send(counter, new Add(i));
            for (var i = 1; i <= 10; i++) await client.ExpectMsgAsync<Ack>();
        }

        await using var second = await PersistenceHarness.StartAsync(options);
        var (_, recovered) = await second.StartCounterAsync(pid, second.Probe());

        Assert.Equal(new Recovered(pid, 55, 10, 10, null), recovered);
    }

    [PostgresAwareFact]
    public async Task Recovery_starts_from_the_newest_snapshot_and_replays_only_later_events()
    {
        var options = await DatabaseAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        await using (var first = await PersistenceHarness.StartAsync(options))
        {
            var client = first.Probe();
            var (counter, _) = await first.StartCounterAsync(pid, first.Probe());
            foreach (var amount in new[] { 1, 2, 3 }) client.Send(counter, new Add(amount));
            for (var i = 0; i < 3; i++) await client.ExpectMsgAsync<Ack>();
            client.Send(counter, new TakeSnapshot());
            var saved = await client.ExpectMsgAsync<SaveSnapshotSuccess>();
            Assert.Equal(3, saved.Metadata.SequenceNr);
            client.Send(counter, new Add(10));
            client.Send(counter, new Add(20));
            await client.ExpectMsgAsync<Ack>();
            await client.ExpectMsgAsync<Ack>();
        }

        await using var second = await PersistenceHarness.StartAsync(options);
        var (_, recovered) = await second.StartCounterAsync(pid, second.Probe());

        Assert.Equal(new Recovered(pid, 36, 5, EventsReplayed: 2, SnapshotSequenceNr: 3), recovered);
    }

    [PostgresAwareFact]
    public async Task A_second_writer_of_the_same_persistence_id_fails_its_persist_and_stops()
    {
        await using var harness = await PersistenceHarness.StartAsync(await DatabaseAsync());
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (first, _) = await harness.StartCounterAsync(pid, harness.Probe());
        var (second, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Watch(second);

        client.Send(first, new Add(1));
        Assert.Equal(new Ack(1, 1), await client.ExpectMsgAsync<Ack>());
        client.Send(second, new Add(100));

        var terminated = await client.ExpectMsgAsync<Terminated>();
        Assert.Equal(second, terminated.ActorRef);
        Assert.Equal(1, harness.Persistence.Metrics.WritesFailed);
        Assert.Contains(harness.Kit.Log.Entries, e => e.EventId.Id == 8001 && e.Exception is JournalConflictException);
        client.Send(first, new GetCounter());
        Assert.Equal(new CounterView(1, 1), await client.ExpectMsgAsync<CounterView>());
    }
}

/// <summary>Persistent actors on SQLite: one fresh file per test.</summary>
public sealed class SqlitePersistentActorConformanceTests(Storage.SqliteFolderFixture folder)
    : PersistentActorConformanceTests, IClassFixture<Storage.SqliteFolderFixture>
{
    private readonly string _file = folder.NewFile();

    protected override Task<StoreOptions> DatabaseAsync() => Task.FromResult(StoreOptions.ForSqliteFile(_file));
}

/// <summary>Persistent actors on PostgreSQL: one database per class, persistence ids unique per test.</summary>
[PostgresRequired]
public sealed class PostgresPersistentActorConformanceTests(PostgresDatabaseFixture database)
    : PersistentActorConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<StoreOptions> DatabaseAsync() => StoreOptions.ForPostgres(await database.GetConnectionStringAsync());
}
