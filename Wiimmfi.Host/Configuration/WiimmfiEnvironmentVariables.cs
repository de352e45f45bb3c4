using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Environment variables as configuration, in the standard double-underscore form with no prefix
/// stripped: <c>WIIMMFI__GPCM__PORT=30000</c> sets <c>wiimmfi:gpcm:port</c>.
/// * Only variables whose first segment is <c>wiimmfi</c> are read, so PATH and friends stay out of
///   <c>config show</c> and out of <c>--strict</c>.
/// * Names are case-insensitive (configuration keys are).
/// * Shells do not allow '-' in names, so inside a segment a single '_' stands for '-':
///   <c>WIIMMFI__GPCM__KEEP_ALIVE_INTERVAL</c> sets <c>wiimmfi.gpcm.keep-alive-interval</c>. (Settings
///   are hyphen-separated, never underscored, so nothing is lost.)
/// </summary>
public sealed class WiimmfiEnvironmentVariablesSource : IConfigurationSource
{
    public WiimmfiEnvironmentVariablesSource(IReadOnlyDictionary<string, string?> variables) => Variables = variables;

    public IReadOnlyDictionary<string, string?> Variables { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new WiimmfiEnvironmentVariablesProvider(Variables);

    /// <summary>A copy of the process environment.</summary>
    public static Dictionary<string, string?> ReadProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }
        return variables;
    }

    /// <summary>The configuration key a variable sets, or null when it is not a wiimmfi setting.</summary>
    public static string? ToConfigurationKey(string variable)
    {
        var segments = variable.Split("__");
        if (segments.Length < 2 || !string.Equals(segments[0], WiimmfiOptions.SectionName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (segments.Any(s => s.Length == 0))
        {
            return null;
        }
        return string.Join(ConfigurationPath.KeyDelimiter, segments.Select(s => s.ToLowerInvariant().Replace('_', '-')));
    }
}

/// <summary>Provider for <see cref="WiimmfiEnvironmentVariablesSource"/>.</summary>
public sealed class WiimmfiEnvironmentVariablesProvider : ConfigurationProvider, IConfigurationValueOrigins
{
    private readonly IReadOnlyDictionary<string, string?> _variables;
    private readonly Dictionary<string, string> _origins = new(StringComparer.OrdinalIgnoreCase);

    public WiimmfiEnvironmentVariablesProvider(IReadOnlyDictionary<string, string?> variables) => _variables = variables;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        _origins.Clear();
        // Sorted so that two spellings of one setting resolve the same way on every machine.
        foreach (var (name, value) in _variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (WiimmfiEnvironmentVariablesSource.ToConfigurationKey(name) is { } key)
            {
                data[key] = value;
                _origins[key] = $"env {name}";
            }
        }
        Data = data;
    }

    public bool TryGetOrigin(string key, [NotNullWhen(true)] out string? origin) => _origins.TryGetValue(key, out origin);

    public override string ToString() => "environment variables WIIMMFI__*";
}
