using Wiimmfi.LoadTest.Stats;

namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// One phase of a scenario (warm-up or measured): its schedule, recorders, users and signals. "Stopping" means no
/// user starts another iteration; "abort" cancels the steps that are running. Both follow the run's own signals.
/// </summary>
internal sealed class Phase : IDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly CancellationTokenSource _abort;
    private long _startTimestamp;
    private long _maxTickLagTicks;

    // Fields, not properties, so the users' hot path can Interlocked.Increment them.
    public long DroppedArrivals;
    public long OkIterations;
    public long FailedIterations;

    public Phase(Scenario scenario, LoadSchedule schedule, bool isWarmUp, RunControl control)
    {
        Schedule = schedule;
        IsWarmUp = isWarmUp;
        Recorders = new ScenarioRecorders(scenario);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(control.Stopping);
        _abort = CancellationTokenSource.CreateLinkedTokenSource(control.Aborted);
    }

    public LoadSchedule Schedule { get; }

    public bool IsWarmUp { get; }

    public ScenarioRecorders Recorders { get; }

    public UserTracker Users { get; } = new();

    public CancellationToken Stopping => _stopping.Token;

    public CancellationToken Abort => _abort.Token;

    public long StartTimestamp => Volatile.Read(ref _startTimestamp);

    public bool HasStarted { get; private set; }

    public bool HasEnded { get; private set; }

    /// <summary>Start to end of drain, on the run's clock; zero for a phase that never ran.</summary>
    public TimeSpan Duration { get; private set; }

    public long AbandonedUsers { get; set; }

    /// <summary>How much later than planned the driver's latest tick came, at worst.</summary>
    public TimeSpan MaxTickLag => TimeSpan.FromTicks(Volatile.Read(ref _maxTickLagTicks));

    public void Started(long timestamp)
    {
        Volatile.Write(ref _startTimestamp, timestamp);
        HasStarted = true;
    }

    public void Ended(TimeSpan duration)
    {
        Duration = duration;
        HasEnded = true;
    }

    public void NoteTickLag(TimeSpan lag)
    {
        if (lag.Ticks > _maxTickLagTicks) Volatile.Write(ref _maxTickLagTicks, lag.Ticks);
    }

    public void StopStarting() => Cancel(_stopping);

    public void AbortSteps() => Cancel(_abort);

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
        Recorders.Dispose();
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }
}
