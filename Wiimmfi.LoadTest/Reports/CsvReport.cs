using System.Text;

namespace Wiimmfi.LoadTest.Reports;

/// <summary>The report as <c>report.csv</c>: one row per scenario line (iterations, init, steps, clean), raw numbers, RFC 4180 quoting.</summary>
public static class CsvReport
{
    public static readonly string[] Header =
    [
        "scenario", "step", "kind", "requests", "ok", "failed", "rps", "ok_rps",
        "min_ms", "mean_ms", "stddev_ms", "p50_ms", "p75_ms", "p95_ms", "p99_ms", "max_ms",
        "bytes_in", "bytes_out", "duration_s", "errors",
    ];

    public static string Render(LoadReport report)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Header));
        foreach (var scenario in report.Scenarios)
        {
            AppendLine(csv, scenario, ReportTables.IterationsRowName, scenario.Iterations);
            foreach (var step in scenario.Steps) AppendLine(csv, scenario, step.Name, step);
        }
        return csv.ToString();
    }

    private static void AppendLine(StringBuilder csv, ScenarioReport scenario, string name, StatsReport line)
    {
        var l = line.Latency;
        string[] cells =
        [
            scenario.Name, name, line.Kind, Formatting.Raw(line.Requests), Formatting.Raw(line.Ok), Formatting.Raw(line.Failed),
            Formatting.Raw(line.RequestsPerSecond), Formatting.Raw(line.OkPerSecond),
            Formatting.Raw(l.MinMs), Formatting.Raw(l.MeanMs), Formatting.Raw(l.StdDevMs), Formatting.Raw(l.P50Ms),
            Formatting.Raw(l.P75Ms), Formatting.Raw(l.P95Ms), Formatting.Raw(l.P99Ms), Formatting.Raw(l.MaxMs),
            Formatting.Raw(line.BytesIn), Formatting.Raw(line.BytesOut), Formatting.Raw(scenario.DurationSeconds),
            string.Join(';', line.Errors.Select(e => $"{e.Kind}={Formatting.Raw(e.Count)}")),
        ];
        csv.AppendLine(string.Join(',', cells.Select(Quote)));
    }

    public static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
