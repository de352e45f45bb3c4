namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// The node's limit on open negotiations (<c>wiimmfi.natneg.max-open-negotiations</c>). A negotiation takes a
/// slot when it opens and gives it back when its entity stops, so a flood of new cookies can hold at most
/// <see cref="Limit"/> entities; beyond it a new cookie's INIT is refused (counted) without an answer.
/// Thread-safe: entities on any thread take and return slots.
/// </summary>
public sealed class NatNegCapacity
{
    private int _open;

    public NatNegCapacity(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    public int Limit { get; }

    /// <summary>Negotiations holding a slot now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a slot; false when all are taken.</summary>
    public bool TryOpen()
    {
        if (Interlocked.Increment(ref _open) <= Limit) return true;
        Interlocked.Decrement(ref _open);
        return false;
    }

    /// <summary>Gives a slot back.</summary>
    public void Close()
    {
        if (Interlocked.Decrement(ref _open) < 0)
            throw new InvalidOperationException("A negotiation slot was returned twice.");
    }
}
