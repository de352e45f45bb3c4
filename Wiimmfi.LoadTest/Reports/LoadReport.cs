namespace Wiimmfi.LoadTest.Reports;

/// <summary>
/// Everything a run measured, in the shape NBomber's report has (test info, per scenario and step: requests, OK and
/// failed counts, rates, latency percentiles, bytes, errors by kind) plus what our capacity runs need: samples of
/// the target's and the generator's own RSS and CPU. Saved as <c>report.json</c>, which <c>wiimmfi-load merge</c>
/// reads back, so every field here is plain data; the latency histograms are saved too, so a merge of several load
/// processes computes exact merged percentiles rather than averaging them.
/// </summary>
public sealed record LoadReport(
    string Format,
    RunInfo Run,
    IReadOnlyList<ScenarioReport> Scenarios,
    IReadOnlyList<ProcessReport> Processes,
    IReadOnlyList<string> Hints)
{
    public const string CurrentFormat = "wiimmfi-load-report/1";
}

/// <summary>When, where and how the run happened. A merged report lists the runs it was made from in <see cref="Sources"/>.</summary>
public sealed record RunInfo(
    string RunId,
    DateTimeOffset StartedUtc,
    DateTimeOffset EndedUtc,
    double DurationSeconds,
    string StopReason,
    string Target,
    string CommandLine,
    MachineInfo Machine,
    long UserIdOffset,
    IReadOnlyList<string> Sources);

public sealed record MachineInfo(string MachineName, string Os, string Runtime, int ProcessorCount, string ToolVersion);

/// <summary>
/// One scenario: its load, how long its measured phase lasted (the window rates are computed over), the whole
/// iterations as one line and every step (init and clean included) as a line each. Dropped arrivals were due but
/// not started (the scenario's user cap was reached); abandoned users were still running after the drain and abort;
/// the driver lag is how late the load generator's pacing loop ran at worst (large means the generator was short of CPU).
/// </summary>
public sealed record ScenarioReport(
    string Name,
    IReadOnlyList<string> LoadSimulations,
    double DurationSeconds,
    double WarmUpSeconds,
    long WarmUpIterations,
    long DroppedArrivals,
    long AbandonedUsers,
    long PeakUsers,
    double MaxDriverLagMs,
    StatsReport Iterations,
    IReadOnlyList<StatsReport> Steps);

/// <summary>One line of the report: a step's (or the whole iterations') requests, rates, latency, bytes and errors.</summary>
public sealed record StatsReport(
    string Name,
    string Kind,
    long Requests,
    long Ok,
    long Failed,
    double RequestsPerSecond,
    double OkPerSecond,
    LatencySummary Latency,
    LatencySummary FailedLatency,
    long BytesIn,
    long BytesOut,
    IReadOnlyList<ErrorCount> Errors,
    HistogramData OkHistogram,
    HistogramData FailedHistogram);

/// <summary>Latency figures in milliseconds (OK requests for <see cref="StatsReport.Latency"/>).</summary>
public sealed record LatencySummary(
    long Count,
    double MinMs,
    double MeanMs,
    double StdDevMs,
    double P50Ms,
    double P75Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs);

public sealed record ErrorCount(string Kind, long Count, double Percent, string? Example);

/// <summary>A saved <see cref="Stats.LatencyHistogram"/>: its layout name, exact min/max/sum, and the non-empty buckets as [index, count].</summary>
public sealed record HistogramData(
    string Layout,
    long Count,
    long MinTicks,
    long MaxTicks,
    long SumTicks,
    double SumOfSquares,
    IReadOnlyList<long[]> Buckets);

/// <summary>A process watched during the run (the target node, the load generator itself), read from /proc.</summary>
public sealed record ProcessReport(
    int Pid,
    string Label,
    long RssStartBytes,
    long RssPeakBytes,
    long RssEndBytes,
    double CpuPercent,
    IReadOnlyList<ProcessSampleData> Samples);

/// <summary>
/// One reading: seconds since the run started, resident memory, CPU seconds used so far (user + system) and the
/// number of virtual users alive in this load process then — what per-console memory is computed from.
/// </summary>
public sealed record ProcessSampleData(double ElapsedSeconds, long RssBytes, double CpuSeconds, long Users);
