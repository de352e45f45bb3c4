using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>Adds HOCON files to a configuration builder.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>
    /// Adds one HOCON file. Its includes are read relative to it; substitutions resolve within it (and
    /// fall back to environment variables). A malformed file makes <c>Build()</c> throw
    /// <see cref="Hocon.HoconParseException"/> naming file, line and column.
    /// </summary>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        HoconBinding.Register();
        return builder.Add(new HoconConfigurationSource { Path = path, Optional = optional });
    }

    /// <summary>Adds a HOCON file laid over a reference file, merged and resolved together.</summary>
    public static IConfigurationBuilder AddHoconFiles(this IConfigurationBuilder builder, string referencePath, string? path,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        HoconBinding.Register();
        return builder.Add(new HoconConfigurationSource { ReferencePath = referencePath, Path = path, Environment = environment });
    }
}
