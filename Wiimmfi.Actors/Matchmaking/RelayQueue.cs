namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// The client messages for one host: one in flight (sent, not yet acknowledged) and the rest waiting, delivered
/// one at a time in order, as WiiLink does. The table drives it with its clock and timers; this class only
/// decides.
/// <code>
///   idle ──Enqueue──▶ in flight (attempt 1) ──retry due──▶ in flight (attempt n+1) ──…──▶ given up ──▶ next/idle
///                          │                                    │
///                          └────────── Acknowledge(key) ────────┴──▶ delivered ──▶ next / idle
/// </code>
/// </summary>
internal sealed class RelayQueue
{
    private readonly Queue<byte[]> _waiting = new();

    /// <summary>The message being delivered, or null.</summary>
    public byte[]? InFlight { get; private set; }

    /// <summary>The message key of <see cref="InFlight"/> (retransmissions reuse it).</summary>
    public uint MessageKey { get; private set; }

    /// <summary>Sends of <see cref="InFlight"/> so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Messages waiting behind the one in flight.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>True when nothing is in flight or waiting.</summary>
    public bool IsEmpty => InFlight is null && _waiting.Count == 0;

    /// <summary>Queues a message; false when <paramref name="capacity"/> messages already wait.</summary>
    public bool TryEnqueue(byte[] data, int capacity)
    {
        if (_waiting.Count >= capacity)
            return false;
        _waiting.Enqueue(data);
        return true;
    }

    /// <summary>Puts the next waiting message in flight under <paramref name="messageKey"/> (first attempt);
    /// null when nothing waits or a message is already in flight.</summary>
    public byte[]? StartNext(uint messageKey)
    {
        if (InFlight is not null || !_waiting.TryDequeue(out var next))
            return null;
        InFlight = next;
        MessageKey = messageKey;
        Attempts = 1;
        return next;
    }

    /// <summary>True when <paramref name="messageKey"/> acknowledges the message in flight, which is then done.</summary>
    public bool Acknowledge(uint messageKey)
    {
        if (InFlight is null || messageKey != MessageKey)
            return false;
        InFlight = null;
        return true;
    }

    /// <summary>What to do when the retry timer of <paramref name="messageKey"/> fires.</summary>
    public RelayRetry OnRetryDue(uint messageKey, int maxAttempts)
    {
        if (InFlight is null || messageKey != MessageKey)
            return RelayRetry.Ignore; // acknowledged meanwhile, or a timer of an earlier message
        if (Attempts >= maxAttempts)
        {
            InFlight = null;
            return RelayRetry.GiveUp;
        }
        Attempts++;
        return RelayRetry.Resend;
    }

    /// <summary>Drops everything (the host left); returns how many messages were lost.</summary>
    public int DropAll()
    {
        int dropped = _waiting.Count + (InFlight is null ? 0 : 1);
        _waiting.Clear();
        InFlight = null;
        return dropped;
    }
}

/// <summary>The decision when a relay's retry timer fires.</summary>
internal enum RelayRetry
{
    /// <summary>The timer is stale: do nothing.</summary>
    Ignore,
    /// <summary>Send the message in flight again and restart the timer.</summary>
    Resend,
    /// <summary>The last attempt went unacknowledged: the message is dropped; start the next one.</summary>
    GiveUp,
}
