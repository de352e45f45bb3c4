using Wiimmfi.Protocols.ServerBrowser.Filter;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// Gives a compiled filter the values of one host. A struct passed by reference, so the filter's evaluation is
/// specialised for it and allocates nothing. <c>keyNames</c> are the filter's keys already mapped to the table's
/// pooled name instances (null for a name no host reports), so the per-host lookup is mostly a reference
/// comparison over the host's ~20 keys.
/// </summary>
internal struct HostFilterSource(HostRecord host, string?[] keyNames, string? profileIdKey = null, string? profileIdOverride = null)
    : IFilterValueSource
{
    /// <inheritdoc/>
    public readonly bool TryGetValue(int keyIndex, string keyName, out ReadOnlySpan<char> value)
    {
        var name = keyNames[keyIndex];
        if (name is null)
        {
            value = default;
            return false;
        }
        if (profileIdOverride is not null && ReferenceEquals(name, profileIdKey))
        {
            value = profileIdOverride;
            return true;
        }
        var keys = host.Keys;
        if (keys is KeyValuePair<string, string>[] array)
        {
            foreach (ref readonly var pair in array.AsSpan())
            {
                if (ReferenceEquals(pair.Key, name) || string.Equals(pair.Key, name, StringComparison.Ordinal))
                {
                    value = pair.Value;
                    return true;
                }
            }
        }
        else
        {
            for (int i = 0; i < keys.Count; i++)
            {
                if (string.Equals(keys[i].Key, name, StringComparison.Ordinal))
                {
                    value = keys[i].Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }
}
