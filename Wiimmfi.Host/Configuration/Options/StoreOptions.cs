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

/// <summary><c>wiimmfi.secrets</c>: key material the node signs with.</summary>
public sealed record SecretsOptions
{
    /// <value>Default empty: a random key is generated into the data folder (node-secret.key) at first start.
    /// Every node of a cluster must be given the same key. A secret.</value>
    [ConfigurationKeyName("node-key")]
    public string NodeKey { get; init; } = "";
}
