using Microsoft.Data.Sqlite;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Persistence.Sql;
using Wiimmfi.Actors.Storage;
using PersistenceExtension = Wiimmfi.Actors.Runtime.Persistence.Persistence;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// Persistence for an actor system that tests drive directly (the entities are persistent actors and need it):
/// a migrated SQLite file of its own, or a given one to recover from. Dispose after the actor system.
/// </summary>
public sealed class TemporaryPersistence : IAsyncDisposable, IDisposable
{
    private readonly SqlPersistenceStore _store;
    private readonly bool _ownsFile;

    private TemporaryPersistence(string file, SqlPersistenceStore store, PersistenceExtension persistence, bool ownsFile)
    {
        File = file;
        _store = store;
        Persistence = persistence;
        _ownsFile = ownsFile;
    }

    /// <summary>The database file.</summary>
    public string File { get; }

    public PersistenceExtension Persistence { get; }

    public IJournal Journal => _store.Journal;

    /// <summary>Starts persistence for <paramref name="system"/> over <paramref name="file"/> (default: a fresh temporary file, deleted on dispose).</summary>
    public static TemporaryPersistence Start(ActorSystem system, string? file = null, PersistenceSettings? settings = null)
    {
        var owns = file is null;
        file ??= NewFile();
        var options = StoreOptions.ForSqliteFile(file);
        // Test set-up only (constructors of IDisposable classes): nothing else runs on this thread.
        SchemaMigrator.MigrateAsync(options).GetAwaiter().GetResult();
        var store = SqlPersistenceStore.Open(options);
        var persistence = PersistenceExtension.Start(system, store.Journal, store.SnapshotStore, settings);
        return new TemporaryPersistence(file, store, persistence, owns);
    }

    /// <summary>A path for a new database file in the temporary folder.</summary>
    public static string NewFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-durability-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        if (_ownsFile) Delete(File);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Deletes a database file and its WAL companions.</summary>
    public static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            try
            {
                System.IO.File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
    }
}
