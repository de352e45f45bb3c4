using System.Globalization;

namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>The JSON types HOCON values have.</summary>
public enum HoconValueKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A resolved configuration value (no substitutions left), with the place it was set.</summary>
public abstract class HoconValue(HoconOrigin origin)
{
    public HoconOrigin Origin { get; } = origin;

    public abstract HoconValueKind Kind { get; }

    /// <summary>The text of a string, number or boolean, as used when values are concatenated.</summary>
    internal virtual string? ConcatenationText => null;
}

/// <summary>A string, number, boolean or null. Numbers keep the spelling they were written with.</summary>
public sealed class HoconScalar : HoconValue
{
    public HoconScalar(HoconValueKind kind, string? text, HoconOrigin origin)
        : base(origin)
    {
        if (kind is HoconValueKind.Object or HoconValueKind.Array)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "a scalar is a string, number, boolean or null");
        }
        Kind = kind;
        Text = kind == HoconValueKind.Null ? null : text ?? throw new ArgumentNullException(nameof(text));
    }

    public override HoconValueKind Kind { get; }

    /// <summary>The value as text; null only for <see cref="HoconValueKind.Null"/>.</summary>
    public string? Text { get; }

    internal override string? ConcatenationText => Text ?? "null";

    internal HoconScalar WithOrigin(HoconOrigin origin) => new(Kind, Text, origin);

    public override string ToString() => Text ?? "null";
}

/// <summary>An array of resolved values.</summary>
public sealed class HoconArray(IReadOnlyList<HoconValue> items, HoconOrigin origin) : HoconValue(origin)
{
    public override HoconValueKind Kind => HoconValueKind.Array;

    public IReadOnlyList<HoconValue> Items { get; } = items;
}

/// <summary>
/// A resolved object: fields in the order they were first written. Typed getters take a path
/// expression (<c>wiimmfi.gpcm.port</c>) and apply HOCON's automatic conversions (booleans from
/// yes/no/on/off, durations and sizes with units, numerically indexed objects as lists).
/// </summary>
public sealed class HoconObject : HoconValue
{
    private readonly IReadOnlyList<string> _keys;
    private readonly IReadOnlyDictionary<string, HoconValue> _fields;

    public HoconObject(IReadOnlyList<string> keys, IReadOnlyDictionary<string, HoconValue> fields, HoconOrigin origin)
        : base(origin)
    {
        _keys = keys;
        _fields = fields;
    }

    public override HoconValueKind Kind => HoconValueKind.Object;

    public IReadOnlyList<string> Keys => _keys;

    public int Count => _keys.Count;

    public HoconValue this[string key] => _fields[key];

    public bool TryGetField(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    /// <summary>The value at a path expression, or null when there is none.</summary>
    public HoconValue? Find(string path) => Find(HoconPath.Parse(path));

    public HoconValue? Find(HoconPath path)
    {
        HoconValue current = this;
        foreach (var segment in path.Segments)
        {
            if (current is not HoconObject obj || !obj.TryGetField(segment, out current))
            {
                return null;
            }
        }
        return current;
    }

    public bool HasPath(string path) => Find(path) is { Kind: not HoconValueKind.Null };

    public string GetString(string path) => ScalarText(path, "a string");

    public long GetInt64(string path)
    {
        var text = ScalarText(path, "a whole number");
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw TypeError(path, text, "a whole number");
    }

    public int GetInt32(string path)
    {
        var number = GetInt64(path);
        return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw TypeError(path, number.ToString(CultureInfo.InvariantCulture), "a 32-bit whole number");
    }

    public bool GetBoolean(string path)
    {
        var text = ScalarText(path, "a boolean");
        return HoconUnits.TryParseBoolean(text, out var value) ? value : throw TypeError(path, text, "a boolean (true/false, yes/no, on/off)");
    }

    public TimeSpan GetDuration(string path)
    {
        var text = ScalarText(path, "a duration");
        return HoconUnits.TryParseDuration(text, out var value, out var problem) ? value : throw TypeError(path, text, problem);
    }

    public long GetBytes(string path)
    {
        var text = ScalarText(path, "a size in bytes");
        return HoconUnits.TryParseBytes(text, out var value, out var problem) ? value : throw TypeError(path, text, problem);
    }

    /// <summary>A list of strings; an object with keys "0", "1", … is read as a list (HOCON.md allows this).</summary>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var value = Find(path) ?? throw Missing(path);
        var items = HoconListConversion.AsList(value) ?? throw new HoconException($"setting '{path}' is not a list", value.Origin);
        return items.Select(item => item is HoconScalar { Text: { } text }
                ? text
                : throw new HoconException($"setting '{path}' must be a list of strings", item.Origin))
            .ToList();
    }

    private string ScalarText(string path, string expected)
    {
        var value = Find(path) ?? throw Missing(path);
        return value is HoconScalar { Text: { } text }
            ? text
            : throw new HoconException($"setting '{path}' must be {expected}, not {Describe(value)}", value.Origin);
    }

    private HoconException Missing(string path) => new($"no setting at '{path}'");

    private HoconException TypeError(string path, string text, string expected) =>
        new($"setting '{path}' = '{text}' is not {expected}", Find(path)?.Origin);

    private static string Describe(HoconValue value) => value.Kind switch
    {
        HoconValueKind.Object => "an object",
        HoconValueKind.Array => "an array",
        HoconValueKind.Null => "null",
        _ => value.Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>HOCON's "numerically indexed object to array" conversion (HOCON.md, same-named section).</summary>
internal static class HoconListConversion
{
    /// <summary>
    /// The items of an array, or of an object whose keys include non-negative integers (sorted by value,
    /// other keys ignored, gaps closed); null when the value is neither.
    /// </summary>
    public static IReadOnlyList<HoconValue>? AsList(HoconValue value)
    {
        if (value is HoconArray array)
        {
            return array.Items;
        }
        if (value is not HoconObject obj)
        {
            return null;
        }
        var indexed = new List<(long Index, HoconValue Value)>();
        foreach (var key in obj.Keys)
        {
            if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                indexed.Add((index, obj[key]));
            }
        }
        if (indexed.Count == 0)
        {
            return null;
        }
        indexed.Sort((a, b) => a.Index.CompareTo(b.Index));
        return indexed.Select(entry => entry.Value).ToList();
    }
}
