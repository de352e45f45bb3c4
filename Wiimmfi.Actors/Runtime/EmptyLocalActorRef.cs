namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. What <see cref="ActorSystem.ResolveActorRef(string)"/> returns for a path that names no
/// live actor: every message becomes a dead letter addressed to it, and watching it yields
/// <see cref="Terminated"/> at once.
/// </summary>
internal sealed class EmptyLocalActorRef : ActorRefBase
{
    private readonly ActorSystem _system;
    private readonly ActorPath _path;

    public EmptyLocalActorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        _path = path;
    }

    public override ActorPath Path => _path;
    public override bool IsTerminated => true;
    public ActorSystem System => _system;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _system.DeadLetterRef.Publish(message, sender ?? ActorCell.CurrentSelf, this);
    }

    public override void SendSystemMessage(SystemMessage message) => DeadSystemMessages.Handle(this, message);
}

/// <summary>INTERNAL API. What happens to a system message sent to an actor that no longer exists.</summary>
internal static class DeadSystemMessages
{
    public static void Handle(IInternalActorRef deadActor, SystemMessage message)
    {
        switch (message)
        {
            case Watch w when !ReferenceEquals(w.Watcher, deadActor):
                // "Watching an already dead actor delivers Terminated at once."
                w.Watcher.SendSystemMessage(new DeathWatchNotification(deadActor, ExistenceConfirmed: false, AddressTerminated: false));
                break;
            case RunContinuation c:
                // The await inside a ReceiveAsync handler outlived its actor: let it finish off-actor so the
                // task completes instead of hanging forever.
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Run(), c, preferLocal: false);
                break;
        }
    }
}
