using System.Text;

namespace Wiimmfi.Protocols.GameStats;

/// <summary>
/// The <c>\key\value\key\value</c> strings stored by setpd and served by getpd.
/// </summary>
public static class GameStatsPlayerData
{
    /// <summary>Splits stored data into pairs; false if it is not a key/value string.</summary>
    public static bool TryParse(string data, out List<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(data);
        pairs = [];
        if (data.Length == 0)
        {
            return true;
        }
        if (data[0] != '\\')
        {
            return false;
        }
        var parts = data[1..].Split('\\');
        if (parts.Length % 2 != 0)
        {
            return false;
        }
        for (var i = 0; i < parts.Length; i += 2)
        {
            pairs.Add(KeyValuePair.Create(parts[i], parts[i + 1]));
        }
        return true;
    }

    /// <summary>Joins pairs back into <c>\k\v…</c>.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            builder.Append('\\').Append(key).Append('\\').Append(value);
        }
        return builder.ToString();
    }

    /// <summary>
    /// AltWFC's update rule: keys in <paramref name="update"/> replace or extend those in
    /// <paramref name="stored"/>, order of first appearance kept. (WiiLink replaces the whole value instead.)
    /// Falls back to <paramref name="update"/> when either is not a key/value string.
    /// </summary>
    public static string Merge(string stored, string update)
    {
        if (!TryParse(stored, out var old) || !TryParse(update, out var changes))
        {
            return update;
        }
        foreach (var (key, value) in changes)
        {
            var index = old.FindIndex(p => p.Key == key);
            if (index >= 0)
            {
                old[index] = KeyValuePair.Create(key, value);
            }
            else
            {
                old.Add(KeyValuePair.Create(key, value));
            }
        }
        return Format(old);
    }

    /// <summary>
    /// AltWFC's getpd rule: only the requested keys, in request order, missing ones left out. An empty
    /// key list returns the data unchanged (WiiLink always returns the whole blob).
    /// </summary>
    public static string Select(string stored, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0 || !TryParse(stored, out var pairs))
        {
            return stored;
        }
        var selected = new List<KeyValuePair<string, string>>();
        foreach (var key in keys)
        {
            var index = pairs.FindIndex(p => p.Key == key);
            if (index >= 0)
            {
                selected.Add(pairs[index]);
            }
        }
        return Format(selected);
    }
}
