using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Runtime.Persistence.Sql;

/// <summary>
/// The journal and snapshot store on the relational store (SQLite or PostgreSQL, the tables of
/// migration 0200). <see cref="Over"/> shares the node's store (its connection pool and lifetime);
/// <see cref="Open"/> opens its own (tests, benchmarks, tools) and closes it on dispose. Either way the
/// schema must be migrated first (<see cref="SchemaMigrator"/>).
/// </summary>
public sealed class SqlPersistenceStore : IAsyncDisposable
{
    private readonly StoreDatabase _database;
    private readonly bool _ownsDatabase;

    private SqlPersistenceStore(StoreDatabase database, bool ownsDatabase, TimeProvider time)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        Journal = database.Kind == StoreKind.Postgres ? new PostgresJournal(database, time) : new SqliteJournal(database, time);
        SnapshotStore = new SqlSnapshotStore(database);
    }

    /// <summary>The dialect.</summary>
    public StoreKind Kind => _database.Kind;

    public IJournal Journal { get; }

    public ISnapshotStore SnapshotStore { get; }

    /// <summary>On the node's store: same database, same connection pool; disposing this leaves the store open.</summary>
    public static SqlPersistenceStore Over(IWiimmfiStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is not SqlWiimmfiStore sql)
            throw new ArgumentException($"{store.GetType().Name} is not a relational store; open the journal with SqlPersistenceStore.Open instead.", nameof(store));
        return new SqlPersistenceStore(sql.Database, ownsDatabase: false, time ?? TimeProvider.System);
    }

    /// <summary>On its own connection pool to the database <paramref name="options"/> describe; closed on dispose.</summary>
    public static SqlPersistenceStore Open(StoreOptions options, TimeProvider? time = null) =>
        new(StoreDatabase.Create(options), ownsDatabase: true, time ?? TimeProvider.System);

    public ValueTask DisposeAsync() => _ownsDatabase ? _database.DisposeAsync() : ValueTask.CompletedTask;
}
