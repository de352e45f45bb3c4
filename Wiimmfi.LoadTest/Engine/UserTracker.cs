namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// Counts a phase's live users and tells the driver when the last one has left after the phase stopped starting
/// new ones — a completion signal rather than polling, so draining costs nothing while users run.
/// </summary>
internal sealed class UserTracker
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _live;
    private long _peak;
    private long _started;
    private volatile bool _draining;

    public long Live => Volatile.Read(ref _live);

    public long Peak => Volatile.Read(ref _peak);

    public long Started => Volatile.Read(ref _started);

    /// <summary>Called by the driver before a user's task starts, so caps and drains see it at once.</summary>
    public void Enter()
    {
        var live = Interlocked.Increment(ref _live);
        Interlocked.Increment(ref _started);
        long peak;
        while (live > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, live, peak) != peak)
        {
        }
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _live) == 0 && _draining) _drained.TrySetResult();
    }

    /// <summary>Completes when no user is left; call it only after the last <see cref="Enter"/>.</summary>
    public Task WhenDrained()
    {
        _draining = true;
        if (Live == 0) _drained.TrySetResult();
        return _drained.Task;
    }
}
