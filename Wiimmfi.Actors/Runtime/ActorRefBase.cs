namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// INTERNAL API. What the runtime needs from a reference besides <see cref="IActorRef.Tell"/>: system
/// messages (watch, stop, supervision) that bypass the user mailbox order.
/// </summary>
internal interface IInternalActorRef : IActorRef
{
    void SendSystemMessage(SystemMessage message);

    /// <summary>True once the actor has terminated (for references the runtime can know it of).</summary>
    bool IsTerminated { get; }
}

/// <summary>INTERNAL API. Equality by path and uid, printing as <c>[path#uid]</c>.</summary>
internal abstract class ActorRefBase : IInternalActorRef
{
    public abstract ActorPath Path { get; }
    public abstract void Tell(object message, IActorRef? sender = null);
    public abstract void SendSystemMessage(SystemMessage message);
    public virtual bool IsTerminated => false;

    public bool Equals(IActorRef? other) =>
        ReferenceEquals(this, other) || (other is not null && Path.Uid == other.Path.Uid && Path.Equals(other.Path));

    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);

    // The uid is random per incarnation, so it spreads well and costs nothing to read.
    public override int GetHashCode() => Path.Uid != 0 ? Path.Uid.GetHashCode() : Path.GetHashCode();

    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}

/// <summary>INTERNAL API. <see cref="ActorRefs.Nobody"/>: drops everything.</summary>
internal sealed class Nobody : ActorRefBase
{
    public static readonly Nobody Instance = new();
    private static readonly ActorPath NobodyPath = new RootActorPath(new Address("all-systems")).Child("Nobody");
    public override ActorPath Path => NobodyPath;
    public override void Tell(object message, IActorRef? sender = null) { }
    public override void SendSystemMessage(SystemMessage message)
    {
        // Watching nobody: answer at once that it does not exist, as a dead actor would.
        if (message is Watch w && !ReferenceEquals(w.Watcher, this))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false, AddressTerminated: false));
    }
    public override bool IsTerminated => true;
}

/// <summary>INTERNAL API. <see cref="ActorRefs.NoSender"/>: a marker, replaced by dead letters at the receiver.</summary>
internal sealed class NoSenderRef : ActorRefBase
{
    public static readonly NoSenderRef Instance = new();
    private static readonly ActorPath NoSenderPath = new RootActorPath(new Address("all-systems")).Child("NoSender");
    public override ActorPath Path => NoSenderPath;
    public override void Tell(object message, IActorRef? sender = null) { }
    public override void SendSystemMessage(SystemMessage message) { }
    public override bool IsTerminated => true;
}
