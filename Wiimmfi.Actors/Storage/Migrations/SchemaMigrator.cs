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
/// * The recorded history is a prefix of this build's scripts (numbers, names and checksums); numbers may leave
///   gaps, because each line of work takes its own range.
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
        var applied = 0;
        if (await database.TableExistsAsync(connection, "schema_migrations", cancellationToken).ConfigureAwait(false))
        {
            var history = await ReadHistoryAsync(database, connection, null, cancellationToken).ConfigureAwait(false);
            applied = CheckHistory(database.Kind, history, migrations);
        }
        return new SchemaStatus(database.Kind, VersionAfter(migrations, applied), VersionAfter(migrations, migrations.Count),
            migrations.Skip(applied).ToArray());
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
            var appliedCount = CheckHistory(database.Kind, history, migrations);
            var version = VersionAfter(migrations, appliedCount);
            versionBefore ??= version;
            if (appliedCount == migrations.Count)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new MigrationReport(database.Kind, versionBefore.Value, version, applied);
            }

            var next = migrations[appliedCount];
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

    /// <summary>The schema version once the first <paramref name="applied"/> migrations are in (0 for none).</summary>
    private static int VersionAfter(IReadOnlyList<Migration> migrations, int applied) =>
        applied == 0 ? 0 : migrations[applied - 1].Version;

    /// <summary>
    /// Checks the recorded history against this build's scripts; returns how many of them are applied. Numbers may
    /// leave gaps (each line of work has its own range), so the history must equal the first scripts of this build,
    /// number for number.
    /// </summary>
    private static int CheckHistory(StoreKind kind, IReadOnlyList<HistoryRow> history, IReadOnlyList<Migration> migrations)
    {
        var latestKnown = VersionAfter(migrations, migrations.Count);
        if (history.Count > 0 && (history[^1].Version > latestKnown || history.Count > migrations.Count))
        {
            throw new SchemaTooNewException(kind, (int)history[^1].Version, latestKnown);
        }
        for (var i = 0; i < history.Count; i++)
        {
            var row = history[i];
            var known = migrations[i];
            if (row.Version != known.Version)
            {
                throw new SchemaMigrationException(
                    $"The {kind} schema history does not match this build: expected migration {known.Id}, found {row.Version} ({row.Name}). " +
                    "Repair schema_migrations by hand before migrating.");
            }
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
