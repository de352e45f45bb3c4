namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// INTERNAL API. The read loop of one connection may have at most <c>limit</c> frames delivered but not yet
/// processed by the handler; it waits for a credit before reading on. Credits come back through
/// <see cref="IDeliveryReceipt"/> when the handler's cell has processed a <see cref="Tcp.Received"/>.
///
/// <para>A counter and, only while the read loop waits, a completion source: one per connection, held for the
/// connection's whole life, so it is kept smaller than a <see cref="SemaphoreSlim"/> (which with its lock box cost
/// about 100 bytes per console). There is one taker (the read loop) and any number of returners (receipts, on the
/// handler's thread). The taker publishes its waiter before it looks at the counter again, and a returner raises
/// the counter before it takes the waiter, so a credit returned at any moment either is seen by that look or wakes
/// the waiter.</para>
/// </summary>
internal sealed class ReadCredits
{
    private readonly int _limit;
    private int _available;
    private TaskCompletionSource? _waiter;

    public ReadCredits(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _limit = limit;
        _available = limit;
    }

    /// <summary>Credits free now (for tests and diagnostics).</summary>
    public int Available => Volatile.Read(ref _available);

    /// <summary>Takes a credit if one is free, without waiting.</summary>
    public bool TryTake()
    {
        var seen = Volatile.Read(ref _available);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref _available, seen - 1, seen);
            if (before == seen) return true;
            seen = before;
        }
        return false;
    }

    /// <summary>Takes a credit, waiting while the handler is behind. Only the read loop calls this.</summary>
    public ValueTask TakeAsync(CancellationToken cancellationToken) =>
        TryTake() ? ValueTask.CompletedTask : new ValueTask(WaitForCreditAsync(cancellationToken));

    private async Task WaitForCreditAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiter, waiter);
            if (TryTake())
            {
                Interlocked.CompareExchange(ref _waiter, null, waiter);
                return;
            }
            await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (TryTake()) return;
        }
    }

    public void Return()
    {
        var seen = Volatile.Read(ref _available);
        // A receipt can never return more than was taken; past the limit, misuse is tolerated and ignored.
        while (seen < _limit)
        {
            var before = Interlocked.CompareExchange(ref _available, seen + 1, seen);
            if (before == seen) break;
            seen = before;
        }
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }
}
