using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Where the relational store lives. Bound once from configuration (<c>wiimmfi.store.*</c>):
/// <c>kind</c> → <see cref="Kind"/>, <c>connection-string</c> → <see cref="ConnectionString"/>,
/// <c>sqlite-file</c> → <see cref="SqliteFile"/>, <c>busy-timeout</c> → <see cref="BusyTimeout"/>
/// (the key names are attached, so the section binds as is).
/// </summary>
public sealed record StoreOptions
{
    /// <summary>The dialect. Default: embedded SQLite.</summary>
    [ConfigurationKeyName("kind")]
    public StoreKind Kind { get; init; } = StoreKind.Sqlite;

    /// <summary>
    /// PostgreSQL: the Npgsql connection string (required). SQLite: optional; when set it is used
    /// as is instead of one built from <see cref="SqliteFile"/>.
    /// </summary>
    [ConfigurationKeyName("connection-string")]
    public string? ConnectionString { get; init; }

    /// <summary>SQLite: path of the database file; its folder is created when missing.</summary>
    [ConfigurationKeyName("sqlite-file")]
    public string SqliteFile { get; init; } = Path.Combine("data", "wiimmfi.db");

    /// <summary>
    /// How long a statement waits for a lock held by another writer before it fails
    /// (SQLite <c>busy_timeout</c>; the command timeout on both dialects).
    /// </summary>
    [ConfigurationKeyName("busy-timeout")]
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An embedded SQLite store in the given file.</summary>
    public static StoreOptions ForSqliteFile(string path) => new() { Kind = StoreKind.Sqlite, SqliteFile = path };

    /// <summary>A PostgreSQL store reached with the given Npgsql connection string.</summary>
    public static StoreOptions ForPostgres(string connectionString) =>
        new() { Kind = StoreKind.Postgres, ConnectionString = connectionString };

    /// <summary>The SQLite connection string these options describe.</summary>
    internal string BuildSqliteConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(SqliteFile),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(BusyTimeout.TotalSeconds),
        }.ToString();
    }
}
