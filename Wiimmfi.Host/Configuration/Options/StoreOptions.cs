using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>Which database holds the node's data.</summary>
public enum StoreKind
{
    /// <summary>Embedded SQLite file: a single node.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL: required for a cluster.</summary>
    Postgres = 1,
}

/// <summary><c>wiimmfi.store</c>.</summary>
public sealed record StoreOptions
{
    /// <value>Default <see cref="StoreKind.Sqlite"/>.</value>
    public StoreKind Kind { get; init; } = StoreKind.Sqlite;

    /// <value>Default <c>wiimmfi.db</c>, inside the data folder.</value>
    [ConfigurationKeyName("sqlite-file")]
    public string SqliteFile { get; init; } = "wiimmfi.db";

    /// <value>Default empty. A secret: config show masks its password.</value>
    [ConfigurationKeyName("connection-string")]
    public string ConnectionString { get; init; } = "";
}
