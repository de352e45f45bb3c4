using Dapper;
using Microsoft.Data.Sqlite;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

/// <summary>The SQLite group commit: many callers' one-statement writes share transactions, each answered once.</summary>
public sealed class SqliteWriteBatcherTests(SqliteFolderFixture folder) : IClassFixture<SqliteFolderFixture>
{
    [Fact]
    public async Task Concurrent_writes_are_all_committed_and_each_caller_sees_its_own_write()
    {
        var file = folder.NewFile();
        await using var batcher = new SqliteWriteBatcher(() => Open(file));
        await CreateTableAsync(file);

        var writes = Enumerable.Range(1, 500).Select(i => Task.Run(() => batcher.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync("INSERT INTO t (id) VALUES (@i)", new { i }, transaction),
            CancellationToken.None))).ToArray();
        var results = await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, inserted => Assert.Equal(1, inserted));
        await using var reader = Open(file);
        Assert.Equal(500L, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
        Assert.Equal(500L, batcher.Writes);
        Assert.InRange(batcher.Batches, 1, 500);
    }

    [Fact]
    public async Task A_failing_statement_fails_only_its_own_caller()
    {
        var file = folder.NewFile();
        await using var batcher = new SqliteWriteBatcher(() => Open(file));
        await CreateTableAsync(file);
        await batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (1)", null, t), CancellationToken.None);

        // Queued together: the duplicate key fails, the others commit.
        var before = batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (2)", null, t), CancellationToken.None);
        var duplicate = batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (1)", null, t), CancellationToken.None);
        var after = batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (3)", null, t), CancellationToken.None);

        Assert.Equal(1, await before);
        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(1, await after);
        await using var reader = Open(file);
        Assert.Equal(new long[] { 1, 2, 3 }, (await reader.QueryAsync<long>("SELECT id FROM t ORDER BY id")).ToArray());
    }

    [Fact]
    public async Task A_failing_atomic_write_undoes_all_of_its_statements_and_nobody_elses()
    {
        var file = folder.NewFile();
        await using var batcher = new SqliteWriteBatcher(() => Open(file));
        await CreateTableAsync(file);
        await batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (1)", null, t), CancellationToken.None);

        // Queued together: the atomic write's third row collides, so its first two must go too; the writes around it
        // (one plain, one atomic) commit in the same transaction.
        var before = batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (2)", null, t), CancellationToken.None);
        var failing = batcher.WriteAtomicallyAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO t (id) VALUES (10)", null, t);
            await c.ExecuteAsync("INSERT INTO t (id) VALUES (11)", null, t);
            return await c.ExecuteAsync("INSERT INTO t (id) VALUES (1)", null, t);
        }, CancellationToken.None);
        var atomic = batcher.WriteAtomicallyAsync(async (c, t) =>
            await c.ExecuteAsync("INSERT INTO t (id) VALUES (20)", null, t) + await c.ExecuteAsync("INSERT INTO t (id) VALUES (21)", null, t),
            CancellationToken.None);
        var after = batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (3)", null, t), CancellationToken.None);

        Assert.Equal(1, await before);
        await Assert.ThrowsAsync<SqliteException>(() => failing);
        Assert.Equal(2, await atomic);
        Assert.Equal(1, await after);
        await using var reader = Open(file);
        Assert.Equal(new long[] { 1, 2, 3, 20, 21 }, (await reader.QueryAsync<long>("SELECT id FROM t ORDER BY id")).ToArray());
    }

    [Fact]
    public async Task After_disposal_a_write_is_refused_and_queued_writes_were_finished()
    {
        var file = folder.NewFile();
        var batcher = new SqliteWriteBatcher(() => Open(file));
        await CreateTableAsync(file);
        var queued = batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (7)", null, t), CancellationToken.None);

        await batcher.DisposeAsync();

        Assert.Equal(1, await queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            batcher.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO t (id) VALUES (8)", null, t), CancellationToken.None));
    }

    private static SqliteConnection Open(string file) => SqliteFolderFixture.OpenWal(file);

    private static async Task CreateTableAsync(string file)
    {
        await using var connection = Open(file);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY)");
    }
}
