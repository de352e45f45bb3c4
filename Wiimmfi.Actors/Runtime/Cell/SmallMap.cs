using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. A map for the actor cell's bookkeeping (whom it watches, who watches it, its children), which
/// almost always holds zero or one entry: a connection actor has one child, a session watches one connection.
/// One entry lives in fields (48 bytes in all); a second moves everything into a <see cref="Dictionary{TKey,TValue}"/>.
/// An idle console used to pay a dictionary (about 200 bytes) for each of these maps. Not thread-safe: callers
/// hold the same lock they held around the dictionary.
/// </summary>
internal sealed class SmallMap<TKey, TValue> where TKey : notnull
{
    private TKey? _key;
    private TValue? _value;
    private bool _hasOne;
    private Dictionary<TKey, TValue>? _many;

    public int Count => _many?.Count ?? (_hasOne ? 1 : 0);

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_many is not null) return _many.TryGetValue(key, out value);
        if (_hasOne && EqualityComparer<TKey>.Default.Equals(_key, key))
        {
            value = _value!;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Adds or replaces the entry for <paramref name="key"/>.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_many is not null)
        {
            _many[key] = value;
        }
        else if (!_hasOne || EqualityComparer<TKey>.Default.Equals(_key, key))
        {
            (_key, _value, _hasOne) = (key, value, true);
        }
        else
        {
            _many = new Dictionary<TKey, TValue> { [_key!] = _value!, [key] = value };
            (_key, _value, _hasOne) = (default, default, false);
        }
    }

    /// <summary>Adds <paramref name="key"/> unless it is there already; says whether it was added.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (ContainsKey(key)) return false;
        Set(key, value);
        return true;
    }

    public bool Remove(TKey key) => Remove(key, out _);

    public bool Remove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_many is not null) return _many.Remove(key, out value);
        if (_hasOne && EqualityComparer<TKey>.Default.Equals(_key, key))
        {
            value = _value!;
            (_key, _value, _hasOne) = (default, default, false);
            return true;
        }
        value = default;
        return false;
    }

    public void Clear()
    {
        _many = null;
        (_key, _value, _hasOne) = (default, default, false);
    }

    /// <summary>The keys, copied (callers send messages while going through them).</summary>
    public TKey[] KeysToArray() => _many is not null ? [.. _many.Keys] : _hasOne ? [_key!] : [];

    /// <summary>The values, copied.</summary>
    public TValue[] ValuesToArray() => _many is not null ? [.. _many.Values] : _hasOne ? [_value!] : [];
}
