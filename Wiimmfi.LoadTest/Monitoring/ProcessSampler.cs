using Wiimmfi.LoadTest.Reports;

namespace Wiimmfi.LoadTest.Monitoring;

/// <summary>
/// Samples processes (the node under test, by pid, and the load generator itself) at a fixed interval while a run
/// goes on. The report gets the series and a summary: RSS at start, peak and end, and the average CPU over the run
/// in percent of one core (200 % = both cores of this machine). A process that cannot be read leaves a gap.
/// </summary>
public sealed class ProcessSampler
{
    private readonly TimeProvider _time;
    private readonly Func<long> _users;
    private readonly List<Watched> _watched = [];
    private long _start;

    public ProcessSampler(IEnumerable<(int Pid, string Label)> processes, TimeProvider time, Func<long> users)
    {
        _time = time;
        _users = users;
        foreach (var (pid, label) in processes) _watched.Add(new Watched(pid, label));
    }

    public void Start()
    {
        _start = _time.GetTimestamp();
        SampleNow();
    }

    /// <summary>Takes one sample of every watched process.</summary>
    public void SampleNow()
    {
        var elapsed = _time.GetElapsedTime(_start).TotalSeconds;
        var users = _users();
        foreach (var watched in _watched)
        {
            if (ProcStat.Read(watched.Pid) is not { } stat) continue;
            lock (watched.Samples) watched.Samples.Add(new ProcessSampleData(elapsed, stat.RssBytes, stat.CpuSeconds, users));
        }
    }

    /// <summary>Samples every <paramref name="interval"/> until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        if (interval <= TimeSpan.Zero || _watched.Count == 0) return;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _time, stop).ConfigureAwait(false);
                SampleNow();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over; the final sample is taken by whoever stopped us.
        }
    }

    public IReadOnlyList<ProcessReport> Report()
    {
        var reports = new List<ProcessReport>();
        foreach (var watched in _watched)
        {
            ProcessSampleData[] samples;
            lock (watched.Samples) samples = [.. watched.Samples];
            reports.Add(Summarize(watched.Pid, watched.Label, samples));
        }
        return reports;
    }

    /// <summary>The summary of a series: RSS at start, peak and end; CPU used between the first and last sample over the time between them.</summary>
    public static ProcessReport Summarize(int pid, string label, IReadOnlyList<ProcessSampleData> samples)
    {
        if (samples.Count == 0) return new ProcessReport(pid, label, 0, 0, 0, 0, samples);
        var first = samples[0];
        var last = samples[^1];
        var wall = last.ElapsedSeconds - first.ElapsedSeconds;
        var cpu = wall > 0 ? 100 * (last.CpuSeconds - first.CpuSeconds) / wall : 0;
        return new ProcessReport(pid, label, first.RssBytes, samples.Max(s => s.RssBytes), last.RssBytes, cpu, samples);
    }

    private sealed record Watched(int Pid, string Label)
    {
        public List<ProcessSampleData> Samples { get; } = [];
    }
}
