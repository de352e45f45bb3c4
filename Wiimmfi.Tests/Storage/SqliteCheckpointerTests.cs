using Dapper;
using Microsoft.Data.Sqlite;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

/// <summary>The store's WAL is copied into the database file by the checkpointer's thread, not by a writer's commit.</summary>
public sealed class SqliteCheckpointerTests(SqliteFolderFixture folder) : IClassFixture<SqliteFolderFixture>
{
    [Fact]
    public async Task Writes_with_automatic_checkpoints_off_reach_the_database_file_through_the_checkpointer()
    {
        var file = folder.NewFile();
        await using (var setup = Open(file))
            await setup.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
        using var checkpointer = new SqliteCheckpointer(() => Open(file), TimeSpan.FromMilliseconds(20));
        await using var writer = Open(file);

        // ~2 MB of rows, far past the 1,000 pages at which SQLite would checkpoint on its own if it were allowed to.
        using (var transaction = writer.BeginTransaction())
        {
            for (var i = 0; i < 2_000; i++)
                await writer.ExecuteAsync("INSERT INTO t (id, data) VALUES (@i, randomblob(1000))", new { i }, transaction);
            transaction.Commit();
        }
        var fileBefore = new FileInfo(file).Length;
        checkpointer.NoteWrite();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (checkpointer.Checkpoints == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);

        Assert.True(checkpointer.Checkpoints > 0, "the checkpointer never ran");
        Assert.Equal(0, checkpointer.Failures);
        Assert.True(fileBefore < 100_000, $"the writer checkpointed by itself ({fileBefore} bytes in the file before)");
        Assert.True(new FileInfo(file).Length > 2_000_000, $"the rows did not reach the file ({new FileInfo(file).Length} bytes)");
    }

    [Fact]
    public async Task It_checkpoints_only_after_writes_and_not_after_disposal()
    {
        var file = folder.NewFile();
        await using (var setup = Open(file))
            await setup.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        var checkpointer = new SqliteCheckpointer(() => Open(file), TimeSpan.FromMilliseconds(10));

        checkpointer.NoteWrite();
        await WaitForAsync(() => checkpointer.Checkpoints == 1);
        await Task.Delay(200); // twenty idle turns
        Assert.Equal(1, checkpointer.Checkpoints);

        checkpointer.NoteWrite();
        await WaitForAsync(() => checkpointer.Checkpoints == 2);
        checkpointer.Dispose();
        checkpointer.NoteWrite();
        await Task.Delay(100);
        Assert.Equal(2, checkpointer.Checkpoints);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(5);
        Assert.True(condition(), "timed out");
    }

    private static SqliteConnection Open(string file) => SqliteFolderFixture.OpenWal(file, "PRAGMA wal_autocheckpoint = 0;");
}
