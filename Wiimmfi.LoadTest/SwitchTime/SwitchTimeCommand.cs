using System.CommandLine;
using System.Globalization;
using Wiimmfi.LoadTest.Cli;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.SwitchTime;

/// <summary>
/// <c>wiimmfi-load switch-time</c>: holds logged-in consoles on a running node, asks it for smart restarts and prints
/// how long the switch took, as the node measured it and as busy consoles saw it, and whether every console stayed.
/// Exit code 0 when every round switched with no console lost, 1 otherwise, 2 on a usage error.
/// </summary>
internal static class SwitchTimeCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken stop)
    {
        var target = new Option<string>("--target", "-t") { Description = "The node's loopback address.", DefaultValueFactory = _ => "127.0.0.1" };
        var ports = new Option<string[]>("--ports", "-p") { Description = "nas=..,gpcm=..,management=.. (all three are needed).", Required = true };
        var consoles = new Option<int>("--consoles", "-n") { Description = "Idle logged-in consoles held through the switches.", DefaultValueFactory = _ => 1_000 };
        var probes = new Option<int>("--probes") { Description = "Busy consoles whose answer gaps show the switch.", DefaultValueFactory = _ => 4 };
        var rounds = new Option<int>("--rounds") { Description = "Smart restarts in a row.", DefaultValueFactory = _ => 3 };
        var settle = new Option<string>("--settle") { Description = "Probing time before and after each restart.", DefaultValueFactory = _ => "2s" };
        var admin = new Option<string>("--admin") { Description = "Management credentials, user:password.", Required = true };
        var concurrency = new Option<int>("--sign-in-concurrency") { Description = "Consoles signing in at once.", DefaultValueFactory = _ => 64 };
        var maxDuration = new Option<string>("--max-duration") { Description = "Hard bound on the whole measurement.", DefaultValueFactory = _ => "10m" };
        var command = new Command("switch-time", "Measure smart-restart switch time with consoles connected to a running node.");
        foreach (var option in new Option[] { target, ports, consoles, probes, rounds, settle, admin, concurrency, maxDuration }) command.Options.Add(option);
        command.SetAction(async (parsed, _) =>
        {
            SwitchTimeSettings settings;
            try
            {
                var credentials = parsed.GetValue(admin)!;
                var colon = credentials.IndexOf(':');
                if (colon <= 0) throw new FormatException("--admin must be user:password");
                settings = new SwitchTimeSettings(
                    LoadTarget.Parse(parsed.GetValue(target)!, LoadSpec.ParsePorts(parsed.GetValue(ports) ?? [])),
                    parsed.GetValue(consoles), parsed.GetValue(probes), parsed.GetValue(rounds), DurationText.Parse(parsed.GetValue(settle)!),
                    credentials[..colon], credentials[(colon + 1)..], parsed.GetValue(concurrency), DurationText.Parse(parsed.GetValue(maxDuration)!));
                settings.Validate();
                foreach (var name in new[] { "nas", "gpcm", "management" }) settings.Target.Endpoint(name);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NonLoopbackTargetException or InvalidOperationException or KeyNotFoundException)
            {
                await error.WriteLineAsync($"wiimmfi-load: {e.Message}").ConfigureAwait(false);
                return LoadCli.UsageError;
            }
            var results = await SwitchTimeRun.RunAsync(settings, output, stop).ConfigureAwait(false);
            await output.WriteAsync(Render(settings, results)).ConfigureAwait(false);
            var clean = results.Count == settings.Rounds && results.All(r => r.Succeeded && r.ProbeFailures == 0 && r.IdleClosed == 0 && r.IdleAnswered == settings.Consoles);
            return clean ? LoadCli.Ok : LoadCli.RunHadFailures;
        });
        return command;
    }

    /// <summary>A markdown table, one row per restart.</summary>
    public static string Render(SwitchTimeSettings settings, IReadOnlyList<SwitchRound> rounds)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\nSmart restart with {settings.Consoles:N0} idle consoles and {settings.Probes} busy probes connected over GPCM:\n");
        text.AppendLine("| round | pids | node switch ms | steps ms (udp / tcp / quiet / sent / ready) | carried | longest gap seen ms | median probe's longest gap ms | normal gap ms | probe failures | idle closed | idle answered |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {i + 1} | {r.OldPid} → {r.NewPid} | {(r.Succeeded ? r.NodeSwitchMs.ToString("F1", CultureInfo.InvariantCulture) : "failed: " + r.Error)} | {r.NodePhases} | {r.ConnectionsCarried:N0} | " +
                $"{r.LongestGapMs:F1} | {r.MedianLongestGapMs:F1} | {r.NormalGapMs:F2} | {r.ProbeFailures} | {r.IdleClosed} | {r.IdleAnswered:N0} |");
        }
        return text.ToString();
    }
}
