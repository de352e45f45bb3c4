namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// Sends messages (or runs actions) later or repeatedly. Each entry is one <see cref="ITimer"/> of the
/// system's <see cref="TimeProvider"/> (the .NET timer queue; a manual clock in tests), so nothing runs
/// and nothing is allocated for actors that schedule nothing. Entries end when cancelled, and repeated
/// ones also when the system has terminated.
/// </summary>
public sealed class Scheduler
{
    private readonly ActorSystem _system;

    internal Scheduler(ActorSystem system, TimeProvider clock)
    {
        _system = system;
        TimeProvider = clock;
    }

    /// <summary>The clock behind the scheduler.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Now, by the scheduler's clock.</summary>
    public DateTimeOffset Now => TimeProvider.GetUtcNow();

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Entry.Start(this, new TellAction(receiver, message, sender ?? ActorRefs.NoSender), Clamp(delay), null);
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "must be positive");
        return Entry.Start(this, new TellAction(receiver, message, sender ?? ActorRefs.NoSender), Clamp(initialDelay), interval);
    }

    /// <summary>Runs <paramref name="action"/> once on a thread-pool thread (not inside any actor).</summary>
    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Entry.Start(this, action, Clamp(delay), null);
    }

    /// <summary>Runs <paramref name="action"/> repeatedly on thread-pool threads (not inside any actor).</summary>
    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "must be positive");
        return Entry.Start(this, action, Clamp(initialDelay), interval);
    }

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    private sealed class TellAction(IActorRef receiver, object message, IActorRef sender)
    {
        public void Run() => receiver.Tell(message, sender);
    }

    private sealed class Entry : ICancelable
    {
        private readonly Scheduler _owner;
        private readonly Action? _action;
        private readonly TellAction? _tell;
        private readonly bool _repeated;
        private ITimer? _timer;
        private int _cancelled;

        private Entry(Scheduler owner, object work, bool repeated)
        {
            _owner = owner;
            _action = work as Action;
            _tell = work as TellAction;
            _repeated = repeated;
        }

        public static Entry Start(Scheduler owner, object work, TimeSpan due, TimeSpan? period)
        {
            var entry = new Entry(owner, work, period is not null);
            // The timer must not capture the caller's execution context (async locals of a request or a test).
            using (ExecutionContext.SuppressFlow())
                entry._timer = owner.TimeProvider.CreateTimer(static s => ((Entry)s!).Fire(), entry, due, period ?? Timeout.InfiniteTimeSpan);
            // A cancel that raced with the creation above must still stop the timer.
            if (Volatile.Read(ref entry._cancelled) != 0) entry._timer.Dispose();
            return entry;
        }

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) == 0) _timer?.Dispose();
        }

        private void Fire()
        {
            if (IsCancellationRequested) return;
            if (_repeated && _owner._system.IsTerminatedFlag)
            {
                Cancel();
                return;
            }
            if (!_repeated) Cancel();
            try
            {
                if (_tell is not null) _tell.Run();
                else _action!();
            }
            catch (Exception e)
            {
                RuntimeLog.ScheduledActionFailed(_owner._system.Logger, e);
            }
        }
    }
}
