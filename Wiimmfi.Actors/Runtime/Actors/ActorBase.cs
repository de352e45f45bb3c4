namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// The base of every actor. An instance is made by the runtime from <see cref="Props"/> (never with
/// <c>new</c> elsewhere), processes one message at a time, and is replaced by a fresh instance when
/// its supervisor restarts it.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.TakeConstructingCell()
            ?? throw new ActorInitializationException(null, $"{GetType().Name} must be created by the runtime (ActorOf with Props), not with new.");
    }

    internal ActorCell Cell => _cell;

    /// <summary>The runtime as this actor sees it.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed (dead letters when there was none).</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles a message; returns false when it did not.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called once the instance exists, before its first message (and by the default <see cref="PostRestart"/>).</summary>
    protected virtual void PreStart() { }

    /// <summary>Called after the actor stopped (and by the default <see cref="PreRestart"/>).</summary>
    protected virtual void PostStop() { }

    /// <summary>Called on the failed instance before a restart. Default: stop all children, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children) Context.Stop(child);
        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart. Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children. Default: <see cref="Runtime.SupervisorStrategy.Default"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.Default;

    /// <summary>
    /// A message no behaviour handled: publishes <see cref="UnhandledMessage"/> and logs it at debug
    /// level. An unhandled <see cref="Terminated"/> fails the actor with <see cref="DeathPactException"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.PublishUnhandled(message);
    }

    // ----- runtime hooks -----

    internal bool ReceiveInternal(object message) => Receive(message);
    internal void UnhandledInternal(object message) => Unhandled(message);
    internal SupervisorStrategy SupervisorStrategyInternal() => SupervisorStrategy();
    internal virtual void OnInstanceCreated() { }

    // Life-cycle hooks of runtime base classes (PersistentActor) that must run whatever a subclass
    // overrides (a PostRestart that does not call PreStart must still start recovery).
    internal virtual void OnAfterStart() { }
    internal virtual void OnBeforeRestart() { }
    internal virtual void OnAfterRestart() { }
    internal virtual void OnStopped() { }

    internal void PreStartInternal()
    {
        PreStart();
        OnAfterStart();
    }

    internal void PreRestartInternal(Exception reason, object? message)
    {
        if (this is IWithTimers { Timers: TimerScheduler timers }) timers.CancelAll();
        // Stashed messages survive a restart: the new instance gets them first.
        if (this is IWithStash { Stash: ActorStash stash }) stash.UnstashAll();
        try
        {
            PreRestart(reason, message);
        }
        finally
        {
            OnBeforeRestart();
        }
    }

    internal void PostRestartInternal(Exception reason)
    {
        PostRestart(reason);
        OnAfterRestart();
    }

    internal void PostStopInternal()
    {
        if (this is IWithTimers { Timers: TimerScheduler timers }) timers.CancelAll();
        if (this is IWithStash { Stash: ActorStash stash }) stash.DropAllToDeadLetters();
        try
        {
            PostStop();
        }
        finally
        {
            OnStopped();
        }
    }
}

/// <summary>An actor with a single <see cref="OnReceive"/> method.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message; call <c>Unhandled(message)</c> for messages it does not understand.</summary>
    protected abstract void OnReceive(object message);

    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
