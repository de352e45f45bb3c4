using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// <c>wiimmfi config show [--format hocon|json] [--strict] [--config file] [--set path=value]…</c>: builds the
/// configuration exactly as the node would (<see cref="NodeConfiguration.Build"/>) and prints it with the
/// origin of every value. The CLI calls <see cref="Run(string[], TextWriter, TextWriter)"/> with the whole
/// command line; arguments it does not know are ignored.
/// </summary>
public sealed class ConfigShowCommand
{
    /// <summary>Printed; no problems (or none looked for).</summary>
    public const int ExitOk = 0;

    /// <summary>The configuration cannot be loaded (malformed file, unresolved substitution) or the arguments are wrong.</summary>
    public const int ExitConfigurationError = 1;

    /// <summary><c>--strict</c> found unknown settings or invalid values; the configuration was still printed.</summary>
    public const int ExitStrictProblems = 2;

    private readonly IDictionary<string, string?>? _environment;
    private readonly string? _baseDirectory;

    /// <param name="environment">Environment variables; null reads the process environment.</param>
    /// <param name="baseDirectory">Folder holding <c>hocon/wiimmfi.conf</c>; null is the executable's folder.</param>
    public ConfigShowCommand(IDictionary<string, string?>? environment = null, string? baseDirectory = null)
    {
        _environment = environment;
        _baseDirectory = baseDirectory;
    }

    public int Run(string[] args, TextWriter output) => Run(args, output, output);

    public int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var strict = args.Contains("--strict", StringComparer.Ordinal);
        if (!TryReadFormat(args, out var format, out var formatProblem))
        {
            error.WriteLine($"config show: {formatProblem}");
            return ExitConfigurationError;
        }

        Microsoft.Extensions.Configuration.IConfigurationRoot configuration;
        try
        {
            configuration = NodeConfiguration.Build(args, _environment, _baseDirectory);
        }
        catch (HoconException e)
        {
            error.WriteLine($"configuration error: {e.Message}");
            return ExitConfigurationError;
        }

        output.Write(ConfigShow.Render(configuration, format, strict));
        return strict && ConfigShow.FindProblems(configuration).Count > 0 ? ExitStrictProblems : ExitOk;
    }

    private static bool TryReadFormat(string[] args, out ConfigShowFormat format, out string problem)
    {
        format = ConfigShowFormat.Hocon;
        problem = "";
        string? name = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--format")
            {
                if (i + 1 >= args.Length)
                {
                    problem = "--format needs a value: hocon or json";
                    return false;
                }
                name = args[++i];
            }
            else if (args[i].StartsWith("--format=", StringComparison.Ordinal))
            {
                name = args[i]["--format=".Length..];
            }
        }
        switch (name?.ToLowerInvariant())
        {
            case null or "hocon" or "conf":
                return true;
            case "json":
                format = ConfigShowFormat.Json;
                return true;
            default:
                problem = $"unknown --format '{name}': use hocon or json";
                return false;
        }
    }
}
