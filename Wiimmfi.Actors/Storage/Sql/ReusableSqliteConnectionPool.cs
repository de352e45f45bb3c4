using Microsoft.Data.Sqlite;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The store's readers' connections: each stays open with its prepared statements (<see cref="ReusableSqliteConnection"/>)
/// and is lent to one caller at a time. Microsoft.Data.Sqlite's own pool keeps the sqlite3 handle but not the
/// statements, which belong to command objects that die with each call.
/// </summary>
/// <remarks>
/// At most <see cref="MaxIdle"/> connections wait between loans; more are opened under a burst and closed when they
/// come back. A connection handed back inside a transaction (its borrower failed between BEGIN and the end) is
/// closed, never lent again, so a half-done transaction cannot leak into another caller's work.
/// </remarks>
internal sealed class ReusableSqliteConnectionPool : IDisposable
{
    /// <summary>Most connections kept open between loans: the thread pool's usual size here, with room.</summary>
    public const int MaxIdle = 32;

    private readonly Func<SqliteConnection> _open;
    private readonly Stack<ReusableSqliteConnection> _idle = new();
    private bool _disposed;

    /// <param name="open">Opens a configured connection (pragmas applied).</param>
    public ReusableSqliteConnectionPool(Func<SqliteConnection> open) => _open = open;

    /// <summary>Connections waiting for a loan now.</summary>
    public int Idle
    {
        get
        {
            lock (_idle) return _idle.Count;
        }
    }

    /// <summary>Lends a connection; the caller's dispose hands it back.</summary>
    public ReusableSqliteConnection Borrow()
    {
        ReusableSqliteConnection? connection = null;
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _idle.TryPop(out connection);
        }
        connection ??= new ReusableSqliteConnection(_open(), GiveBack);
        connection.Lend();
        return connection;
    }

    private void GiveBack(ReusableSqliteConnection connection)
    {
        if (!connection.InTransaction && connection.Inner.State == System.Data.ConnectionState.Open)
        {
            lock (_idle)
            {
                if (!_disposed && _idle.Count < MaxIdle)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }
        connection.Destroy();
    }

    /// <summary>Closes every waiting connection; connections out on loan are closed when they come back.</summary>
    public void Dispose()
    {
        ReusableSqliteConnection[] waiting;
        lock (_idle)
        {
            _disposed = true;
            waiting = [.. _idle];
            _idle.Clear();
        }
        foreach (var connection in waiting) connection.Destroy();
    }
}
