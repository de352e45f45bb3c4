namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>. Timers due by then fire in due
/// order, synchronously on the calling thread, so a timer test knows exactly which timer messages have
/// been sent when Advance returns.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _ticks = TimeSpan.TicksPerDay; // timestamps start well above zero

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long GetTimestamp()
    {
        lock (_gate) return _ticks;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Active timers (not disposed, with a due time).</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate) return _timers.Count(t => t.DueAt is not null);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        long target;
        lock (_gate) target = _ticks + by.Ticks;
        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                foreach (var t in _timers)
                    if (t.DueAt is { } due && due <= target && (next is null || due < next.DueAt)) next = t;
                if (next is null)
                {
                    _now += TimeSpan.FromTicks(target - _ticks);
                    _ticks = target;
                    return;
                }
                var step = next.DueAt!.Value - _ticks;
                if (step > 0)
                {
                    _now += TimeSpan.FromTicks(step);
                    _ticks = next.DueAt.Value;
                }
                next.DueAt = next.Period is { } p ? _ticks + Math.Max(1, p.Ticks) : null;
            }
            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? DueAt;
        public TimeSpan? Period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._ticks + Math.Max(0, dueTime.Ticks);
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
