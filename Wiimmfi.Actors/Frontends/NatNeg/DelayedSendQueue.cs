namespace Wiimmfi.Actors.Frontends.NatNeg;

/// <summary>
/// A bounded, timed FIFO for replies that must not leave at once. Wiimmfi's NATNEG answers about 20 ms late
/// because immediate answers were "too fast for the clients", through a send queue of 500 slots that sends
/// early when it overflows; this is that queue.
///
/// <para>Every item waits <see cref="Delay"/> from the moment it was queued. With one delay for all items the
/// queue is in due order, so it is a ring buffer: queueing and taking are O(1) and allocate nothing. When
/// the queue is full, the oldest item is handed back from <see cref="Enqueue"/> to be sent at once (early)
/// — the newest reply keeps its full delay and nothing is ever dropped. <see cref="TakeDue"/> never hands
/// out an item before its time, whatever the caller's timer does.</para>
///
/// <para>Not thread-safe: one owner (a front-end actor) uses it. The clock is a parameter so tests drive it.</para>
/// </summary>
public sealed class DelayedSendQueue<T>
{
    private readonly TimeProvider _clock;
    private readonly long _delayTicks;
    private readonly T[] _items;
    private readonly long[] _dueAt;
    private int _head;
    private int _count;

    public DelayedSendQueue(int capacity, TimeSpan delay, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        // The queue only ever holds Delay's worth of replies; a million slots would be a configuration mistake.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1_000_000);
        Capacity = capacity;
        Delay = delay;
        _clock = clock;
        _delayTicks = (long)(delay.TotalSeconds * clock.TimestampFrequency);
        _items = new T[capacity];
        _dueAt = new long[capacity];
    }

    public int Capacity { get; }

    public TimeSpan Delay { get; }

    public int Count => _count;

    /// <summary>Largest <see cref="Count"/> ever reached (Wiimmfi reported its maximum usage too).</summary>
    public int HighWaterMark { get; private set; }

    /// <summary>Items handed back early because the queue was full.</summary>
    public long SentEarly { get; private set; }

    /// <summary>
    /// Queues <paramref name="item"/> to be due <see cref="Delay"/> from now. When the queue was full, the
    /// oldest item is removed and returned in <paramref name="early"/>: send it now.
    /// </summary>
    /// <returns>True when <paramref name="early"/> holds an item to send at once.</returns>
    public bool Enqueue(T item, out T early)
    {
        var now = _clock.GetTimestamp();
        var hadToMakeRoom = _count == Capacity;
        if (hadToMakeRoom)
        {
            early = TakeHead();
            SentEarly++;
        }
        else
        {
            early = default!;
        }
        var tail = (_head + _count) % Capacity;
        _items[tail] = item;
        _dueAt[tail] = now + _delayTicks;
        _count++;
        if (_count > HighWaterMark) HighWaterMark = _count;
        return hadToMakeRoom;
    }

    /// <summary>Takes the oldest item if its delay has passed.</summary>
    public bool TryTakeDue(out T item)
    {
        if (_count > 0 && _clock.GetTimestamp() >= _dueAt[_head])
        {
            item = TakeHead();
            return true;
        }
        item = default!;
        return false;
    }

    /// <summary>How long until the oldest item is due (zero if it is); null when the queue is empty.</summary>
    public TimeSpan? TimeUntilNextDue()
    {
        if (_count == 0) return null;
        var remaining = _dueAt[_head] - _clock.GetTimestamp();
        return remaining <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)remaining / _clock.TimestampFrequency);
    }

    /// <summary>Removes every item, oldest first, regardless of its time (for shutdown: better early than never).</summary>
    public void Drain(Action<T> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        while (_count > 0) send(TakeHead());
    }

    private T TakeHead()
    {
        var item = _items[_head];
        _items[_head] = default!; // do not keep a sent datagram alive
        _head = (_head + 1) % Capacity;
        _count--;
        return item;
    }
}
