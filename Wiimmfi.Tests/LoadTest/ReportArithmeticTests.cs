using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Stats;

namespace Wiimmfi.Tests.LoadTest;

public class ReportArithmeticTests
{
    private static long Ms(double ms) => (long)Math.Round(ms * TimeSpan.TicksPerMillisecond);

    /// <summary>Four OK requests of 10, 20, 30 and 40 ms and one timeout of 500 ms, 100 bytes out and 60 in each.</summary>
    private static StepStats KnownStep(string name = "login")
    {
        var recorder = new StepRecorder(name, StepKind.Step);
        foreach (var ms in new[] { 10, 20, 30, 40 }) recorder.Record(Response.Ok(bytesOut: 100, bytesIn: 60), Ms(ms));
        recorder.Record(Response.Fail("timeout", "no answer", bytesOut: 100), Ms(500));
        return recorder.Snapshot();
    }

    [Fact]
    public void Rates_are_counts_over_the_window()
    {
        Assert.Equal(25, Rates.PerSecond(300, TimeSpan.FromSeconds(12)));
        Assert.Equal(0.5, Rates.PerSecond(1, TimeSpan.FromSeconds(2)));
        Assert.Equal(0, Rates.PerSecond(10, TimeSpan.Zero));
        Assert.Equal(12.5, Rates.Percent(1, 8));
        Assert.Equal(0, Rates.Percent(0, 0));
    }

    [Fact]
    public void A_report_line_shows_the_hand_computed_counts_rates_latency_bytes_and_errors()
    {
        var line = ReportBuilder.Line(KnownStep(), TimeSpan.FromSeconds(2));

        Assert.Equal(5, line.Requests);
        Assert.Equal(4, line.Ok);
        Assert.Equal(1, line.Failed);
        Assert.Equal(2.5, line.RequestsPerSecond);
        Assert.Equal(2.0, line.OkPerSecond);
        // OK latency only: 10, 20, 30, 40 ms. Nearest rank: p50 = 2nd = 20, p75 = 3rd = 30, p95 = p99 = 4th = 40.
        Assert.Equal(10, line.Latency.MinMs);
        Assert.Equal(25, line.Latency.MeanMs, 9);
        Assert.Equal(20, line.Latency.P50Ms, 20 / 256.0);
        Assert.Equal(30, line.Latency.P75Ms, 30 / 256.0);
        Assert.Equal(40, line.Latency.P95Ms, 40 / 256.0);
        Assert.Equal(40, line.Latency.P99Ms, 40 / 256.0);
        Assert.Equal(40, line.Latency.MaxMs);
        Assert.Equal(Math.Sqrt(125), line.Latency.StdDevMs, 6); // population deviation of 10..40 step 10
        Assert.Equal(500, line.FailedLatency.MaxMs);
        Assert.Equal(240, line.BytesIn);
        Assert.Equal(500, line.BytesOut);
        var error = Assert.Single(line.Errors);
        Assert.Equal(("timeout", 1L, 20.0, "no answer"), (error.Kind, error.Count, error.Percent, error.Example));
    }

    [Fact]
    public void Errors_are_listed_most_frequent_first_and_a_runaway_kind_list_is_capped()
    {
        var recorder = new StepRecorder("query", StepKind.Step);
        recorder.Record(Response.Fail("rare"), 1);
        for (var i = 0; i < 3; i++) recorder.Record(Response.Fail("common"), 1);
        // 63 more distinct kinds: 62 fill the table to its cap, the last one is counted as "other".
        for (var i = 0; i < StatsCell.MaxErrorKinds - 1; i++) recorder.Record(Response.Fail("id-" + i), 1);

        var line = ReportBuilder.Line(recorder.Snapshot(), TimeSpan.FromSeconds(1));

        Assert.Equal("common", line.Errors[0].Kind);
        Assert.Equal(StatsCell.MaxErrorKinds + 1, line.Errors.Count); // the cap, plus "other"
        Assert.Equal(line.Failed, line.Errors.Sum(e => e.Count));
        Assert.Equal(1, line.Errors.Single(e => e.Kind == StatsCell.OtherKind).Count);
    }

    [Fact]
    public void Recording_from_many_threads_loses_nothing()
    {
        var recorder = new StepRecorder("parallel", StepKind.Step);
        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            recorder.Record(i % 10 == 0 ? Response.Fail("x", bytesOut: 1) : Response.Ok(bytesOut: 1, bytesIn: 2), i));

        var stats = recorder.Snapshot();

        Assert.Equal(40_000, stats.Requests);
        Assert.Equal(4_000, stats.FailedCount);
        Assert.Equal(40_000, stats.BytesOut);
        Assert.Equal(72_000, stats.BytesIn);
    }

    [Fact]
    public void Merged_reports_add_counts_and_read_percentiles_from_the_merged_histograms()
    {
        var a = ReportFor(KnownStep(), TimeSpan.FromSeconds(2), "run-a");
        var recorder = new StepRecorder("login", StepKind.Step);
        foreach (var ms in new[] { 50, 60, 70, 80 }) recorder.Record(Response.Ok(bytesOut: 10, bytesIn: 10), Ms(ms));
        var b = ReportFor(recorder.Snapshot(), TimeSpan.FromSeconds(4), "run-b");

        var merged = ReportMerger.Merge([a, b]);

        var line = Assert.Single(Assert.Single(merged.Scenarios).Steps);
        Assert.Equal(9, line.Requests);
        Assert.Equal(8, line.Ok);
        Assert.Equal(1, line.Failed);
        // The window is the longest one (the processes ran side by side): 9 requests over 4 s.
        Assert.Equal(9 / 4.0, line.RequestsPerSecond);
        // OK samples 10,20,30,40,50,60,70,80: p50 is the 4th (40 ms), p75 the 6th (60 ms).
        Assert.Equal(40, line.Latency.P50Ms, 40 / 256.0);
        Assert.Equal(60, line.Latency.P75Ms, 60 / 256.0);
        Assert.Equal(10, line.Latency.MinMs);
        Assert.Equal(80, line.Latency.MaxMs);
        Assert.Equal(280, line.BytesIn);
        Assert.Equal(["run-a", "run-b"], merged.Run.Sources);
    }

    [Fact]
    public void Csv_has_a_row_per_line_and_quotes_what_needs_quoting()
    {
        var report = ReportFor(KnownStep("say, \"hi\""), TimeSpan.FromSeconds(1), "run");

        var lines = CsvReport.Render(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', CsvReport.Header), lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length); // header, iterations, the step
        Assert.StartsWith("demo,\"say, \"\"hi\"\"\",step,5,4,1,5,4,", lines[2]);
        Assert.EndsWith("timeout=1", lines[2].TrimEnd('\r'));
    }

    [Fact]
    public void Hints_say_when_a_run_stopped_early_dropped_arrivals_or_moved_no_bytes()
    {
        var recorder = new StepRecorder("silent", StepKind.Step);
        recorder.Record(Response.Ok(), 100);
        var report = ReportFor(recorder.Snapshot(), TimeSpan.FromSeconds(1), "run");
        report = report with
        {
            Run = report.Run with { StopReason = "max-duration" },
            Scenarios = [report.Scenarios[0] with { DroppedArrivals = 12 }],
        };

        var hints = ReportHints.For(report);

        Assert.Contains(hints, h => h.Contains("stopped early (max-duration)"));
        Assert.Contains(hints, h => h.Contains("dropped 12 arrivals"));
        Assert.Contains(hints, h => h.Contains("'demo/silent' reported no data transfer"));
    }

    internal static LoadReport ReportFor(StepStats step, TimeSpan window, string runId)
    {
        var iterations = new StepRecorder("demo", StepKind.Iteration).Snapshot();
        var scenario = new ScenarioReport("demo", ["inject 1/1s for 1s"], window.TotalSeconds, 0, 0, 0, 0, 1, 0,
            ReportBuilder.Line(iterations, window), [ReportBuilder.Line(step, window)]);
        var run = new RunInfo(runId, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch + window, window.TotalSeconds, "completed",
            "127.0.0.1", "", ReportBuilder.Machine(), 0, [runId]);
        return new LoadReport(LoadReport.CurrentFormat, run, [scenario], [], []);
    }
}
