using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// The configuration switches of the node's command line; every other argument belongs to the CLI
/// verbs and is ignored here.
/// * <c>--config &lt;file&gt;</c> (or <c>--config=&lt;file&gt;</c>): a HOCON file laid over hocon/wiimmfi.conf.
/// * <c>--set wiimmfi.gpcm.port=1234</c> (or <c>--set=…</c>): one setting by HOCON path; the value is taken
///   literally (list elements by index: <c>--set wiimmfi.cluster.seed-nodes.0=a:4053</c>).
/// * <c>--wiimmfi:gpcm:port=1234</c> (or <c>--wiimmfi:gpcm:port 1234</c>): the standard configuration-key form.
/// </summary>
public static class NodeCommandLine
{
    public const string ConfigSwitch = "--config";
    public const string SetSwitch = "--set";

    /// <summary>One setting given on the command line.</summary>
    public sealed record Setting(string Key, string Value, string Origin);

    /// <summary>The file named by <c>--config</c>, if any (the last one wins).</summary>
    public static string? FindConfigFile(IReadOnlyList<string> args)
    {
        string? file = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (TryTakeValue(args, ref i, ConfigSwitch, out var value))
            {
                file = value;
            }
        }
        return file;
    }

    /// <summary>The settings given with <c>--set</c> and <c>--wiimmfi:…</c>, in order.</summary>
    public static IReadOnlyList<Setting> FindSettings(IReadOnlyList<string> args)
    {
        var settings = new List<Setting>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (TryTakeValue(args, ref i, SetSwitch, out var assignment))
            {
                settings.Add(ParseSet(assignment));
            }
            else if (arg.StartsWith("--" + WiimmfiOptions.SectionName + ":", StringComparison.OrdinalIgnoreCase))
            {
                var body = arg[2..];
                var equals = body.IndexOf('=');
                if (equals >= 0)
                {
                    settings.Add(new Setting(body[..equals], body[(equals + 1)..], $"command line --{body[..equals]}"));
                }
                else if (i + 1 < args.Count)
                {
                    settings.Add(new Setting(body, args[++i], $"command line --{body}"));
                }
                else
                {
                    throw new HoconException($"command line: {arg} needs a value ({arg}=value)");
                }
            }
        }
        return settings;
    }

    private static bool TryTakeValue(IReadOnlyList<string> args, ref int i, string name, out string value)
    {
        var arg = args[i];
        if (arg.Equals(name, StringComparison.Ordinal))
        {
            if (i + 1 >= args.Count)
            {
                throw new HoconException($"command line: {name} needs a value");
            }
            value = args[++i];
            return true;
        }
        if (arg.StartsWith(name + "=", StringComparison.Ordinal))
        {
            value = arg[(name.Length + 1)..];
            return true;
        }
        value = "";
        return false;
    }

    private static Setting ParseSet(string assignment)
    {
        // The path may quote a segment ("a=b"), so find the first '=' outside quotes.
        var inQuotes = false;
        var equals = -1;
        for (var i = 0; i < assignment.Length && equals < 0; i++)
        {
            if (assignment[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (assignment[i] == '=' && !inQuotes)
            {
                equals = i;
            }
        }
        if (equals <= 0)
        {
            throw new HoconException($"command line: --set expects path=value, e.g. --set wiimmfi.gpcm.port=29900 (got '{assignment}')");
        }
        HoconPath path;
        try
        {
            path = HoconPath.Parse(assignment[..equals]);
        }
        catch (HoconParseException e)
        {
            throw new HoconException($"command line: --set {assignment[..equals]}=…: {e.Problem}");
        }
        return new Setting(path.ToConfigurationKey(), assignment[(equals + 1)..], $"command line --set {path}");
    }
}
