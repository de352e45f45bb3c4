using Dapper;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

/// <summary>The store specification on SQLite, on real files in a temporary folder.</summary>
public sealed class SqliteStoreConformanceTests(SqliteFolderFixture folder) : StoreConformanceTests, IClassFixture<SqliteFolderFixture>
{
    protected override Task<StoreOptions> SharedDatabaseAsync() => Task.FromResult(StoreOptions.ForSqliteFile(folder.SharedFile));

    protected override Task<StoreOptions> EmptyDatabaseAsync() => Task.FromResult(StoreOptions.ForSqliteFile(folder.NewFile()));

    [Fact]
    public async Task The_database_is_a_real_file_in_WAL_mode_with_foreign_keys_and_a_busy_timeout()
    {
        var options = StoreOptions.ForSqliteFile(folder.SharedFile) with { BusyTimeout = TimeSpan.FromSeconds(7) };
        await using var database = StoreDatabase.Create(options);
        await using var connection = await database.OpenAsync(CancellationToken.None);

        Assert.True(File.Exists(folder.SharedFile));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(7000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task A_missing_data_folder_is_created()
    {
        var file = Path.Combine(folder.Folder, "nested", "deeper", "wiimmfi.db");

        await SchemaMigrator.MigrateAsync(StoreOptions.ForSqliteFile(file));

        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task A_writer_waits_for_another_writer_instead_of_failing()
    {
        // A busy timeout far longer than any stall of a loaded test machine: the creation must still be waiting,
        // not timed out, when this test looks at it.
        await using var store = WiimmfiStore.Create(SharedOptions with { BusyTimeout = TimeSpan.FromMinutes(3) }, Clock);
        await using var database = StoreDatabase.Create(SharedOptions);
        await using var blocker = await database.OpenAsync(CancellationToken.None);
        Task<ProfileCreateResult> creation;
        await using (var transaction = await database.BeginWriteAsync(blocker, CancellationToken.None))
        {
            creation = store.Profiles.CreateAsync(ProfileFor(NewUserId()));
            // While the write lock is held the creation cannot succeed; had it failed with "database is locked"
            // instead of waiting, it would be complete by now. The test thread sleeps rather than awaits: from here
            // to the commit nothing may wait for a scheduler that a loaded test run keeps busy (an await here once
            // resumed only after the creation's whole busy timeout had passed).
            Thread.Sleep(TimeSpan.FromMilliseconds(300));
            Assert.False(creation.IsCompleted, creation.Exception?.ToString());
            await transaction.CommitAsync();
        }

        var result = await creation;
        Assert.Equal(ProfileCreateOutcome.Created, result.Outcome);
    }
}
