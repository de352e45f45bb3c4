namespace Wiimmfi.Actors.Runtime;

internal sealed partial class ActorCell
{
    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is not { } t || t <= TimeSpan.Zero || t == Timeout.InfiniteTimeSpan)
        {
            CancelReceiveTimeout();
            return;
        }
        (Extras.ReceiveTimeout ??= new ReceiveTimeoutState(_self, _system.Settings.TimeProvider)).Set(t);
    }

    TimeSpan? IActorContext.ReceiveTimeout => _extras?.ReceiveTimeout?.Timeout;

    private void CancelReceiveTimeout()
    {
        if (_extras?.ReceiveTimeout is { } state)
        {
            state.Cancel();
            _extras.ReceiveTimeout = null;
        }
    }
}

/// <summary>
/// INTERNAL API. One timer per actor that uses a receive timeout. A message only records the time
/// (no timer call on the hot path); when the timer fires the actor checks, on its own turn, whether it
/// has really been idle for the whole timeout, and either delivers <see cref="ReceiveTimeout"/> or
/// re-arms the timer for the rest.
/// </summary>
internal sealed class ReceiveTimeoutState
{
    private readonly IActorRef _self;
    private readonly TimeProvider _clock;
    private ITimer? _timer;
    private Tick _tick = new(0);
    private long _lastActivity;

    public ReceiveTimeoutState(IActorRef self, TimeProvider clock)
    {
        _self = self;
        _clock = clock;
    }

    public TimeSpan Timeout { get; private set; }

    public void Set(TimeSpan timeout)
    {
        Timeout = timeout;
        _tick = new Tick(_tick.Generation + 1);
        Touch();
        Arm(timeout);
    }

    public void Touch() => _lastActivity = _clock.GetTimestamp();

    public void Cancel()
    {
        _tick = new Tick(_tick.Generation + 1);
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>On the actor's turn: true when the actor has been idle for the whole timeout (then re-armed).</summary>
    public bool IsDue(Tick tick)
    {
        if (tick.Generation != _tick.Generation) return false;
        var idle = _clock.GetElapsedTime(_lastActivity);
        if (idle >= Timeout)
        {
            Touch();
            Arm(Timeout);
            return true;
        }
        Arm(Timeout - idle);
        return false;
    }

    private void Arm(TimeSpan due)
    {
        if (_timer is null)
        {
            using (ExecutionContext.SuppressFlow())
                _timer = _clock.CreateTimer(static s => ((ReceiveTimeoutState)s!).Fire(), this, due, global::System.Threading.Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(due, global::System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire() => _self.Tell(_tick, ActorRefs.NoSender);

    internal sealed class Tick(int generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout, IDeadLetterSuppression
    {
        public int Generation { get; } = generation;
    }
}
