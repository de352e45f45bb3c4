using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Transactions are read committed;
/// where two requests could interleave badly (migrations, a pair of friends adding each other)
/// a transaction-scoped advisory lock serialises them.
/// </summary>
internal sealed class PostgresStoreDatabase : StoreDatabase
{
    /// <summary>Advisory lock key (single 64-bit key space) held while a migration runs: "WiimmfiM".</summary>
    private const long MigrationLockKey = 0x5769_696D_6D66_694D;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresStoreDatabase(StoreOptions options) : base(options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException(
                "A PostgreSQL store needs a connection string (wiimmfi.store.connection-string).", nameof(options));
        }
        _dataSource = NpgsqlDataSource.Create(WithAutoPrepare(options.ConnectionString));
    }

    /// <summary>Statements a pooled connection keeps prepared by itself, unless the connection string says otherwise.</summary>
    internal const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the operator's connection string sets <c>Max Auto Prepare</c>.
    /// The store sends the same few dozen statements over and over (a SAKE search, a ghost lookup, a login); without
    /// preparation PostgreSQL parses and plans each one every time, which for these small indexed lookups costs as much
    /// as running them: PostgreSQL's CPU per SAKE search fell from about 350 to 210 µs with it (docs/performance.md, SAKE).
    /// A statement is prepared on a connection after it was used there a few times (<c>Auto Prepare Min Usages</c>).
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }

    public override StoreKind Kind => StoreKind.Postgres;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    public override Task LockMigrationsAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(Command(
            "SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, transaction, cancellationToken));

    public override Task LockProfilePairAsync(DbTransaction transaction, uint first, uint second, CancellationToken cancellationToken)
    {
        // The two-key lock space is separate from the single-key one the migrator uses. Wrapping
        // uint → int is a bijection, so distinct pairs never share a lock.
        var low = unchecked((int)Math.Min(first, second));
        var high = unchecked((int)Math.Max(first, second));
        return transaction.Connection!.ExecuteAsync(Command(
            "SELECT pg_advisory_xact_lock(@low, @high)", new { low, high }, transaction, cancellationToken));
    }

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(Command(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table",
            new { table }, null, cancellationToken)).ConfigureAwait(false) > 0;

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
