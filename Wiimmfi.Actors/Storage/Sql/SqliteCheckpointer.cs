using Microsoft.Data.Sqlite;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Copies the WAL back into the database file on a thread of its own, so no writer pays for it.
/// </summary>
/// <remarks>
/// SQLite's automatic checkpoint runs inside the commit that pushes the WAL past 1,000 pages: under the login load
/// that commit took 25–70 ms (the copy and two fsyncs) once every few seconds, and since every write of the store
/// and the journal goes through one writer (<see cref="SqliteWriteBatcher"/>), every login waiting on a write waited
/// for it too. With automatic checkpoints off on the store's connections, this thread runs a PASSIVE checkpoint
/// (which takes no write lock: the writer keeps appending meanwhile) shortly after writes happened. A checkpoint that
/// fails is retried on the next turn; the WAL only grows until one succeeds, and closing the last connection
/// checkpoints anyway.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    private readonly Func<SqliteConnection> _open;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly object _gate = new();
    private Thread? _thread;
    private long _commits;
    private long _checkpoints;
    private long _failures;
    private bool _disposed;

    /// <param name="open">Opens a configured connection for the checkpointer's own use.</param>
    /// <param name="interval">How long after a commit the next checkpoint may wait (a bound on the WAL's growth).</param>
    public SqliteCheckpointer(Func<SqliteConnection> open, TimeSpan interval)
    {
        _open = open;
        _interval = interval;
    }

    /// <summary>Checkpoints run so far.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Checkpoints that failed (retried on the next turn).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Tells the checkpointer that a write transaction ran or is about to (starts its thread on the first call).</summary>
    public void NoteWrite()
    {
        Interlocked.Increment(ref _commits);
        if (Volatile.Read(ref _thread) is not null) return;
        lock (_gate)
        {
            if (_thread is not null || _disposed) return;
            _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-checkpointer" };
            _thread.Start();
        }
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        var seen = 0L;
        try
        {
            while (!_stop.Wait(_interval))
            {
                var commits = Interlocked.Read(ref _commits);
                if (commits == seen) continue;
                try
                {
                    connection ??= _open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    command.ExecuteNonQuery();
                    seen = commits;
                    Interlocked.Increment(ref _checkpoints);
                }
                catch (SqliteException)
                {
                    Interlocked.Increment(ref _failures);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            thread = _thread;
        }
        _stop.Set();
        thread?.Join();
        _stop.Dispose();
    }
}
