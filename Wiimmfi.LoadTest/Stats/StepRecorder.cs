using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.LoadTest.Stats;

/// <summary>
/// Records the requests of one step (or of whole iterations, or of a scenario's init or clean). Each thread writes
/// its own <see cref="StatsCell"/>, so recording takes no lock and shares no cache line; <see cref="Snapshot"/>
/// merges the cells once the run is over. A <see cref="ThreadLocal{T}"/> that tracks all values keeps a cell
/// after its thread has exited, so nothing recorded is lost when the thread pool retires a thread.
/// </summary>
public sealed class StepRecorder : IDisposable
{
    private readonly ThreadLocal<StatsCell> _cells = new(() => new StatsCell(), trackAllValues: true);

    public StepRecorder(string name, StepKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public StepKind Kind { get; }

    public void Record(in Response response, long elapsedTicks) => _cells.Value!.Record(response, elapsedTicks);

    /// <summary>Merges every thread's cell. Call it after the users have stopped: a cell still being written may be read half-updated.</summary>
    public StepStats Snapshot()
    {
        var ok = new LatencyHistogram();
        var failed = new LatencyHistogram();
        long bytesIn = 0, bytesOut = 0;
        var errors = new Dictionary<string, (long Count, string? Example)>(StringComparer.Ordinal);
        foreach (var cell in _cells.Values)
        {
            ok.Add(cell.Ok);
            if (cell.Failed is { } cellFailed) failed.Add(cellFailed);
            bytesIn += cell.BytesIn;
            bytesOut += cell.BytesOut;
            foreach (var (kind, tally) in cell.Errors)
                errors[kind] = errors.TryGetValue(kind, out var seen) ? (seen.Count + tally.Count, seen.Example ?? tally.Example) : (tally.Count, tally.Example);
        }
        return new StepStats(Name, Kind, ok, failed, bytesIn, bytesOut, errors);
    }

    public void Dispose() => _cells.Dispose();
}

/// <summary>What a recorder measured: one line of the report.</summary>
public enum StepKind
{
    /// <summary>A whole iteration (every step of the scenario once).</summary>
    Iteration,
    Init,
    Step,
    Clean,
}
