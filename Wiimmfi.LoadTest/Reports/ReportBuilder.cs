using System.Reflection;
using System.Runtime.InteropServices;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Stats;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>Turns what a run recorded into a <see cref="LoadReport"/>: the arithmetic (rates, percentiles, shares) lives here and in <see cref="Rates"/>.</summary>
public static class ReportBuilder
{
    internal sealed record RunFacts(
        string RunId,
        DateTimeOffset StartedUtc,
        DateTimeOffset EndedUtc,
        TimeSpan Duration,
        StopReason StopReason,
        LoadTarget Target,
        LoadRunSettings Settings);

    internal static LoadReport Build(RunFacts facts, IReadOnlyList<ScenarioRun> runs, IReadOnlyList<ProcessReport> processes)
    {
        var scenarios = new List<ScenarioReport>(runs.Count);
        foreach (var run in runs) scenarios.Add(Scenario(run));
        var info = new RunInfo(facts.RunId, facts.StartedUtc, facts.EndedUtc, facts.Duration.TotalSeconds,
            StopReasons.Text(facts.StopReason), facts.Target.ToString(), facts.Settings.CommandLine, Machine(),
            facts.Settings.UserIdOffset, [facts.RunId]);
        var report = new LoadReport(LoadReport.CurrentFormat, info, scenarios, processes, []);
        return report with { Hints = ReportHints.For(report) };
    }

    private static ScenarioReport Scenario(ScenarioRun run)
    {
        var measured = run.Measured;
        var window = measured.Duration;
        var recorders = measured.Recorders;
        var steps = new List<StatsReport>();
        foreach (var recorder in recorders.StepsInReportOrder()) steps.Add(Line(recorder.Snapshot(), window));
        var warmUp = run.WarmUp;
        return new ScenarioReport(
            run.Scenario.Name,
            run.Scenario.LoadSimulations.Select(s => s.ToString()).ToList(),
            window.TotalSeconds,
            run.Scenario.WarmUp.TotalSeconds,
            warmUp is null ? 0 : Volatile.Read(ref warmUp.OkIterations) + Volatile.Read(ref warmUp.FailedIterations),
            Volatile.Read(ref measured.DroppedArrivals),
            run.AbandonedUsers,
            measured.Users.Peak,
            measured.MaxTickLag.TotalMilliseconds,
            Line(recorders.Iterations.Snapshot(), window),
            steps);
    }

    /// <summary>One report line from merged stats over a measured window.</summary>
    public static StatsReport Line(StepStats stats, TimeSpan window)
    {
        var errors = stats.Errors
            .OrderByDescending(e => e.Value.Count).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ErrorCount(e.Key, e.Value.Count, Rates.Percent(e.Value.Count, stats.Requests), e.Value.Example))
            .ToList();
        return new StatsReport(
            stats.Name,
            KindText(stats.Kind),
            stats.Requests,
            stats.OkCount,
            stats.FailedCount,
            Rates.PerSecond(stats.Requests, window),
            Rates.PerSecond(stats.OkCount, window),
            Summary(stats.Ok),
            Summary(stats.Failed),
            stats.BytesIn,
            stats.BytesOut,
            errors,
            Data(stats.Ok),
            Data(stats.Failed));
    }

    public static LatencySummary Summary(LatencyHistogram histogram) => new(
        histogram.Count,
        Rates.TicksToMilliseconds(histogram.Min),
        Rates.TicksToMilliseconds(histogram.Mean),
        Rates.TicksToMilliseconds(histogram.StdDev),
        Rates.TicksToMilliseconds(histogram.Percentile(50)),
        Rates.TicksToMilliseconds(histogram.Percentile(75)),
        Rates.TicksToMilliseconds(histogram.Percentile(95)),
        Rates.TicksToMilliseconds(histogram.Percentile(99)),
        Rates.TicksToMilliseconds(histogram.Max));

    public static HistogramData Data(LatencyHistogram histogram) => new(
        LatencyHistogram.LayoutName, histogram.Count, histogram.Min, histogram.Max, histogram.Sum, histogram.SumOfSquares,
        histogram.ToSparseBuckets());

    /// <summary>Reads a saved histogram back; throws <see cref="FormatException"/> when it was saved with another layout or is damaged.</summary>
    public static LatencyHistogram Histogram(HistogramData data)
    {
        if (data.Layout != LatencyHistogram.LayoutName)
            throw new FormatException($"the histogram layout '{data.Layout}' is not this tool's '{LatencyHistogram.LayoutName}'");
        var histogram = LatencyHistogram.FromSparseBuckets(data.Buckets, data.MinTicks, data.MaxTicks, data.SumTicks, data.SumOfSquares);
        if (histogram.Count != data.Count) throw new FormatException("a histogram's buckets do not add up to its count");
        return histogram;
    }

    public static string KindText(StepKind kind) => kind switch
    {
        StepKind.Iteration => "iteration",
        StepKind.Init => "init",
        StepKind.Step => "step",
        StepKind.Clean => "clean",
        _ => kind.ToString(),
    };

    public static MachineInfo Machine() => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.ProcessorCount,
        typeof(ReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
}
