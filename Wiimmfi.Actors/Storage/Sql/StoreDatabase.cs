using System.Data.Common;
using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// One database the stores talk to: opens pooled connections and hides the few places where
/// SQLite and PostgreSQL must be driven differently (write transactions, locks, catalog
/// queries). Everything else — the SQL of the stores — is shared text.
/// </summary>
internal abstract class StoreDatabase : IAsyncDisposable
{
    static StoreDatabase()
    {
        // Columns are snake_case and row classes PascalCase; Dapper maps profile_id → ProfileId.
        // This is a process-wide Dapper switch; it only widens what Dapper can match.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    protected StoreDatabase(StoreOptions options)
    {
        CommandTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
    }

    public abstract StoreKind Kind { get; }

    /// <summary>Seconds one statement may run, lock waits included.</summary>
    public int CommandTimeoutSeconds { get; }

    /// <summary>Creates the database object for the options' dialect; no connection is opened yet.</summary>
    public static StoreDatabase Create(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            StoreKind.Sqlite => new SqliteStoreDatabase(options),
            StoreKind.Postgres => new PostgresStoreDatabase(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown store kind."),
        };
    }

    /// <summary>Opens a pooled connection, ready for use (per-connection settings applied).</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction that is going to write. SQLite takes the write lock at once
    /// (BEGIN IMMEDIATE), so two writers queue on the busy timeout instead of failing on a
    /// read-to-write lock upgrade; PostgreSQL uses read committed plus row or advisory locks.
    /// </summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises schema migrations across processes (a no-op where the write lock already does).</summary>
    public abstract Task LockMigrationsAsync(DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Serialises changes to the friend edges between two profiles (either order).</summary>
    public abstract Task LockProfilePairAsync(DbTransaction transaction, uint first, uint second, CancellationToken cancellationToken);

    /// <summary>
    /// SQL for "<paramref name="column"/> is one of the values in list parameter <paramref name="parameter"/>".
    /// Dapper expands a list into <c>IN (@p1, @p2, …)</c> for SQLite but hands Npgsql a real array.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>Whether a table of that name exists in the store's schema.</summary>
    public abstract Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>A Dapper command with the store's timeout and the caller's cancellation token.</summary>
    public CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, CommandTimeoutSeconds, cancellationToken: cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it. An exception — or a
    /// cancellation — rolls everything back, so a failed request never leaves half a change.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await work(transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Runs one self-contained write statement that may share its transaction with other callers' writes (group
    /// commit). It completes after the write is durable as far as the dialect promises, so a later read sees it.
    /// PostgreSQL: an autocommit statement on a pooled connection (its commits are cheap and concurrent).
    /// SQLite: queued to <see cref="SqliteWriteBatcher"/>. The work must be one statement and must pass the
    /// transaction it is given to its command.
    /// </summary>
    public virtual Task<T> WriteStatementAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        WithConnectionAsync(connection => work(connection, null), cancellationToken);

    /// <summary>
    /// Runs several write statements that must land together or not at all, possibly sharing a transaction with
    /// other callers' writes (SQLite: queued to <see cref="SqliteWriteBatcher"/> inside a savepoint, so the file
    /// has one writer and one commit for everything queued). Elsewhere: a transaction of its own. The work must
    /// pass the transaction it is given to its commands; an exception undoes all of its statements.
    /// </summary>
    public virtual async Task<T> WriteAtomicallyAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs reads or one self-contained (autocommit) statement on a pooled connection.</summary>
    public async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }
}
