using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// The settings the reference file (hocon/wiimmfi.conf) defines: a configuration key is "known" when the
/// reference sets it, or when it is an element of a list (or entry of an empty object) the reference
/// defines. <c>config show --strict</c> reports every other key, which is how a misspelt setting is caught.
/// </summary>
public sealed class ReferenceSettings
{
    private readonly Dictionary<string, string> _leaves = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _openContainers = new(StringComparer.OrdinalIgnoreCase);

    private ReferenceSettings(string file) => File = file;

    /// <summary>The reference file these settings come from.</summary>
    public string File { get; }

    /// <summary>Every key the reference sets, spelt as it spells them.</summary>
    public IReadOnlyCollection<string> Keys => _leaves.Values;

    public static ReferenceSettings FromTree(HoconObject tree, string file)
    {
        var settings = new ReferenceSettings(file);
        settings.Collect(tree, "");
        return settings;
    }

    private void Collect(HoconValue value, string key)
    {
        switch (value)
        {
            case HoconObject { Count: > 0 } obj:
                foreach (var name in obj.Keys)
                {
                    Collect(obj[name], Join(key, name));
                }
                break;
            case HoconObject when key.Length > 0:
                _leaves[key] = key;
                _openContainers.Add(key);
                break;
            case HoconArray array:
                _leaves[key] = key;
                _openContainers.Add(key);
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Collect(array.Items[i], Join(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                break;
            default:
                if (key.Length > 0)
                {
                    _leaves[key] = key;
                }
                break;
        }
    }

    private static string Join(string key, string name) => key.Length == 0 ? name : key + ConfigurationPath.KeyDelimiter + name;

    /// <summary>True when the reference defines <paramref name="key"/> (or a list or open object that holds it).</summary>
    public bool IsKnown(string key)
    {
        if (_leaves.ContainsKey(key))
        {
            return true;
        }
        for (var end = key.LastIndexOf(':'); end > 0; end = key.LastIndexOf(':', end - 1))
        {
            if (_openContainers.Contains(key[..end]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The reference's spelling of a key that differs only in case (environment variables are upper case).</summary>
    public bool TryGetCanonicalKey(string key, [NotNullWhen(true)] out string? canonical) => _leaves.TryGetValue(key, out canonical);
}
