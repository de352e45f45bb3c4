using System.Globalization;
using Wiimmfi.LoadTest.Engine;

namespace Wiimmfi.LoadTest.Monitoring;

/// <summary>
/// The live progress display of a long run: one line per scenario every interval, with its phase, users alive,
/// iterations so far and the iteration rate since the previous line. Plain lines rather than a redrawn screen, so
/// the output reads the same in a terminal, a log file or CI.
/// </summary>
public static class ProgressPrinter
{
    public static async Task RunAsync(LoadRun run, TextWriter output, TimeSpan interval, CancellationToken stop)
    {
        if (interval <= TimeSpan.Zero) return;
        var previous = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
                foreach (var line in Lines(run.Elapsed, run.Progress(), previous, interval)) await output.WriteLineAsync(line).ConfigureAwait(false);
                await output.FlushAsync(stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>The lines for one display tick; <paramref name="previous"/> carries each scenario's iteration count between ticks.</summary>
    public static IEnumerable<string> Lines(TimeSpan elapsed, IReadOnlyList<ScenarioProgress> scenarios, Dictionary<string, long> previous, TimeSpan interval)
    {
        foreach (var s in scenarios)
        {
            var done = s.OkIterations + s.FailedIterations;
            var key = s.Name + "/" + s.Phase;
            var rate = (done - previous.GetValueOrDefault(key)) / interval.TotalSeconds;
            previous[key] = done;
            var dropped = s.DroppedArrivals > 0 ? $", {s.DroppedArrivals:N0} dropped" : "";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"[{elapsed.TotalSeconds,6:0}s] {s.Name} {s.Phase}: {s.LiveUsers:N0} users ({s.StartedUsers:N0} started), {s.OkIterations:N0} ok / {s.FailedIterations:N0} failed iterations, {rate:0.#}/s{dropped}");
        }
    }
}
