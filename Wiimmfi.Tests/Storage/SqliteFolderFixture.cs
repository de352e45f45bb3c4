using Microsoft.Data.Sqlite;

namespace Wiimmfi.Tests.Storage;

/// <summary>
/// Class fixture: a temporary folder of real SQLite files — one shared by the class's tests and
/// any number of fresh ones — deleted when the class is done.
/// </summary>
public sealed class SqliteFolderFixture : IDisposable
{
    private int _counter;

    public SqliteFolderFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "wiimmfi-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        SharedFile = Path.Combine(Folder, "shared.db");
    }

    public string Folder { get; }

    /// <summary>The database file the class's tests share.</summary>
    public string SharedFile { get; }

    /// <summary>A path for a new, empty database file (created on first open).</summary>
    public string NewFile() => Path.Combine(Folder, $"fresh-{Interlocked.Increment(ref _counter)}.db");

    /// <summary>
    /// An open, unpooled WAL connection to <paramref name="file"/> with a long busy timeout, plus any
    /// <paramref name="pragmas"/> (for tests that drive the store's SQLite helpers on their own connections).
    /// </summary>
    public static SqliteConnection OpenWal(string file, string pragmas = "")
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; " + pragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    public void Dispose()
    {
        // Idle pooled connections keep the files open; stores clear their own pools on dispose.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
