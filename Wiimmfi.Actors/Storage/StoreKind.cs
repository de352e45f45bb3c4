namespace Wiimmfi.Actors.Storage;

/// <summary>Which relational database backs the store (configuration: <c>wiimmfi.store.kind</c>).</summary>
public enum StoreKind
{
    /// <summary>Embedded single-node default: one SQLite file in WAL mode.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server, required for a cluster.</summary>
    Postgres = 1,
}
