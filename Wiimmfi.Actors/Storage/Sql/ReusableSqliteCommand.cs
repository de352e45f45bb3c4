using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The command a <see cref="ReusableSqliteConnection"/> gives out: a thin front for one of the connection's kept
/// <see cref="SqliteCommand"/>s, picked by the command text and handed back on dispose.
/// </summary>
/// <remarks>
/// Dapper sets the transaction before the text and may set the text twice (it rewrites <c>IN @list</c> after adding
/// some parameters, into the collection it fetched once at the start), so the settings and the parameters are held
/// here and given to the kept statement when it runs.
/// </remarks>
internal sealed class ReusableSqliteCommand(ReusableSqliteConnection connection) : DbCommand
{
    private SqliteCommand? _inner;
    private DbTransaction? _transaction;
    private int _timeout = 30;
    private bool _lent;
    private readonly OwnParameters _parameters = new();

    /// <summary>Marks the start of a use: the user's dispose hands this front back once.</summary>
    public void Lend() => _lent = true;

    [AllowNull]
    public override string CommandText
    {
        get => _inner?.CommandText ?? "";
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            if (_inner is { } current && current.CommandText == value) return;
            var next = connection.Rent(value);
            if (_inner is { } previous) connection.Return(previous);
            _inner = next;
        }
    }

    public override int CommandTimeout
    {
        get => _timeout;
        set => _timeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new NotSupportedException("SQLite runs text commands only");
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (!ReferenceEquals(value, connection))
                throw new NotSupportedException("a reusable command stays with the connection that made it");
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set => _transaction = value;
    }

    public override void Cancel() => _inner?.Cancel();

    public override void Prepare() => Ready().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

    protected override void Dispose(bool disposing)
    {
        if (!disposing || !_lent) return; // disposed twice: already handed back
        _lent = false;
        var inner = _inner;
        _inner = null;
        _transaction = null;
        _timeout = 30;
        _parameters.Clear();
        if (inner is not null) connection.Return(inner);
        connection.ReturnFront(this);
        // No base call: nothing of Component's is used, and this front is used again.
    }

    private SqliteCommand Ready()
    {
        var inner = Inner("set CommandText before executing");
        inner.Transaction = _transaction switch
        {
            null => null,
            SqliteTransaction sqlite => sqlite,
            _ => throw new InvalidOperationException("the transaction belongs to another provider"),
        };
        inner.CommandTimeout = _timeout;
        var bound = inner.Parameters;
        bound.Clear();
        for (var i = 0; i < _parameters.Count; i++) bound.Add(_parameters[i]);
        return inner;
    }

    private SqliteCommand Inner(string whenMissing) => _inner ?? throw new InvalidOperationException(whenMissing);

    /// <summary>A parameter list of this front's own (the provider's constructor is open to subclasses only).</summary>
    private sealed class OwnParameters : SqliteParameterCollection;
}
