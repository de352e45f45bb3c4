using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Command-line settings as configuration (<see cref="NodeCommandLine"/> describes the forms). Written
/// instead of the standard command-line provider because the node's command line also carries CLI
/// verbs and their options (<c>config show --strict --format json</c>), which the standard provider would
/// misread as settings.
/// </summary>
public sealed class WiimmfiCommandLineSource(IReadOnlyList<string> args) : IConfigurationSource
{
    public IReadOnlyList<string> Args { get; } = args;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new WiimmfiCommandLineProvider(Args);
}

/// <summary>Provider for <see cref="WiimmfiCommandLineSource"/>.</summary>
public sealed class WiimmfiCommandLineProvider(IReadOnlyList<string> args) : ConfigurationProvider, IConfigurationValueOrigins
{
    private readonly Dictionary<string, string> _origins = new(StringComparer.OrdinalIgnoreCase);

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        _origins.Clear();
        foreach (var setting in NodeCommandLine.FindSettings(args))
        {
            data[setting.Key] = setting.Value;
            _origins[setting.Key] = setting.Origin;
        }
        Data = data;
    }

    public bool TryGetOrigin(string key, [NotNullWhen(true)] out string? origin) => _origins.TryGetValue(key, out origin);

    public override string ToString() => "command line";
}
