namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. A one-shot reference used by <c>Ask</c> and <c>GracefulStop</c>: the first message
/// (or death notification) completes its task; a timer fails it with <see cref="AskTimeoutException"/>.
/// Its path (<c>/temp/$…</c>) is made, and the reference registered for lookup by path, only if
/// someone reads it — a local ask does not pay for that; a reply from another node does.
/// </summary>
internal sealed class PromiseActorRef : ActorRefBase
{
    private readonly ActorSystem _system;
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _uid;
    private readonly IActorRef _target;
    private ActorPath? _path;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;

    public PromiseActorRef(ActorSystem system, TimeSpan timeout, IActorRef target, CancellationToken cancellationToken)
    {
        _system = system;
        _uid = system.NextUid();
        _target = target; // its path is printed only if the ask times out
        using (ExecutionContext.SuppressFlow())
            _timer = system.Settings.TimeProvider.CreateTimer(static s => ((PromiseActorRef)s!).TimedOut(), this, timeout, Timeout.InfiniteTimeSpan);
        TimeoutValue = timeout;
        if (cancellationToken.CanBeCanceled)
            _cancellation = cancellationToken.UnsafeRegister(static (s, ct) => ((PromiseActorRef)s!).Cancelled(ct), this);
    }

    public TimeSpan TimeoutValue { get; }

    public ActorSystem System => _system;

    public Task<object> Task => _completion.Task;

    public override ActorPath Path
    {
        get
        {
            if (Volatile.Read(ref _path) is { } path) return path;
            var created = _system.Temp.Register(this, _uid);
            return Interlocked.CompareExchange(ref _path, created, null) ?? created;
        }
    }

    public override bool IsTerminated => _completion.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completion.TrySetResult(message)) Cleanup();
        else _system.DeadLetterRef.Publish(message, sender, this);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification d && _completion.TrySetResult(new Terminated(d.Actor, d.ExistenceConfirmed, d.AddressTerminated)))
            Cleanup();
    }

    private void TimedOut()
    {
        if (_completion.TrySetException(new AskTimeoutException($"No reply from {_target.Path} within {TimeoutValue.TotalMilliseconds:0} ms.")))
            Cleanup();
    }

    private void Cancelled(CancellationToken token)
    {
        if (_completion.TrySetCanceled(token)) Cleanup();
    }

    private void Cleanup()
    {
        _timer?.Dispose();
        _timer = null;
        _cancellation.Dispose();
        if (Volatile.Read(ref _path) is { } path) _system.Temp.Unregister(path.Name);
    }
}

/// <summary>INTERNAL API. <c>/temp</c>: short-lived references that are looked up by path (ask replies).</summary>
internal sealed class TempContainer(ActorPath path)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IInternalActorRef> _refs = new(StringComparer.Ordinal);
    private long _counter;

    public ActorPath Path { get; } = path;

    public ActorPath Register(IInternalActorRef actor, long uid)
    {
        var name = ActorNames.Generated(Interlocked.Increment(ref _counter));
        _refs[name] = actor;
        return new ChildActorPath(Path, name, uid);
    }

    public void Unregister(string name) => _refs.TryRemove(name, out _);

    public IInternalActorRef? Get(string name) => _refs.TryGetValue(name, out var actor) ? actor : null;
}
