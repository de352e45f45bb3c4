using System.Text;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Persistence.Sql;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Persistence;

/// <summary>
/// The journal's specification (Akka's JournalSpec), written once and run on SQLite
/// (<see cref="SqliteJournalConformanceTests"/>) and PostgreSQL (<see cref="PostgresJournalConformanceTests"/>).
/// Tests share one migrated database per class and keep apart by persistence id.
/// </summary>
public abstract class JournalConformanceTests : IAsyncLifetime
{
    private SqlPersistenceStore _store = null!;

    protected IJournal Journal => _store.Journal;

    protected abstract Task<StoreOptions> DatabaseAsync();

    public async Task InitializeAsync()
    {
        var options = await DatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        _store = SqlPersistenceStore.Open(options, new Storage.ManualClock(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)));
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }

    protected static string NewPid() => PersistenceHarness.NewPersistenceId("journal");

    protected static PersistentRepresentation Event(string pid, long sequenceNr, string text = "") =>
        new(pid, sequenceNr, "test.event", Encoding.UTF8.GetBytes($"{{\"n\":{sequenceNr},\"text\":\"{text}\"}}"), "writer-1");

    /// <summary>Writes events 1..count of <paramref name="pid"/>, one atomic write each.</summary>
    protected async Task WriteEventsAsync(string pid, int count, int from = 1)
    {
        var writes = Enumerable.Range(from, count).Select(n => new AtomicWrite(Event(pid, n))).ToList();
        var results = await Journal.WriteAsync(writes);
        Assert.All(results, Assert.Null);
    }

    protected async Task<List<PersistentRepresentation>> ReplayAsync(string pid, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var events = new List<PersistentRepresentation>();
        await Journal.ReplayAsync(pid, from, to, max, events.Add);
        return events;
    }

    [PostgresAwareFact]
    public async Task Replay_returns_every_event_in_sequence_order_with_what_was_written()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 5);

        var events = await ReplayAsync(pid);

        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.SequenceNr));
        var third = events[2];
        Assert.Equal(pid, third.PersistenceId);
        Assert.Equal("test.event", third.Manifest);
        Assert.Equal("{\"n\":3,\"text\":\"\"}", Encoding.UTF8.GetString(third.Payload));
        Assert.Equal("writer-1", third.Writer);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), third.Timestamp);
    }

    [PostgresAwareFact]
    public async Task Replay_honours_from_to_and_max()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 5);

        Assert.Equal([2L, 3, 4, 5], (await ReplayAsync(pid, from: 2)).Select(e => e.SequenceNr));
        Assert.Equal([1L, 2, 3], (await ReplayAsync(pid, to: 3)).Select(e => e.SequenceNr));
        Assert.Equal([2L, 3], (await ReplayAsync(pid, from: 2, to: 3)).Select(e => e.SequenceNr));
        Assert.Equal([2L, 3], (await ReplayAsync(pid, from: 2, max: 2)).Select(e => e.SequenceNr));
        Assert.Empty(await ReplayAsync(pid, max: 0));
        Assert.Empty(await ReplayAsync(pid, from: 6));
        Assert.Empty(await ReplayAsync(pid, from: 4, to: 3));
    }

    [PostgresAwareFact]
    public async Task An_unknown_persistence_id_replays_nothing_and_has_highest_sequence_number_zero()
    {
        var pid = NewPid();

        Assert.Empty(await ReplayAsync(pid));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [PostgresAwareFact]
    public async Task The_ids_with_live_events_under_a_prefix_leave_out_deleted_streams_and_other_prefixes()
    {
        var prefix = $"listed{Guid.NewGuid():N}-";
        var live = prefix + "1";
        var deleted = prefix + "2";
        var partlyDeleted = prefix + "3";
        var elsewhere = $"other{Guid.NewGuid():N}-1";
        await WriteEventsAsync(live, 2);
        await WriteEventsAsync(deleted, 2);
        await WriteEventsAsync(partlyDeleted, 3);
        await WriteEventsAsync(elsewhere, 1);
        await Journal.DeleteMessagesToAsync(deleted, long.MaxValue);
        await Journal.DeleteMessagesToAsync(partlyDeleted, 1);

        var ids = await Journal.ReadIdsWithEventsAsync(prefix);

        Assert.NotNull(ids);
        Assert.Equal(new[] { live, partlyDeleted }.Order(), ids!.Order());
    }

    [PostgresAwareFact]
    public async Task The_highest_sequence_number_is_the_last_written()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 3);

        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [PostgresAwareFact]
    public async Task Recovery_s_first_read_returns_the_page_and_the_highest_sequence_number_together()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 5);
        await Journal.DeleteMessagesToAsync(pid, 2);
        var deletedAll = NewPid();
        await WriteEventsAsync(deletedAll, 3);
        await Journal.DeleteMessagesToAsync(deletedAll, long.MaxValue);

        var page = new List<PersistentRepresentation>();
        var highest = await Journal.ReplayAndReadHighestAsync(pid, 1, long.MaxValue, 2, page.Add);
        var none = new List<PersistentRepresentation>();
        var tombstone = await Journal.ReplayAndReadHighestAsync(deletedAll, 1, long.MaxValue, 100, none.Add);
        var unknown = await Journal.ReplayAndReadHighestAsync(NewPid(), 1, long.MaxValue, 100, none.Add);

        Assert.Equal(5, highest);
        Assert.Equal([3L, 4], page.Select(e => e.SequenceNr));
        Assert.Equal("writer-1", page[0].Writer);
        Assert.Equal(3, tombstone);
        Assert.Equal(0, unknown);
        Assert.Empty(none);
    }

    [PostgresAwareFact]
    public async Task A_batch_of_atomic_writes_of_many_persistence_ids_lands_whole()
    {
        var pids = Enumerable.Range(0, 10).Select(_ => NewPid()).ToList();
        var writes = pids.Select(pid => new AtomicWrite([Event(pid, 1), Event(pid, 2), Event(pid, 3)])).ToList();

        var results = await Journal.WriteAsync(writes);

        Assert.Equal(10, results.Count);
        Assert.All(results, Assert.Null);
        foreach (var pid in pids) Assert.Equal([1L, 2, 3], (await ReplayAsync(pid)).Select(e => e.SequenceNr));
    }

    [PostgresAwareFact]
    public async Task A_sequence_number_already_stored_is_refused_and_the_rest_of_the_batch_still_lands()
    {
        var taken = NewPid();
        var other = NewPid();
        await WriteEventsAsync(taken, 2);

        var results = await Journal.WriteAsync([
            new AtomicWrite(Event(other, 1)),
            new AtomicWrite([Event(taken, 2, "second writer"), Event(taken, 3, "second writer")]),
            new AtomicWrite(Event(other, 2)),
        ]);

        Assert.Null(results[0]);
        var conflict = Assert.IsType<JournalConflictException>(results[1]);
        Assert.Equal(taken, conflict.PersistenceId);
        Assert.Null(results[2]);
        // The refused write is atomic: its event 3, which did not collide, did not land either.
        var stored = await ReplayAsync(taken);
        Assert.Equal([1L, 2], stored.Select(e => e.SequenceNr));
        Assert.Equal("{\"n\":2,\"text\":\"\"}", Encoding.UTF8.GetString(stored[1].Payload)); // the first writer's event 2 is untouched
        Assert.Equal([1L, 2], (await ReplayAsync(other)).Select(e => e.SequenceNr));
    }

    [PostgresAwareFact]
    public async Task After_a_refused_write_the_later_writes_of_the_same_persistence_id_in_the_batch_are_skipped()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 1);

        var results = await Journal.WriteAsync([new AtomicWrite(Event(pid, 1, "again")), new AtomicWrite(Event(pid, 2, "after the gap"))]);

        Assert.IsType<JournalConflictException>(results[0]);
        Assert.IsType<JournalWriteSkippedException>(results[1]);
        Assert.Equal(1, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [PostgresAwareFact]
    public async Task A_lone_duplicate_write_is_refused()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 1);

        var results = await Journal.WriteAsync([new AtomicWrite(Event(pid, 1, "again"))]);

        Assert.IsType<JournalConflictException>(Assert.Single(results));
    }

    [PostgresAwareFact]
    public async Task Deleted_events_are_not_replayed_and_the_highest_sequence_number_stays()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 5);

        await Journal.DeleteMessagesToAsync(pid, 3);

        Assert.Equal([4L, 5], (await ReplayAsync(pid)).Select(e => e.SequenceNr));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [PostgresAwareFact]
    public async Task Deleting_every_event_keeps_the_highest_sequence_number_as_a_tombstone()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 4);

        await Journal.DeleteMessagesToAsync(pid, long.MaxValue);

        Assert.Empty(await ReplayAsync(pid));
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync(pid));
        // The number is never reused: writing 4 again is refused, 5 is accepted.
        Assert.IsType<JournalConflictException>(Assert.Single(await Journal.WriteAsync([new AtomicWrite(Event(pid, 4))])));
        Assert.Null(Assert.Single(await Journal.WriteAsync([new AtomicWrite(Event(pid, 5))])));
        Assert.Equal([5L], (await ReplayAsync(pid)).Select(e => e.SequenceNr));
    }

    [PostgresAwareFact]
    public async Task Deleting_twice_and_beyond_the_highest_is_harmless()
    {
        var pid = NewPid();
        await WriteEventsAsync(pid, 3);

        await Journal.DeleteMessagesToAsync(pid, 2);
        await Journal.DeleteMessagesToAsync(pid, 2);
        await Journal.DeleteMessagesToAsync(pid, 100);
        await Journal.DeleteMessagesToAsync(NewPid(), 5);

        Assert.Empty(await ReplayAsync(pid));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [PostgresAwareFact]
    public async Task Deleting_one_persistence_id_leaves_the_others_alone()
    {
        var deleted = NewPid();
        var kept = NewPid();
        await WriteEventsAsync(deleted, 3);
        await WriteEventsAsync(kept, 3);

        await Journal.DeleteMessagesToAsync(deleted, 3);

        Assert.Equal([1L, 2, 3], (await ReplayAsync(kept)).Select(e => e.SequenceNr));
    }

    [PostgresAwareFact]
    public async Task Many_events_round_trip_in_one_batch()
    {
        var pid = NewPid();
        var events = Enumerable.Range(1, 2500).Select(n => Event(pid, n)).ToList();

        var results = await Journal.WriteAsync([new AtomicWrite(events)]);

        Assert.Null(Assert.Single(results));
        Assert.Equal(Enumerable.Range(1, 2500).Select(n => (long)n), (await ReplayAsync(pid)).Select(e => e.SequenceNr));
    }
}

/// <summary>The journal specification on SQLite, on real files in a temporary folder.</summary>
public sealed class SqliteJournalConformanceTests(Storage.SqliteFolderFixture folder)
    : JournalConformanceTests, IClassFixture<Storage.SqliteFolderFixture>
{
    protected override Task<StoreOptions> DatabaseAsync() => Task.FromResult(StoreOptions.ForSqliteFile(folder.SharedFile));
}

/// <summary>The journal specification on PostgreSQL: one fresh database on the throwaway server per class.</summary>
[PostgresRequired]
public sealed class PostgresJournalConformanceTests(PostgresDatabaseFixture database)
    : JournalConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<StoreOptions> DatabaseAsync() => StoreOptions.ForPostgres(await database.GetConnectionStringAsync());
}
