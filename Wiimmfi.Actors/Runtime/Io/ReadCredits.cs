namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// INTERNAL API. The read loop of one connection may have at most <c>limit</c> frames delivered but not yet
/// processed by the handler; it waits for a credit before reading on. Credits come back through
/// <see cref="IDeliveryReceipt"/> when the handler's cell has processed a <see cref="Tcp.Received"/>.
/// </summary>
internal sealed class ReadCredits
{
    private readonly SemaphoreSlim _available;

    public ReadCredits(int limit) => _available = new SemaphoreSlim(limit, limit);

    /// <summary>Takes a credit if one is free, without waiting.</summary>
    public bool TryTake() => _available.Wait(0);

    /// <summary>Takes a credit, waiting while the handler is behind.</summary>
    public ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        if (_available.Wait(0)) return ValueTask.CompletedTask;
        return new ValueTask(_available.WaitAsync(cancellationToken));
    }

    public void Return()
    {
        try { _available.Release(); }
        catch (SemaphoreFullException) { /* a receipt can never return more than was taken; tolerate misuse */ }
    }
}
