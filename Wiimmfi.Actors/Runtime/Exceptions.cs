namespace Wiimmfi.Actors.Runtime;

/// <summary>Base of the runtime's own exceptions.</summary>
public class ActorException : Exception
{
    public ActorException(string message) : base(message) { }
    public ActorException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>The actor could not be created or restarted (constructor or PreStart threw). The default strategy stops it.</summary>
public sealed class ActorInitializationException : ActorException
{
    public ActorInitializationException(IActorRef? actor, string message, Exception? inner = null) : base(message, inner) => Actor = actor;
    public IActorRef? Actor { get; }
}

/// <summary>The actor received <see cref="Kill"/>. The default strategy stops it.</summary>
public sealed class ActorKilledException : ActorException
{
    public ActorKilledException(string message) : base(message) { }
}

/// <summary>An actor watched another one and did not handle its <see cref="Terminated"/>. The default strategy stops it.</summary>
public sealed class DeathPactException : ActorException
{
    public DeathPactException(IActorRef deadActor) : base($"Monitored actor {deadActor} terminated and its Terminated was not handled.") => DeadActor = deadActor;
    public IActorRef DeadActor { get; }
}

/// <summary>An <c>Ask</c> got no reply in time.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string message) : base(message) { }
}

/// <summary>The stash of an actor is full (see <see cref="ActorSystemSettings.StashCapacity"/>).</summary>
public sealed class StashOverflowException : ActorException
{
    public StashOverflowException(string message) : base(message) { }
}

/// <summary>An actor name is not allowed or is already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ActorException
{
    public InvalidActorNameException(string message) : base(message) { }
}
