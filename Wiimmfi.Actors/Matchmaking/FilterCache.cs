using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.ServerBrowser.Filter;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// Compiled filters of one table by their text. A console repeats its search every few seconds with the same
/// text, so most queries skip parsing; refusals are cached too, so a hostile filter costs its parse once.
/// Bounded: when full the cache starts over (compiling costs microseconds, so a simple reset is enough).
/// </summary>
internal sealed class FilterCache(MkwFilterPolicy? policy)
{
    /// <summary>Entries kept before the cache starts over.</summary>
    public const int Capacity = 1024;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A compiled filter, or why it was refused.</summary>
    public readonly record struct Entry(CompiledFilter? Filter, FilterError? Error);

    /// <summary>The compiled form of <paramref name="text"/>.</summary>
    public Entry Get(string text)
    {
        if (_entries.TryGetValue(text, out var entry))
            return entry;
        entry = Compile(text);
        if (_entries.Count >= Capacity)
            _entries.Clear();
        _entries.Add(text, entry);
        return entry;
    }

    private Entry Compile(string text)
    {
        if (!FilterParser.TryParse(text, out var tree, out var error))
            return new Entry(null, error);
        if (policy is not null)
            tree = policy.Apply(tree);
        return new Entry(CompiledFilter.Compile(tree, text), null);
    }
}
