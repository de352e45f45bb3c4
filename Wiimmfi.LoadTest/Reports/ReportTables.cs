namespace Wiimmfi.LoadTest.Reports;

/// <summary>The rows both the printed table and the markdown report show, built once so the two cannot disagree.</summary>
internal static class ReportTables
{
    /// <summary>The row that stands for whole iterations (every step once).</summary>
    public const string IterationsRowName = "(iterations)";

    public static readonly string[] StatsHeader =
        ["step", "kind", "requests", "ok", "failed", "req/s", "min ms", "mean ms", "p50 ms", "p75 ms", "p95 ms", "p99 ms", "max ms", "in", "out"];

    public static readonly bool[] StatsRightAligned =
        [false, false, true, true, true, true, true, true, true, true, true, true, true, true, true];

    public static IEnumerable<string[]> StatsRows(ScenarioReport scenario)
    {
        yield return StatsRow(IterationsRowName, scenario.Iterations);
        foreach (var step in scenario.Steps) yield return StatsRow(step.Name, step);
    }

    private static string[] StatsRow(string name, StatsReport line)
    {
        var latency = line.Latency;
        var any = latency.Count > 0;
        return
        [
            name, line.Kind, Formatting.Count(line.Requests), Formatting.Count(line.Ok), Formatting.Count(line.Failed),
            Formatting.Rate(line.RequestsPerSecond),
            any ? Formatting.Ms(latency.MinMs) : "-", any ? Formatting.Ms(latency.MeanMs) : "-",
            any ? Formatting.Ms(latency.P50Ms) : "-", any ? Formatting.Ms(latency.P75Ms) : "-",
            any ? Formatting.Ms(latency.P95Ms) : "-", any ? Formatting.Ms(latency.P99Ms) : "-",
            any ? Formatting.Ms(latency.MaxMs) : "-",
            Formatting.Bytes(line.BytesIn), Formatting.Bytes(line.BytesOut),
        ];
    }

    public static readonly string[] ErrorsHeader = ["step", "kind", "count", "%", "example"];

    public static IEnumerable<string[]> ErrorRows(ScenarioReport scenario)
    {
        // The iteration line repeats its steps' failures as "step: kind"; listing the steps is enough.
        foreach (var step in scenario.Steps)
            foreach (var error in step.Errors)
                yield return [step.Name, error.Kind, Formatting.Count(error.Count), Formatting.Percent(error.Percent), error.Example ?? ""];
    }

    public static readonly string[] ProcessHeader = ["pid", "label", "rss start", "rss peak", "rss end", "cpu % (100 = one core)", "samples"];

    public static IEnumerable<string[]> ProcessRows(LoadReport report)
    {
        foreach (var process in report.Processes)
            yield return
            [
                process.Pid.ToString(Formatting.Culture), process.Label, Formatting.Bytes(process.RssStartBytes),
                Formatting.Bytes(process.RssPeakBytes), Formatting.Bytes(process.RssEndBytes),
                Formatting.Percent(process.CpuPercent), process.Samples.Count.ToString(Formatting.Culture),
            ];
    }

    public static string ScenarioSummary(ScenarioReport scenario)
    {
        var parts = new List<string>
        {
            $"load: {string.Join("; ", scenario.LoadSimulations)}",
            $"measured {scenario.DurationSeconds.ToString("0.##", Formatting.Culture)} s",
        };
        if (scenario.WarmUpSeconds > 0)
            parts.Add($"warm-up {scenario.WarmUpSeconds.ToString("0.##", Formatting.Culture)} s ({Formatting.Count(scenario.WarmUpIterations)} iterations, not counted)");
        parts.Add($"peak users {Formatting.Count(scenario.PeakUsers)}");
        if (scenario.DroppedArrivals > 0) parts.Add($"dropped arrivals {Formatting.Count(scenario.DroppedArrivals)}");
        if (scenario.AbandonedUsers > 0) parts.Add($"abandoned users {Formatting.Count(scenario.AbandonedUsers)}");
        return string.Join(", ", parts);
    }
}
