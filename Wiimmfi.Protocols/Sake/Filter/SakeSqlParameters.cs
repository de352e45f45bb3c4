namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>A named SQL parameter produced by a translation; <see cref="Value"/> is a <see cref="long"/> or a <see cref="string"/>.</summary>
public sealed record SakeSqlParameter(string Name, object Value);

/// <summary>
/// Collects the parameters of one SQL statement, so the filter and the sort of a query share one
/// numbering (<c>@p0</c>, <c>@p1</c> …). Every value that came from the client ends up here, never
/// in the SQL text.
/// </summary>
public sealed class SakeSqlParameters(string prefix = "@p", int firstIndex = 0)
{
    private readonly List<SakeSqlParameter> _items = [];
    private int _next = firstIndex;

    /// <summary>The parameters added so far, in order.</summary>
    public IReadOnlyList<SakeSqlParameter> Items => _items;

    /// <summary>Adds a value and returns its placeholder (e.g. <c>@p3</c>).</summary>
    public string Add(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not (long or string))
        {
            throw new ArgumentException("Filter parameters are long or string.", nameof(value));
        }
        var name = prefix + _next++;
        _items.Add(new SakeSqlParameter(name, value));
        return name;
    }
}
