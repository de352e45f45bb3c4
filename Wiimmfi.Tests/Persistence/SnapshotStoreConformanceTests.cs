using System.Text;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Persistence.Sql;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Persistence;

/// <summary>
/// The snapshot store's specification (Akka's SnapshotStoreSpec), run on SQLite and PostgreSQL. Each
/// test saves snapshots at sequence numbers 10, 20, 30 a minute apart and selects among them.
/// </summary>
public abstract class SnapshotStoreConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private SqlPersistenceStore _store = null!;

    protected ISnapshotStore Snapshots => _store.SnapshotStore;

    protected abstract Task<StoreOptions> DatabaseAsync();

    public async Task InitializeAsync()
    {
        var options = await DatabaseAsync();
        await SchemaMigrator.MigrateAsync(options);
        _store = SqlPersistenceStore.Open(options);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }

    private static SnapshotRecord Snapshot(string pid, long sequenceNr, int minute) =>
        new(new SnapshotMetadata(pid, sequenceNr, Start.AddMinutes(minute)), "test.snapshot", Encoding.UTF8.GetBytes($"{{\"at\":{sequenceNr}}}"));

    /// <summary>A persistence id with snapshots at 10 (minute 1), 20 (minute 2) and 30 (minute 3).</summary>
    private async Task<string> ThreeSnapshotsAsync()
    {
        var pid = PersistenceHarness.NewPersistenceId("snapshots");
        await Snapshots.SaveAsync(Snapshot(pid, 10, 1));
        await Snapshots.SaveAsync(Snapshot(pid, 20, 2));
        await Snapshots.SaveAsync(Snapshot(pid, 30, 3));
        return pid;
    }

    [PostgresAwareFact]
    public async Task Loading_without_criteria_gives_the_newest_snapshot_with_its_metadata_and_payload()
    {
        var pid = await ThreeSnapshotsAsync();

        var loaded = await Snapshots.LoadAsync(pid, SnapshotSelectionCriteria.Latest);

        Assert.NotNull(loaded);
        Assert.Equal(new SnapshotMetadata(pid, 30, Start.AddMinutes(3)), loaded.Metadata);
        Assert.Equal("test.snapshot", loaded.Manifest);
        Assert.Equal("{\"at\":30}", Encoding.UTF8.GetString(loaded.Payload));
    }

    [PostgresAwareFact]
    public async Task A_persistence_id_without_snapshots_loads_nothing()
    {
        Assert.Null(await Snapshots.LoadAsync(PersistenceHarness.NewPersistenceId("none"), SnapshotSelectionCriteria.Latest));
    }

    [PostgresAwareFact]
    public async Task Criteria_select_the_newest_snapshot_within_the_bounds()
    {
        var pid = await ThreeSnapshotsAsync();

        Assert.Equal(20, (await Snapshots.LoadAsync(pid, new SnapshotSelectionCriteria(MaxSequenceNr: 25)))!.Metadata.SequenceNr);
        Assert.Equal(20, (await Snapshots.LoadAsync(pid, new SnapshotSelectionCriteria(MaxTimestamp: Start.AddMinutes(2))))!.Metadata.SequenceNr);
        Assert.Equal(10, (await Snapshots.LoadAsync(pid, new SnapshotSelectionCriteria(MaxSequenceNr: 20, MaxTimestamp: Start.AddMinutes(1))))!.Metadata.SequenceNr);
        Assert.Null(await Snapshots.LoadAsync(pid, new SnapshotSelectionCriteria(MaxSequenceNr: 5)));
        Assert.Null(await Snapshots.LoadAsync(pid, new SnapshotSelectionCriteria(MinSequenceNr: 31)));
        Assert.Null(await Snapshots.LoadAsync(pid, SnapshotSelectionCriteria.None));
    }

    [PostgresAwareFact]
    public async Task Saving_again_at_the_same_sequence_number_replaces_the_snapshot()
    {
        var pid = await ThreeSnapshotsAsync();

        await Snapshots.SaveAsync(new SnapshotRecord(new SnapshotMetadata(pid, 30, Start.AddMinutes(9)), "test.snapshot", "{\"at\":\"again\"}"u8.ToArray()));

        var loaded = await Snapshots.LoadAsync(pid, SnapshotSelectionCriteria.Latest);
        Assert.Equal(Start.AddMinutes(9), loaded!.Metadata.Timestamp);
        Assert.Equal("{\"at\":\"again\"}", Encoding.UTF8.GetString(loaded.Payload));
    }

    [PostgresAwareFact]
    public async Task Deleting_one_snapshot_makes_the_one_before_it_the_newest()
    {
        var pid = await ThreeSnapshotsAsync();

        await Snapshots.DeleteAsync(new SnapshotMetadata(pid, 30, DateTimeOffset.MinValue));

        Assert.Equal(20, (await Snapshots.LoadAsync(pid, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
    }

    [PostgresAwareFact]
    public async Task Deleting_by_criteria_removes_every_match_and_nothing_else()
    {
        var pid = await ThreeSnapshotsAsync();
        var other = await ThreeSnapshotsAsync();

        await Snapshots.DeleteAsync(pid, new SnapshotSelectionCriteria(MaxSequenceNr: 20));

        Assert.Null(await Snapshots.LoadAsync(pid, new SnapshotSelectionCriteria(MaxSequenceNr: 29)));
        Assert.Equal(30, (await Snapshots.LoadAsync(pid, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        Assert.Equal(20, (await Snapshots.LoadAsync(other, new SnapshotSelectionCriteria(MaxSequenceNr: 29)))!.Metadata.SequenceNr);
    }
}

/// <summary>The snapshot store specification on SQLite, on real files in a temporary folder.</summary>
public sealed class SqliteSnapshotStoreConformanceTests(Storage.SqliteFolderFixture folder)
    : SnapshotStoreConformanceTests, IClassFixture<Storage.SqliteFolderFixture>
{
    protected override Task<StoreOptions> DatabaseAsync() => Task.FromResult(StoreOptions.ForSqliteFile(folder.SharedFile));
}

/// <summary>The snapshot store specification on PostgreSQL.</summary>
[PostgresRequired]
public sealed class PostgresSnapshotStoreConformanceTests(PostgresDatabaseFixture database)
    : SnapshotStoreConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<StoreOptions> DatabaseAsync() => StoreOptions.ForPostgres(await database.GetConnectionStringAsync());
}
