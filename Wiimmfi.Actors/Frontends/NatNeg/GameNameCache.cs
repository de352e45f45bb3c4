namespace Wiimmfi.Actors.Frontends.NatNeg;

/// <summary>
/// Hands out one shared string per game name, so the thousands of open negotiations of one game do not each
/// keep their own copy of "mariokartwii" (about 50 bytes each). Bounded: names arrive from the network, so
/// after <see cref="MaxNames"/> distinct names the rest are passed through uncached. One owner (a front-end).
/// </summary>
public sealed class GameNameCache
{
    /// <summary>Far more than the games that use NATNEG; a flood of invented names cannot grow it further.</summary>
    public const int MaxNames = 512;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public int Count => _names.Count;

    /// <summary>The shared instance equal to <paramref name="name"/>.</summary>
    public string Share(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_names.TryGetValue(name, out var shared)) return shared;
        if (_names.Count < MaxNames) _names[name] = name;
        return name;
    }
}
