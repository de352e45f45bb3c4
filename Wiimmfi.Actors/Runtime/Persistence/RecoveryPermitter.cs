namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// INTERNAL API. Caps how many actors recover at once (<see cref="PersistenceSettings.MaxConcurrentRecoveries"/>,
/// Akka's recovery permitter): a restart storm of thousands of entities queues here instead of opening
/// thousands of queries. Waiters are served roughly first come, first served.
/// </summary>
internal sealed class RecoveryPermitter(int maxConcurrent, PersistenceMetrics metrics)
{
    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);

    public int MaxConcurrent { get; } = maxConcurrent;

    /// <summary>Waits for a slot; the caller must hand it back with <see cref="Release"/> exactly once.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0))
        {
            metrics.RecoveryWaiting(1);
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                metrics.RecoveryWaiting(-1);
            }
        }
        metrics.RecoveryStarted();
    }

    public void Release()
    {
        metrics.RecoveryEnded();
        _slots.Release();
    }
}
