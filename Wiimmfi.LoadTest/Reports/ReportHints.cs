using System.Globalization;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>
/// Plain-language warnings under the report (NBomber calls them hints): things that make the figures mean less
/// than they seem — a run cut short, arrivals that were never started, a generator short of CPU.
/// </summary>
public static class ReportHints
{
    /// <summary>A driver that ticks this late is not pacing the load any more: the generator itself is overloaded.</summary>
    private const double DriverLagWarningMs = 100;

    /// <summary>Share of all cores above which the generator, not the server, may be what limits the rate.</summary>
    private const double GeneratorCpuWarningShare = 0.8;

    public static IReadOnlyList<string> For(LoadReport report)
    {
        var hints = new List<string>();
        if (report.Run.StopReason != "completed")
            hints.Add($"The run stopped early ({report.Run.StopReason}); the figures cover only part of the planned load.");
        foreach (var scenario in report.Scenarios)
        {
            if (scenario.Iterations.Requests == 0 && scenario.Steps.All(s => s.Requests == 0))
                hints.Add($"Scenario '{scenario.Name}' recorded no requests.");
            if (scenario.DroppedArrivals > 0)
                hints.Add($"Scenario '{scenario.Name}' dropped {scenario.DroppedArrivals:N0} arrivals because its user cap was reached: the server answered more slowly than the load arrived, or the cap is too low.");
            if (scenario.AbandonedUsers > 0)
                hints.Add($"Scenario '{scenario.Name}' left {scenario.AbandonedUsers:N0} users running after the drain and abort: a step does not honour its cancellation token.");
            if (scenario.MaxDriverLagMs > DriverLagWarningMs)
                hints.Add($"Scenario '{scenario.Name}': the load driver ran up to {Ms(scenario.MaxDriverLagMs)} ms late; the generator was short of CPU and the load came in bursts.");
            foreach (var step in scenario.Steps)
                if (step.Kind == "step" && step.Requests > 0 && step.BytesIn == 0 && step.BytesOut == 0)
                    hints.Add($"Step '{scenario.Name}/{step.Name}' reported no data transfer (its responses carry no byte counts).");
        }
        var cores = Math.Max(1, report.Run.Machine.ProcessorCount);
        foreach (var process in report.Processes)
            if (process.Label == Engine.LoadRun.GeneratorLabel && process.CpuPercent > GeneratorCpuWarningShare * 100 * cores)
                hints.Add($"The load generator (pid {process.Pid}) used {Ms(process.CpuPercent)} % CPU of {cores * 100} %: it may have limited the rate — spread the load over more processes or cores.");
        return hints;
    }

    private static string Ms(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
