namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// What all scenarios of a run share: the stop signal (no new iterations), the abort signal (cancel running steps),
/// the first reason given for stopping, the iteration budget and the user id sequence. Thread-safe.
/// </summary>
internal sealed class RunControl(long maxIterations, long userIdOffset) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _aborted = new();
    private long _iterationsTaken;
    private long _nextUser;
    private int _reason = -1;

    public CancellationToken Stopping => _stopping.Token;

    public CancellationToken Aborted => _aborted.Token;

    public bool StopRequested => _stopping.IsCancellationRequested;

    /// <summary>The first reason anyone gave for stopping; null while nobody has.</summary>
    public StopReason? Reason => Volatile.Read(ref _reason) is var reason and >= 0 ? (StopReason)reason : null;

    /// <summary>Iterations (and arrivals) granted so far, never more than the budget.</summary>
    public long IterationsTaken => Math.Min(Volatile.Read(ref _iterationsTaken), maxIterations);

    public void RequestStop(StopReason reason)
    {
        Interlocked.CompareExchange(ref _reason, (int)reason, -1);
        Cancel(_stopping);
    }

    public void Abort(StopReason reason)
    {
        RequestStop(reason);
        Cancel(_aborted);
    }

    /// <summary>Grants one iteration from the budget; the call that finds it spent stops the run.</summary>
    public bool TryTakeIteration()
    {
        if (StopRequested) return false;
        if (Interlocked.Increment(ref _iterationsTaken) <= maxIterations) return true;
        RequestStop(StopReason.MaxIterations);
        return false;
    }

    public long NextUserId() => userIdOffset + Interlocked.Increment(ref _nextUser) - 1;

    public void Dispose()
    {
        _stopping.Dispose();
        _aborted.Dispose();
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal after the run is over changes nothing.
        }
    }
}
