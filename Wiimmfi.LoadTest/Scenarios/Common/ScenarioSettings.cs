using System.Globalization;
using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.LoadTest.Scenarios.Common;

/// <summary>
/// The <c>--set name=value</c> values of a run (<c>--set login.online=1s --set presence.interval=20s</c>): knobs a
/// scenario reads while it prepares, each with a default, so one scenario covers a family of runs without a new
/// name per variant. Names are scenario-prefixed by convention. The command line refuses a name that no prepared
/// scenario read (<see cref="Unread"/>), so a typo cannot silently run the default.
/// </summary>
public sealed class ScenarioSettings
{
    /// <summary>Most settings one run takes; a longer list is a mistake, not a configuration.</summary>
    public const int MaxSettings = 64;

    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public ScenarioSettings(IReadOnlyDictionary<string, string>? values = null)
    {
        _values = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        if (_values.Count > MaxSettings) throw new FormatException($"more than {MaxSettings} --set values");
    }

    /// <summary>No settings: every scenario runs its defaults.</summary>
    public static ScenarioSettings Empty => new();

    /// <summary><c>login.online=1s</c>; several items (or comma-separated ones) add up, a later one replaces an earlier one.</summary>
    public static ScenarioSettings Parse(IEnumerable<string> items)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0 || equals == item.Length - 1) throw new FormatException($"'{item}' is not name=value");
            values[item[..equals].Trim()] = item[(equals + 1)..].Trim();
        }
        return new ScenarioSettings(values);
    }

    /// <summary>Every name given, as given.</summary>
    public IReadOnlyCollection<string> Names => _values.Keys;

    /// <summary>Names given that no scenario asked for.</summary>
    public IReadOnlyList<string> Unread()
    {
        lock (_read) return _values.Keys.Where(name => !_read.Contains(name)).Order(StringComparer.Ordinal).ToList();
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        if (!TryGet(name, out var text)) return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new FormatException($"--set {name}={text}: a whole number from {min} to {max} is expected");
        return value;
    }

    public double Number(string name, double defaultValue, double min, double max)
    {
        if (!TryGet(name, out var text)) return defaultValue;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
            throw new FormatException($"--set {name}={text}: a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} is expected");
        return value;
    }

    public TimeSpan Duration(string name, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        if (!TryGet(name, out var text)) return defaultValue;
        if (!DurationText.TryParse(text, out var value) || value < min || value > max)
            throw new FormatException($"--set {name}={text}: a duration from {DurationText.Format(min)} to {DurationText.Format(max)} is expected (e.g. 500ms, 30s)");
        return value;
    }

    public bool Flag(string name, bool defaultValue)
    {
        if (!TryGet(name, out var text)) return defaultValue;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw new FormatException($"--set {name}={text}: true or false is expected"),
        };
    }

    public override string ToString() => string.Join(",", _values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));

    private bool TryGet(string name, out string text)
    {
        lock (_read) _read.Add(name);
        return _values.TryGetValue(name, out text!);
    }
}
