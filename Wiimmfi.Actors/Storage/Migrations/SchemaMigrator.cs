using System.Data.Common;
using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Brings a database to the schema this build expects.
///
/// What it does: each dialect has numbered, append-only scripts (<see cref="MigrationCatalog"/>).
/// The table <c>schema_migrations</c> records every applied script with its checksum. Migrating
/// applies the missing scripts in order, each in its own transaction together with its
/// <c>schema_migrations</c> row, so a script is either fully applied and recorded or not at all.
///
/// Invariants:
/// * The recorded history is a prefix 1..k of this build's scripts, byte for byte (checksums).
///   A database with a migration newer than this build is refused (<see cref="SchemaTooNewException"/>);
///   a changed or unknown script is refused (<see cref="SchemaMigrationException"/>). Nothing is
///   applied in either case.
/// * Re-running is a no-op; two processes migrating at once apply each script once: every step
///   takes the dialect's migration lock (SQLite: the write lock of BEGIN IMMEDIATE; PostgreSQL:
///   a transaction-scoped advisory lock) and re-reads the history under it.
///
/// What can go wrong: a script that fails (syntax, a constraint on existing data) rolls back with
/// its transaction; earlier scripts stay applied and the error names the script. PostgreSQL
/// statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY) are not allowed in scripts.
/// </summary>
public static class SchemaMigrator
{
    private const string CreateHistoryTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (" +
        "version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_ms BIGINT NOT NULL)";

    /// <summary>
    /// Applies every migration the database lacks. Called by the host at start-up and by
    /// <c>wiimmfi db migrate</c>. Throws <see cref="SchemaTooNewException"/> or
    /// <see cref="SchemaMigrationException"/> with a message fit for an operator.
    /// </summary>
    public static async Task<MigrationReport> MigrateAsync(StoreOptions options, CancellationToken cancellationToken = default)
    {
        await using var database = StoreDatabase.Create(options);
        return await MigrateAsync(database, MigrationCatalog.For(options.Kind), TimeProvider.System, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reports the database's schema version and what a migration would apply; changes nothing.</summary>
    public static async Task<SchemaStatus> GetStatusAsync(StoreOptions options, CancellationToken cancellationToken = default)
    {
        await using var database = StoreDatabase.Create(options);
        var migrations = MigrationCatalog.For(options.Kind);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var version = 0;
        if (await database.TableExistsAsync(connection, "schema_migrations", cancellationToken).ConfigureAwait(false))
        {
            var history = await ReadHistoryAsync(database, connection, null, cancellationToken).ConfigureAwait(false);
            version = CheckHistory(database.Kind, history, migrations);
        }
        return new SchemaStatus(database.Kind, version, migrations.Count, migrations.Skip(version).ToArray());
    }

    /// <summary>The migrations this build carries for a dialect, in order.</summary>
    public static IReadOnlyList<Migration> KnownMigrations(StoreKind kind) => MigrationCatalog.For(kind);

    /// <summary>The core, with the scripts and clock supplied (tests feed failing or extra scripts).</summary>
    internal static async Task<MigrationReport> MigrateAsync(
        StoreDatabase database, IReadOnlyList<Migration> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        var applied = new List<Migration>();
        int? versionBefore = null;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await database.LockMigrationsAsync(transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(database.Command(CreateHistoryTable, null, transaction, cancellationToken)).ConfigureAwait(false);

            var history = await ReadHistoryAsync(database, connection, transaction, cancellationToken).ConfigureAwait(false);
            var version = CheckHistory(database.Kind, history, migrations);
            versionBefore ??= version;
            if (version == migrations.Count)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new MigrationReport(database.Kind, versionBefore.Value, version, applied);
            }

            var next = migrations[version];
            try
            {
                await connection.ExecuteAsync(database.Command(next.Sql, null, transaction, cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(database.Command(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_ms) VALUES (@Version, @Name, @Checksum, @AppliedMs)",
                    new { Version = (long)next.Version, next.Name, next.Checksum, AppliedMs = UnixMilliseconds.From(time.GetUtcNow()) },
                    transaction, cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                throw new SchemaMigrationException(
                    $"{database.Kind} migration {next.Id} failed and was rolled back; the schema stays at version {version}: {e.Message}", e);
            }
            applied.Add(next);
        }
    }

    private static async Task<IReadOnlyList<HistoryRow>> ReadHistoryAsync(
        StoreDatabase database, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<HistoryRow>(database.Command(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version", null, transaction, cancellationToken))
            .ConfigureAwait(false)).AsList();

    /// <summary>Checks the recorded history against this build's scripts; returns the schema version.</summary>
    private static int CheckHistory(StoreKind kind, IReadOnlyList<HistoryRow> history, IReadOnlyList<Migration> migrations)
    {
        if (history.Count > 0 && history[^1].Version > migrations.Count)
        {
            throw new SchemaTooNewException(kind, (int)history[^1].Version, migrations.Count);
        }
        for (var i = 0; i < history.Count; i++)
        {
            var row = history[i];
            if (row.Version != i + 1)
            {
                throw new SchemaMigrationException(
                    $"The {kind} schema history is not contiguous: expected migration {i + 1}, found {row.Version} ({row.Name}). " +
                    "Repair schema_migrations by hand before migrating.");
            }
            var known = migrations[i];
            if (row.Name != known.Name || row.Checksum != known.Checksum)
            {
                throw new SchemaMigrationException(
                    $"{kind} migration {row.Version} was applied as '{row.Name}' (checksum {row.Checksum}), but this build's " +
                    $"script is '{known.Name}' (checksum {known.Checksum}). Migrations are append-only: restore the original " +
                    "script and put the change into a new migration.");
            }
        }
        return history.Count;
    }

    private sealed class HistoryRow
    {
        public long Version { get; set; }

        public string Name { get; set; } = "";

        public string Checksum { get; set; } = "";
    }
}
