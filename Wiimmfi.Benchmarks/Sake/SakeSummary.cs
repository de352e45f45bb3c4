using System.Globalization;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;

namespace Wiimmfi.Benchmarks.Sake;

/// <summary>
/// Folds the reports of repeated runs of one scenario into one markdown table: per step the median and the
/// min–max of requests/s, p50 and p99 over the runs, the failures, the node's and the generator's CPU, and the
/// machine's load average before each run (this machine is shared, so a reader must see how busy it was).
/// </summary>
internal static class SakeSummary
{
    public static async Task<int> WriteAsync(string title, IReadOnlyList<string> folders, TextWriter output)
    {
        var runs = new List<(LoadReport Report, string Load)>();
        var postgresCpu = new List<double>();
        foreach (var folder in folders.Order(StringComparer.Ordinal))
        {
            var json = Path.Combine(folder, ReportFolder.JsonFile);
            if (!File.Exists(json)) continue;
            var load = Path.Combine(folder, "loadavg-before.txt");
            var report = JsonReport.Read(json);
            runs.Add((report, File.Exists(load) ? (await File.ReadAllTextAsync(load).ConfigureAwait(false)).Trim() : "?"));
            var postgres = Path.Combine(folder, "postgres-cpu-seconds.txt");
            if (File.Exists(postgres)
                && double.TryParse((await File.ReadAllTextAsync(postgres).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture, out var seconds))
            {
                postgresCpu.Add(PostgresCpuPerRequestMicroseconds(report, seconds));
            }
        }
        if (runs.Count == 0)
        {
            await output.WriteLineAsync($"### {title}: no reports").ConfigureAwait(false);
            return 1;
        }
        var scenario = runs[0].Report.Scenarios[0];
        await output.WriteLineAsync($"### {title} ({runs.Count} runs)").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"Load: {string.Join("; ", scenario.LoadSimulations)}, {scenario.DurationSeconds:0} s measured after a {scenario.WarmUpSeconds:0} s warm-up. " +
                                    $"Load average (1, 5, 15 min) before each run: {string.Join(" | ", runs.Select(r => r.Load))}.").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("| step | req/s median (min–max) | p50 ms median (min–max) | p99 ms median (min–max) | failed |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---|---|---|").ConfigureAwait(false);
        var names = scenario.Steps.Where(s => s.Kind == "step").Select(s => s.Name).ToList();
        foreach (var name in names)
        {
            var lines = runs.Select(r => r.Report.Scenarios[0].Steps.Single(s => s.Name == name)).ToList();
            await output.WriteLineAsync($"| {name} | {Spread(lines.Select(l => l.OkPerSecond), "N0")} | {Spread(lines.Select(l => l.Latency.P50Ms), "0.0")} | " +
                                        $"{Spread(lines.Select(l => l.Latency.P99Ms), "0.0")} | {lines.Sum(l => l.Failed)} |").ConfigureAwait(false);
        }
        var iterations = runs.Select(r => r.Report.Scenarios[0].Iterations).ToList();
        var requests = runs.Select(r => r.Report.Scenarios[0].Steps.Where(s => s.Kind == "step").Sum(s => s.OkPerSecond)).ToList();
        await output.WriteLineAsync($"| **all requests** | **{Spread(requests, "N0")}** | | | {runs.Sum(r => r.Report.Scenarios[0].Steps.Where(s => s.Kind == "step").Sum(s => s.Failed))} |").ConfigureAwait(false);
        await output.WriteLineAsync($"| (iterations) | {Spread(iterations.Select(i => i.OkPerSecond), "N0")} | {Spread(iterations.Select(i => i.Latency.P50Ms), "0.0")} | " +
                                    $"{Spread(iterations.Select(i => i.Latency.P99Ms), "0.0")} | {iterations.Sum(i => i.Failed)} |").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"CPU (% of one core): node {Spread(Cpu(runs, LoadRun.TargetLabel), "0")}, load generator {Spread(Cpu(runs, LoadRun.GeneratorLabel), "0")}; " +
                                    $"node CPU per request {Spread(runs.Select(r => CpuPerRequestMicroseconds(r.Report)), "0")} µs; " +
                                    $"node RSS peak {Spread(runs.Select(r => r.Report.Processes.Where(p => p.Label == LoadRun.TargetLabel).Select(p => p.RssPeakBytes / 1048576.0).DefaultIfEmpty().Max()), "0")} MiB.")
            .ConfigureAwait(false);
        if (postgresCpu.Count > 0)
        {
            await output.WriteLineAsync($"PostgreSQL server processes: CPU per request {Spread(postgresCpu, "0")} µs (over the whole run, warm-up included).")
                .ConfigureAwait(false);
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The node's CPU time per request in the measured window (after the warm-up): what a request costs the server
    /// whatever else the shared machine was doing — the figure to compare between runs when the load average differs.
    /// </summary>
    private static double CpuPerRequestMicroseconds(LoadReport report)
    {
        var scenario = report.Scenarios[0];
        var node = report.Processes.FirstOrDefault(p => p.Label == LoadRun.TargetLabel);
        var window = node?.Samples.Where(s => s.ElapsedSeconds >= scenario.WarmUpSeconds).ToList();
        if (window is null || window.Count < 2) return double.NaN;
        var seconds = window[^1].ElapsedSeconds - window[0].ElapsedSeconds;
        var requests = scenario.Steps.Where(s => s.Kind == "step").Sum(s => s.OkPerSecond) * seconds;
        return requests <= 0 ? double.NaN : 1e6 * (window[^1].CpuSeconds - window[0].CpuSeconds) / requests;
    }

    /// <summary>
    /// PostgreSQL's CPU seconds over a whole run divided by every request of it: the measured window's OK requests
    /// plus the warm-up's (its iterations times the steps per iteration; its failures, none in a clean run, are not counted).
    /// </summary>
    private static double PostgresCpuPerRequestMicroseconds(LoadReport report, double cpuSeconds)
    {
        var scenario = report.Scenarios[0];
        var steps = scenario.Steps.Where(s => s.Kind == "step").ToList();
        var requests = steps.Sum(s => s.Ok) + scenario.WarmUpIterations * steps.Count;
        return requests <= 0 ? double.NaN : 1e6 * cpuSeconds / requests;
    }

    private static IEnumerable<double> Cpu(List<(LoadReport Report, string Load)> runs, string label) =>
        runs.Select(r => r.Report.Processes.Where(p => p.Label == label).Select(p => p.CpuPercent).DefaultIfEmpty().Max());

    /// <summary>"median (min–max)".</summary>
    private static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return sorted.Count == 1
            ? median.ToString(format, CultureInfo.InvariantCulture)
            : $"{median.ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }
}
