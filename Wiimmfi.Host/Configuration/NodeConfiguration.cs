using Microsoft.Extensions.Configuration;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Builds a node's configuration in the documented order; each later source overrides the earlier ones:
/// <list type="number">
/// <item><c>hocon/wiimmfi.conf</c> next to the executable: every setting with its default;</item>
/// <item>the HOCON file given with <c>--config &lt;file&gt;</c> (merged with the first and resolved together,
/// so its substitutions can use any setting);</item>
/// <item>environment variables <c>WIIMMFI__SECTION__KEY</c> (<see cref="WiimmfiEnvironmentVariablesSource"/>);</item>
/// <item>the command line: <c>--set wiimmfi.a.b=v</c> or <c>--wiimmfi:a:b=v</c> (<see cref="NodeCommandLine"/>).</item>
/// </list>
/// Every provider reports where its values came from (<see cref="ConfigurationOrigins"/>), which is what
/// <c>config show</c> prints. A malformed file or unresolved substitution throws <see cref="HoconException"/>
/// with a one-line message; the host prints it and stops.
/// </summary>
public static class NodeConfiguration
{
    /// <summary>Folder, next to the executable, that holds the shipped .conf files.</summary>
    public const string HoconFolder = "hocon";

    /// <summary>The reference file: every setting with its default.</summary>
    public const string ReferenceFileName = "wiimmfi.conf";

    /// <summary>Where the reference file is for an executable in <paramref name="baseDirectory"/> (default: this one's).</summary>
    public static string ReferenceFilePath(string? baseDirectory = null) =>
        Path.Combine(baseDirectory ?? AppContext.BaseDirectory, HoconFolder, ReferenceFileName);

    /// <param name="args">The whole command line; arguments that are not configuration switches are ignored.</param>
    /// <param name="environment">Environment variables; null reads the process environment.</param>
    /// <param name="baseDirectory">Folder holding <c>hocon/wiimmfi.conf</c>; null is the executable's folder.</param>
    public static IConfigurationRoot Build(string[] args, IDictionary<string, string?>? environment = null, string? baseDirectory = null) =>
        new ConfigurationBuilder().AddNodeConfiguration(args, environment, baseDirectory).Build();

    /// <summary>
    /// Adds the node's sources, in order, to any builder — e.g. a web host's <c>builder.Configuration</c>
    /// after clearing its default sources (the default command-line source would misread CLI verbs).
    /// </summary>
    public static IConfigurationBuilder AddNodeConfiguration(this IConfigurationBuilder builder, string[] args,
        IDictionary<string, string?>? environment = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(args);
        HoconBinding.Register();

        var variables = environment is null
            ? WiimmfiEnvironmentVariablesSource.ReadProcessEnvironment()
            : new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        var referencePath = ReferenceFilePath(baseDirectory);
        if (!File.Exists(referencePath))
        {
            throw new HoconException($"the reference configuration {referencePath} is missing; it ships next to the executable");
        }
        var configFile = NodeCommandLine.FindConfigFile(args);
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new HoconException($"configuration file given with --config not found: {Path.GetFullPath(configFile)}");
        }

        return builder
            .Add(new HoconConfigurationSource { ReferencePath = referencePath, Path = configFile, Environment = variables })
            .Add(new WiimmfiEnvironmentVariablesSource(variables))
            .Add(new WiimmfiCommandLineSource(args));
    }

    /// <summary>Binds the <c>wiimmfi</c> section; conversion errors name the key and the bad value.</summary>
    public static WiimmfiOptions BindOptions(IConfiguration configuration)
    {
        HoconBinding.Register();
        return configuration.GetSection(WiimmfiOptions.SectionName).Get<WiimmfiOptions>() ?? new WiimmfiOptions();
    }
}
