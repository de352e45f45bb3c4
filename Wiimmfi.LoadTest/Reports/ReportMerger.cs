using Wiimmfi.LoadTest.Stats;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>
/// Merges the reports of several load processes that ran at the same time against one node (a capacity run spread
/// over processes and source addresses) into one report. Counts and bytes add up; latency histograms are added
/// bucket by bucket, so merged percentiles are as exact as a single process's; a scenario's window is the longest
/// of its windows, and rates are recomputed over it (processes that ran one after another would be understated —
/// merging is for concurrent runs). Peak users add up too: the sum of each process's peak, an upper bound.
/// </summary>
public static class ReportMerger
{
    public static LoadReport Merge(IReadOnlyList<LoadReport> reports)
    {
        if (reports.Count == 0) throw new ArgumentException("nothing to merge");
        var scenarioNames = new List<string>();
        var byScenario = new Dictionary<string, List<ScenarioReport>>(StringComparer.Ordinal);
        foreach (var report in reports)
            foreach (var scenario in report.Scenarios)
            {
                if (!byScenario.TryGetValue(scenario.Name, out var list))
                {
                    byScenario[scenario.Name] = list = [];
                    scenarioNames.Add(scenario.Name);
                }
                list.Add(scenario);
            }
        var scenarios = scenarioNames.Select(name => MergeScenario(byScenario[name])).ToList();

        var started = reports.Min(r => r.Run.StartedUtc);
        var ended = reports.Max(r => r.Run.EndedUtc);
        var reasons = reports.Select(r => r.Run.StopReason).Distinct(StringComparer.Ordinal).ToList();
        var sources = reports.SelectMany(r => r.Run.Sources).ToList();
        var run = new RunInfo(
            "merged-" + Guid.NewGuid().ToString("N")[..12],
            started,
            ended,
            (ended - started).TotalSeconds,
            reasons.Count == 1 ? reasons[0] : string.Join("+", reasons),
            string.Join("; ", reports.Select(r => r.Run.Target).Distinct(StringComparer.Ordinal)),
            $"merge of {reports.Count} reports",
            reports[0].Run.Machine,
            0,
            sources);
        var processes = reports
            .SelectMany(r => r.Processes.Select(p => p with { Label = $"{p.Label} (run {ShortId(r.Run.RunId)})" }))
            .ToList();
        var merged = new LoadReport(LoadReport.CurrentFormat, run, scenarios, processes, []);
        return merged with { Hints = ReportHints.For(merged) };
    }

    private static ScenarioReport MergeScenario(IReadOnlyList<ScenarioReport> parts)
    {
        var window = TimeSpan.FromSeconds(parts.Max(p => p.DurationSeconds));
        var lineKeys = new List<(string Kind, string Name)>();
        var lines = new Dictionary<(string, string), List<StatsReport>>();
        foreach (var part in parts)
            foreach (var step in part.Steps)
            {
                var key = (step.Kind, step.Name);
                if (!lines.TryGetValue(key, out var list))
                {
                    lines[key] = list = [];
                    lineKeys.Add(key);
                }
                list.Add(step);
            }
        return new ScenarioReport(
            parts[0].Name,
            parts.SelectMany(p => p.LoadSimulations).Distinct(StringComparer.Ordinal).ToList(),
            window.TotalSeconds,
            parts.Max(p => p.WarmUpSeconds),
            parts.Sum(p => p.WarmUpIterations),
            parts.Sum(p => p.DroppedArrivals),
            parts.Sum(p => p.AbandonedUsers),
            parts.Sum(p => p.PeakUsers),
            parts.Max(p => p.MaxDriverLagMs),
            MergeLine(parts.Select(p => p.Iterations).ToList(), window),
            lineKeys.Select(key => MergeLine(lines[key], window)).ToList());
    }

    private static StatsReport MergeLine(IReadOnlyList<StatsReport> parts, TimeSpan window)
    {
        var ok = new LatencyHistogram();
        var failed = new LatencyHistogram();
        var errors = new Dictionary<string, (long Count, string? Example)>(StringComparer.Ordinal);
        long bytesIn = 0, bytesOut = 0;
        foreach (var part in parts)
        {
            ok.Add(ReportBuilder.Histogram(part.OkHistogram));
            failed.Add(ReportBuilder.Histogram(part.FailedHistogram));
            if (part.Ok != part.OkHistogram.Count || part.Failed != part.FailedHistogram.Count)
                throw new FormatException($"the line '{part.Name}' counts do not match its histograms");
            bytesIn += part.BytesIn;
            bytesOut += part.BytesOut;
            foreach (var error in part.Errors)
                errors[error.Kind] = errors.TryGetValue(error.Kind, out var seen)
                    ? (seen.Count + error.Count, seen.Example ?? error.Example)
                    : (error.Count, error.Example);
        }
        var kind = parts[0].Kind;
        var stats = new StepStats(parts[0].Name, ParseKind(kind), ok, failed, bytesIn, bytesOut, errors);
        return ReportBuilder.Line(stats, window);
    }

    private static StepKind ParseKind(string kind) => kind switch
    {
        "iteration" => StepKind.Iteration,
        "init" => StepKind.Init,
        "clean" => StepKind.Clean,
        "step" => StepKind.Step,
        _ => throw new FormatException($"unknown line kind '{kind}'"),
    };

    private static string ShortId(string runId) => runId.Length <= 8 ? runId : runId[..8];
}
