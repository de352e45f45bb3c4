using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Cli;

/// <summary>
/// The small languages of the command line: load stages (<c>--load "inject 100/s 30s"</c>), named ports
/// (<c>--ports gpcm=29900,management=8558</c>) and source address lists (<c>--source-addresses 127.0.0.2-127.0.0.50</c>).
/// Each parser throws <see cref="FormatException"/> with a message a user can act on.
/// </summary>
public static class LoadSpec
{
    /// <summary>Most source addresses one process takes: a /16 is far more than any capacity run needs.</summary>
    public const int MaxSourceAddresses = 65_536;

    public const string StageSyntax =
        "inject <rate>/<interval> <during> | ramp-inject <rate>/<interval> <during> | keep <users> <during> | ramp-keep <users> <during> | pause <during>";

    /// <summary>One stage: <c>inject 100/s 30s</c>, <c>ramp-inject 200/1s 10s</c>, <c>keep 50 1m</c>, <c>ramp-keep 0 10s</c>, <c>pause 5s</c>.</summary>
    public static LoadSimulation ParseStage(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) throw new FormatException($"an empty load stage; write {StageSyntax}");
        var kind = words[0].ToLowerInvariant();
        try
        {
            return (kind, words.Length) switch
            {
                ("inject", 3) => Injection(words, ramp: false),
                ("ramp-inject" or "ramping-inject", 3) => Injection(words, ramp: true),
                ("keep" or "keep-constant", 3) => LoadSimulation.KeepConstant(Count(words[1]), DurationText.Parse(words[2])),
                ("ramp-keep" or "ramping-constant", 3) => LoadSimulation.RampingConstant(Count(words[1]), DurationText.Parse(words[2])),
                ("pause", 2) => LoadSimulation.Pause(DurationText.Parse(words[1])),
                _ => throw new FormatException($"'{text}' is not a load stage; write {StageSyntax}"),
            };
        }
        catch (FormatException e) when (!e.Message.StartsWith('\''))
        {
            throw new FormatException($"'{text}': {e.Message}", e);
        }
    }

    private static LoadSimulation Injection(string[] words, bool ramp)
    {
        var rate = Rate(words[1], out var interval);
        var during = DurationText.Parse(words[2]);
        return ramp ? LoadSimulation.RampingInject(rate, interval, during) : LoadSimulation.Inject(rate, interval, during);
    }

    /// <summary><c>100</c> (per second), <c>100/s</c>, <c>100/1s</c>, <c>6000/1m</c>, <c>5/500ms</c>.</summary>
    public static int Rate(string text, out TimeSpan interval)
    {
        var slash = text.IndexOf('/');
        interval = TimeSpan.FromSeconds(1);
        if (slash >= 0)
        {
            var unit = text[(slash + 1)..];
            interval = unit switch
            {
                "s" => TimeSpan.FromSeconds(1),
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                _ => DurationText.Parse(unit),
            };
            text = text[..slash];
        }
        return Count(text);
    }

    public static int Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"'{text}' is not a whole number");

    /// <summary><c>gpcm=29900,management=8558</c>; several options add up.</summary>
    public static IReadOnlyDictionary<string, int> ParsePorts(IEnumerable<string> items)
    {
        var ports = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0) throw new FormatException($"'{item}' is not name=port");
            var name = item[..equals].Trim();
            if (!int.TryParse(item[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
                throw new FormatException($"'{item}': the port must be a number from 0 to 65535");
            ports[name] = port;
        }
        return ports;
    }

    /// <summary>
    /// <c>127.0.0.2,127.0.0.3</c> or a range <c>127.0.0.2-127.0.0.50</c> (IPv4). Every address must be loopback:
    /// a non-loopback one throws <see cref="NonLoopbackTargetException"/>.
    /// </summary>
    public static IReadOnlyList<IPAddress> ParseSourceAddresses(IEnumerable<string> items)
    {
        var addresses = new List<IPAddress>();
        foreach (var item in items.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var dash = item.IndexOf('-');
            if (dash < 0)
            {
                addresses.Add(LoopbackAddresses.Parse(item));
            }
            else
            {
                var first = LoopbackAddresses.Parse(item[..dash]);
                var last = LoopbackAddresses.Parse(item[(dash + 1)..]);
                if (first.AddressFamily != AddressFamily.InterNetwork || last.AddressFamily != AddressFamily.InterNetwork)
                    throw new FormatException($"'{item}': ranges are for IPv4 addresses only");
                var from = ToNumber(first);
                var to = ToNumber(last);
                if (to < from) throw new FormatException($"'{item}': the range ends before it starts");
                if (to - from + 1 + (uint)addresses.Count > MaxSourceAddresses) throw new FormatException($"more than {MaxSourceAddresses} source addresses");
                for (var n = (long)from; n <= to; n++) addresses.Add(FromNumber((uint)n));
            }
            if (addresses.Count > MaxSourceAddresses) throw new FormatException($"more than {MaxSourceAddresses} source addresses");
        }
        return addresses;
    }

    private static IPAddress FromNumber(uint n) => new([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);

    private static uint ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }
}
