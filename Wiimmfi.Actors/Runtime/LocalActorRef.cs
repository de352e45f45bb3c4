namespace Wiimmfi.Actors.Runtime;

/// <summary>INTERNAL API. The reference to an actor of this process: a path and the cell behind it.</summary>
internal sealed class LocalActorRef : ActorRefBase
{
    private readonly ActorPath _path;

    public LocalActorRef(ActorPath path, ActorCell cell)
    {
        _path = path;
        Cell = cell;
    }

    public ActorCell Cell { get; }
    public override ActorPath Path => _path;
    public override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender = null)
    {
        if (message is null) ThrowNullMessage();
        Cell.Mailbox.Post(message, sender ?? ActorCell.CurrentSelf);
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNullMessage() => throw new ArgumentNullException("message", "A message must not be null.");
}
