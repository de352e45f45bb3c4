namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// A parent that restarts one child with growing delays (see <see cref="BackoffOptions"/>), so a
/// child that keeps failing — a database that is down, a port that is taken — does not spin. Every
/// other message is forwarded to the child while it runs (dead letters while it waits for a restart).
/// </summary>
public sealed class BackoffSupervisor : UntypedActor, IWithTimers
{
    /// <summary>Ask the supervisor for its child: answers <see cref="CurrentChild"/>.</summary>
    public sealed class GetCurrentChild
    {
        public static GetCurrentChild Instance { get; } = new();
        private GetCurrentChild() { }
    }

    /// <summary>The child now running, or null while a restart is pending.</summary>
    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Ask the supervisor how often it restarted: answers <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount
    {
        public static GetRestartCount Instance { get; } = new();
        private GetRestartCount() { }
    }

    public sealed record RestartCount(int Count);

    private sealed class StartChild
    {
        public static readonly StartChild Instance = new();
    }

    private readonly BackoffOptions _options;
    private IActorRef? _child;
    private int _restartCount;
    private bool _childFailed;
    private long _childStartedAt;

    private BackoffSupervisor(BackoffOptions options) => _options = options;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a back-off supervisor for <paramref name="options"/>.</summary>
    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Runtime.Props.Create(() => new BackoffSupervisor(options));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        if (_options.Kind == BackoffKind.OnStop) return Runtime.SupervisorStrategy.DefaultDecider(e);
        // OnFailure: stop the failed child; its Terminated schedules the delayed restart.
        _childFailed = true;
        return Directive.Stop;
    });

    protected override void PreStart() => StartChildNow();

    private void StartChildNow()
    {
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        _childFailed = false;
        _childStartedAt = Context.System.Settings.TimeProvider.GetTimestamp();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated t when _child is not null && t.ActorRef.Equals(_child):
                ChildStopped();
                break;
            case StartChild:
                if (_child is null) StartChildNow();
                break;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child));
                break;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount));
                break;
            default:
                if (_child is not null) _child.Forward(message);
                else Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self));
                break;
        }
    }

    private void ChildStopped()
    {
        _child = null;
        if (_options.Kind == BackoffKind.OnFailure && !_childFailed)
        {
            // The child stopped on purpose: nothing to restart.
            Context.Stop(Self);
            return;
        }
        var ranFor = Context.System.Settings.TimeProvider.GetElapsedTime(_childStartedAt);
        if (ranFor >= (_options.ResetBackoffAfter ?? _options.MinBackoff) && _restartCount > 0) _restartCount = 0;
        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            Context.Stop(Self);
            return;
        }
        var delay = _options.DelayFor(_restartCount, Random.Shared.NextDouble());
        _restartCount++;
        Timers.StartSingleTimer(StartChild.Instance, StartChild.Instance, delay);
    }
}
