using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>"Where was this value set?" for a built configuration.</summary>
public static class ConfigurationOrigins
{
    /// <summary>
    /// The origin of the effective value of <paramref name="key"/>: the last provider that has the key
    /// wins, as in <see cref="IConfiguration"/>'s own lookup. Providers that do not track origins are named
    /// by their description. Null when no provider has the key.
    /// </summary>
    public static string? GetValueOrigin(this IConfigurationRoot configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider is IConfigurationValueOrigins origins && origins.TryGetOrigin(key, out var origin)
                    ? origin
                    : provider.ToString();
            }
        }
        return null;
    }

    /// <summary>The provider that supplies the effective value of <paramref name="key"/>.</summary>
    public static IConfigurationProvider? GetValueProvider(this IConfigurationRoot configuration, string key) =>
        configuration.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _));

    /// <summary>The settings the reference file defines, when the configuration has one.</summary>
    public static ReferenceSettings? GetReferenceSettings(this IConfigurationRoot configuration) =>
        configuration.Providers.OfType<HoconConfigurationProvider>().Select(p => p.Reference).LastOrDefault(r => r is not null);
}
