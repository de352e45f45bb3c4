using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// One table's pool of key names and common values, so that 10,000 hosts reporting <c>dwc_hoststate</c> = <c>2</c>
/// share two strings instead of holding 20,000, and so that key names can be compared by reference while a
/// filter is evaluated. Bounded: consoles choose the names and values, so a hostile heartbeat must not grow the
/// pool without end.
/// </summary>
internal sealed class KeyInterner
{
    /// <summary>Distinct key names one table pools. A game reports a few dozen (MKW about 20); names beyond this
    /// bound (junk from a hostile console) are stored unshared and compared by value, so a full pool costs memory
    /// sharing, never correctness.</summary>
    public const int MaxKeyNames = 512;

    /// <summary>Distinct values pooled. Beyond it values are still stored, just not shared.</summary>
    public const int MaxPooledValues = 16_384;

    /// <summary>Values longer than this are not pooled: long values are rarely shared.</summary>
    public const int MaxPooledValueLength = 32;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Number of distinct key names pooled.</summary>
    public int NameCount => _names.Count;

    /// <summary>True once the name pool is full: a name missing from it may still be reported by some host.</summary>
    public bool NamesFull => _names.Count >= MaxKeyNames;

    /// <summary>The pooled instance of a key name, adding it if there is room; <paramref name="pooled"/> is false
    /// (and the name itself is returned) when the pool is full.</summary>
    public string InternName(string name, out bool pooled)
    {
        pooled = true;
        if (_names.TryGetValue(name, out var instance))
            return instance;
        if (NamesFull)
        {
            pooled = false;
            return name;
        }
        _names.Add(name, name);
        return name;
    }

    /// <summary>The pooled instance of a key name, or null when it is not pooled (lookup only).</summary>
    public string? FindName(string name) => _names.TryGetValue(name, out var pooled) ? pooled : null;

    /// <summary>The pooled instance of a value of key <paramref name="name"/> (or the value itself).</summary>
    public string InternValue(string name, string value)
    {
        if (value.Length > MaxPooledValueLength || IsPerHostKey(name))
            return value;
        if (_values.TryGetValue(value, out var pooled))
            return pooled;
        if (_values.Count < MaxPooledValues)
            _values.Add(value, value);
        return value;
    }

    /// <summary>Keys whose values differ per console (addresses, profile and group ids): pooling them would only
    /// fill the pool.</summary>
    private static bool IsPerHostKey(string name) =>
        Qr2KeyNames.IsAddressKey(name) || name is MkwQr2Keys.ProfileId or MkwQr2Keys.GroupId;
}
