namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// The only way to talk to an actor: an immutable, shareable handle. Two references are equal when
/// they name the same path and the same incarnation (uid), so a reference to an actor that was stopped
/// and started again under the same name is a different reference.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>The actor's path, with the address of the node it lives on.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends a message, fire and forget. Inside an actor, a null <paramref name="sender"/> means "me"
    /// (the current actor's <c>Self</c>); pass <see cref="ActorRefs.NoSender"/> to send anonymously.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>A reference that names no actor: messages to it are dropped.</summary>
    public static IActorRef Nobody => Runtime.Nobody.Instance;

    /// <summary>
    /// Pass as sender to send without a sender. The receiver sees the system's dead-letter reference
    /// as <c>Sender</c>, so replies become dead letters.
    /// </summary>
    public static IActorRef NoSender => NoSenderRef.Instance;
}
