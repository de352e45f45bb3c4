namespace Wiimmfi.Protocols.ServerBrowser.Filter;

/// <summary>
/// Gives a compiled filter the values of one server. Implement it as a <c>struct</c> and pass it by
/// <c>ref</c> to <see cref="CompiledFilter.Matches{TSource}(ref TSource)"/>: the call is then specialised for
/// the struct, with no boxing, no interface dispatch and no allocation per server.
/// </summary>
/// <remarks>
/// <paramref name="keyIndex"/> in <see cref="TryGetValue"/> is the key's position in
/// <see cref="CompiledFilter.Keys"/>, so a table can bind the filter's keys to its own columns once per query
/// (<c>columns[keyIndex]</c>) instead of looking names up per server.
/// </remarks>
public interface IFilterValueSource
{
    /// <summary>The server's value for key <paramref name="keyName"/>; false when the server has no such key
    /// (the filter then sees an empty string).</summary>
    bool TryGetValue(int keyIndex, string keyName, out ReadOnlySpan<char> value);
}

/// <summary>A filter value source over a dictionary (tests, simple callers).</summary>
public readonly struct FilterDictionarySource(IReadOnlyDictionary<string, string> values) : IFilterValueSource
{
    /// <inheritdoc/>
    public bool TryGetValue(int keyIndex, string keyName, out ReadOnlySpan<char> value)
    {
        if (values.TryGetValue(keyName, out string? text))
        {
            value = text;
            return true;
        }
        value = default;
        return false;
    }
}
