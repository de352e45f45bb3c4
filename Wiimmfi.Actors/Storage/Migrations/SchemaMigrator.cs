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
/// * Every recorded migration is one of this build's scripts, byte for byte (checksums). Numbers
///   come in blocks per area (see <see cref="MigrationCatalog"/>), so a database may have been
///   migrated by a build that lacked a lower-numbered script merged later: missing scripts are
///   applied in number order whatever their position ("out of order"), which is safe because
///   each block touches only its own tables. The schema version is the highest number applied.
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
        IReadOnlyList<HistoryRow> history = [];
        if (await database.TableExistsAsync(connection, "schema_migrations", cancellationToken).ConfigureAwait(false))
        {
            history = await ReadHistoryAsync(database, connection, null, cancellationToken).ConfigureAwait(false);
        }
        var (version, pending) = CheckHistory(database.Kind, history, migrations);
        return new SchemaStatus(database.Kind, version, LatestVersion(migrations), pending);
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
            var (version, pending) = CheckHistory(database.Kind, history, migrations);
            versionBefore ??= version;
            if (pending.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new MigrationReport(database.Kind, versionBefore.Value, version, applied);
            }

            var next = pending[0];
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

    /// <summary>The newest migration number of a catalog (0 for none).</summary>
    private static int LatestVersion(IReadOnlyList<Migration> migrations) => migrations.Count == 0 ? 0 : migrations[^1].Version;

    /// <summary>
    /// Checks the recorded history against this build's scripts; returns the schema version (the
    /// highest number applied, 0 for none) and the scripts still to apply, in number order.
    /// </summary>
    private static (int Version, IReadOnlyList<Migration> Pending) CheckHistory(
        StoreKind kind, IReadOnlyList<HistoryRow> history, IReadOnlyList<Migration> migrations)
    {
        var latest = LatestVersion(migrations);
        var highest = history.Count == 0 ? 0 : history.Max(row => row.Version);
        if (highest > latest)
        {
            throw new SchemaTooNewException(kind, (int)highest, latest);
        }
        var known = migrations.ToDictionary(m => (long)m.Version);
        var applied = new HashSet<long>();
        foreach (var row in history)
        {
            if (!known.TryGetValue(row.Version, out var script))
            {
                throw new SchemaMigrationException(
                    $"The {kind} schema history records migration {row.Version} ({row.Name}), which this build does not carry. " +
                    "Repair schema_migrations by hand, or run the build that applied it.");
            }
            if (row.Name != script.Name || row.Checksum != script.Checksum)
            {
                throw new SchemaMigrationException(
                    $"{kind} migration {row.Version} was applied as '{row.Name}' (checksum {row.Checksum}), but this build's " +
                    $"script is '{script.Name}' (checksum {script.Checksum}). Migrations are append-only: restore the original " +
                    "script and put the change into a new migration.");
            }
            applied.Add(row.Version);
        }
        return ((int)highest, migrations.Where(m => !applied.Contains(m.Version)).ToArray());
    }

    private sealed class HistoryRow
    {
        public long Version { get; set; }

        public string Name { get; set; } = "";

        public string Checksum { get; set; } = "";
    }
}
