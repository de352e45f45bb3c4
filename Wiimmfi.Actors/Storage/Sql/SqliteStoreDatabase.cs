using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// SQLite: one file in WAL mode (readers never block the writer), a busy timeout so concurrent
/// writers queue instead of failing, and foreign keys on (SQLite leaves them off by default).
/// Small self-contained writes share transactions through <see cref="SqliteWriteBatcher"/>.
/// </summary>
internal sealed class SqliteStoreDatabase : StoreDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly string? _folder;
    private readonly SqliteWriteBatcher _batcher;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly ReusableSqliteConnectionPool _readers;
    // The pooled connections whose per-connection settings are applied: a pooled connection keeps its sqlite3
    // handle, and with it the pragmas, so they run once per handle instead of on every open (~12 µs each time).
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private int _firstOpenDone;

    public SqliteStoreDatabase(StoreOptions options) : base(options)
    {
        _connectionString = options.BuildSqliteConnectionString();
        _busyTimeoutMilliseconds = (int)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 1, int.MaxValue);
        var file = new SqliteConnectionStringBuilder(_connectionString).DataSource;
        _folder = file is "" or ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(file));
        _checkpointer = new SqliteCheckpointer(Open, TimeSpan.FromMilliseconds(100));
        _batcher = new SqliteWriteBatcher(Open, _checkpointer.NoteWrite);
        _readers = new ReusableSqliteConnectionPool(Open);
    }

    public override StoreKind Kind => StoreKind.Sqlite;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite does its work synchronously even behind its async methods, and a
        // statement waiting for the write lock blocks its thread for up to the busy timeout. Move
        // to a thread-pool thread first, so a store call returns a pending task at once instead
        // of stalling the caller (an actor's turn, a request loop) inside the call. Writes are
        // short, so the blocked pool threads are few and brief.
        await ThreadPoolHop.Instance;
        cancellationToken.ThrowIfCancellationRequested();
        return _readers.Borrow();
    }

    public override Task<T> WriteStatementAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        _batcher.WriteAsync(work, cancellationToken);

    public override Task<T> WriteAtomicallyAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _batcher.WriteAtomicallyAsync(work, cancellationToken);

    /// <summary>Opens a pooled connection with the per-connection settings applied (synchronously: SQLite is).</summary>
    private SqliteConnection Open()
    {
        var firstOpen = Volatile.Read(ref _firstOpenDone) == 0;
        if (firstOpen && !string.IsNullOrEmpty(_folder))
        {
            Directory.CreateDirectory(_folder);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
            {
                // Per-connection settings, the busy timeout first so that even the WAL switch below
                // waits for other connections. synchronous = NORMAL is the WAL recommendation: a crash
                // of the process never loses a committed transaction; a power cut may lose the last few.
                // No automatic checkpoints: SqliteCheckpointer runs them off the writers' path.
                connection.Execute(Command(
                    $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;",
                    null, null, CancellationToken.None));
                _configured.AddOrUpdate(handle, this);
            }
            if (firstOpen)
            {
                // WAL is a property of the file and persists; the switch cannot run inside a
                // transaction, so it happens once per store, on the first open.
                connection.Execute(Command("PRAGMA journal_mode = WAL;", null, null, CancellationToken.None));
                Volatile.Write(ref _firstOpenDone, 1);
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _checkpointer.NoteWrite();
        // deferred: false → BEGIN IMMEDIATE.
        var sqlite = connection switch
        {
            ReusableSqliteConnection reusable => reusable.Inner,
            SqliteConnection plain => plain,
            _ => throw new ArgumentException("not a SQLite connection", nameof(connection)),
        };
        return ValueTask.FromResult<DbTransaction>(sqlite.BeginTransaction(deferred: false));
    }

    // BEGIN IMMEDIATE already serialises every writer on the file.
    public override Task LockMigrationsAsync(DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task LockProfilePairAsync(DbTransaction transaction, uint first, uint second, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override string InList(string column, string parameter) => $"{column} IN @{parameter}";

    public override async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(Command(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }, null, cancellationToken))
            .ConfigureAwait(false) > 0;

    public override async ValueTask DisposeAsync()
    {
        // Queued writes finish first; then close this file's idle pooled connections so the file can be moved or deleted.
        await _batcher.DisposeAsync().ConfigureAwait(false);
        _checkpointer.Dispose();
        _readers.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
