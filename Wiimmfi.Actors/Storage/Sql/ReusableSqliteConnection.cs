using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// A SQLite connection that stays open for the store's life and keeps every statement it ran prepared, so the
/// next command with the same text reuses it: what Dapper and the stores see is an ordinary
/// <see cref="DbConnection"/>; disposing it hands it back to its owner instead of closing it.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> Microsoft.Data.Sqlite prepares a statement per command object, and Dapper makes a command
/// object per call: at 1,000 logins a second that was ~10 % of the node's CPU in SQLite's parser, and a stream of
/// short-lived objects (command, statement handles, a finalizable weak reference per command) that survived into
/// the GC's finalization queue and lengthened every pause. A prepared statement is reset and rebound instead.</para>
/// <para><b>Rules.</b> One user at a time (the owner lends it out whole). A command text in use is not shared: a
/// second command with the same text while the first is out gets a statement of its own, which is dropped after.
/// At most <see cref="MaxStatements"/> texts are kept (SQLite's <c>IN (@a, @b, …)</c> expansions vary with the
/// list's length); beyond that, statements are used once and dropped.</para>
/// </remarks>
internal sealed class ReusableSqliteConnection : DbConnection
{
    /// <summary>Most distinct statement texts kept prepared per connection.</summary>
    public const int MaxStatements = 256;

    private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);
    // Command fronts are reused too: a DbCommand is a Component, whose finalizer would put every new one on the
    // GC's finalization queue.
    private readonly Stack<ReusableSqliteCommand> _fronts = new();
    private readonly Action<ReusableSqliteConnection> _release;
    private bool _lent;

    /// <param name="inner">An open, configured connection; this object owns it from now on.</param>
    /// <param name="release">Called when a borrower disposes or closes this connection.</param>
    public ReusableSqliteConnection(SqliteConnection inner, Action<ReusableSqliteConnection> release)
    {
        Inner = inner;
        _release = release;
    }

    /// <summary>The connection underneath, for what only SQLite has (IMMEDIATE transactions, the raw handle).</summary>
    public SqliteConnection Inner { get; }

    /// <summary>Statements kept prepared now.</summary>
    public int PreparedStatements => _idle.Count;

    /// <summary>Whether a transaction is open on the connection (a borrower that left one open must not pass it on).</summary>
    public bool InTransaction => Inner.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    /// <summary>Marks the start of a loan: the borrower's dispose hands the connection back once.</summary>
    public void Lend() => _lent = true;

    /// <summary>A command for <paramref name="sql"/>: the kept statement if it is free, a fresh one otherwise.</summary>
    public SqliteCommand Rent(string sql)
    {
        if (_idle.Remove(sql, out var command)) return command;
        command = Inner.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Takes back a command from <see cref="Rent"/>: kept for its text, or disposed when one is kept already.</summary>
    public void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (_idle.Count >= MaxStatements || !_idle.TryAdd(command.CommandText, command)) command.Dispose();
    }

    /// <summary>Runs one statement that takes no parameters (savepoints, pragmas) on a kept statement.</summary>
    public int ExecuteCached(string sql, SqliteTransaction? transaction)
    {
        var command = Rent(sql);
        try
        {
            command.Transaction = transaction;
            return command.ExecuteNonQuery();
        }
        finally
        {
            Return(command);
        }
    }

    /// <summary>Closes the connection for good, with every kept statement (the owner's end, not a borrower's).</summary>
    public void Destroy()
    {
        foreach (var command in _idle.Values) command.Dispose();
        _idle.Clear();
        Inner.Dispose();
        GC.SuppressFinalize(this);
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => throw new NotSupportedException("a reusable connection keeps the connection string it was opened with");
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    public override string ServerVersion => Inner.ServerVersion;

    public override ConnectionState State => _lent ? ConnectionState.Open : ConnectionState.Closed;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException("SQLite has one database per file");

    public override void Open()
    {
        if (!_lent) throw new InvalidOperationException("a reusable connection is opened by its owner, not by a borrower");
    }

    /// <summary>Ends the loan: the connection goes back to its owner, still open.</summary>
    public override void Close()
    {
        if (!_lent) return;
        _lent = false;
        _release(this);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => Inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand()
    {
        var front = _fronts.TryPop(out var kept) ? kept : new ReusableSqliteCommand(this);
        front.Lend();
        return front;
    }

    /// <summary>Takes back a disposed command front for the next <see cref="DbConnection.CreateCommand"/>.</summary>
    internal void ReturnFront(ReusableSqliteCommand front)
    {
        if (_fronts.Count < 4) _fronts.Push(front);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        // No base call: Component's dispose would raise Disposed for a connection that lives on.
    }

    public override ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
