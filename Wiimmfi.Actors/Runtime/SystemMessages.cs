namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. Messages of the runtime itself (life cycle, death watch, supervision). They travel in
/// a separate queue of each mailbox that is drained before any user message, even while the actor is
/// suspended. Each instance is linked into exactly one queue (intrusive <see cref="Next"/>), so it is
/// created fresh for every send.
/// </summary>
internal abstract class SystemMessage
{
    internal SystemMessage? Next;
}

/// <summary>Create the actor instance and run PreStart.</summary>
internal sealed class Create : SystemMessage;

/// <summary>Restart after a failure (from the supervisor).</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Stop processing user messages until <see cref="Resume"/> (the parent failed).</summary>
internal sealed class Suspend : SystemMessage;

/// <summary>Resume after a failure or a parent's suspension.</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

/// <summary>Stop the actor (its children first).</summary>
internal sealed class Terminate : SystemMessage;

/// <summary>The watcher wants a <see cref="DeathWatchNotification"/> when the watchee stops.</summary>
internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>The watcher no longer wants to hear about the watchee.</summary>
internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>A watched actor (or a child) has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool ExistenceConfirmed, bool AddressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = ExistenceConfirmed;
    public bool AddressTerminated { get; } = AddressTerminated;
}

/// <summary>A child failed; the parent's supervisor strategy decides what happens to it.</summary>
internal sealed class Failed(IActorRef child, Exception cause, long uid, Type? messageType) : SystemMessage
{
    public IActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
    public Type? MessageType { get; } = messageType;
}

/// <summary>A continuation of an <c>await</c> inside a ReceiveAsync handler, run inside the actor.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public void Run() => callback(state);
}

/// <summary>The task of a ReceiveAsync handler finished: resume the mailbox or fail.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
