using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Runtime;

/// <summary>INTERNAL API. Messages the cell handles itself before the actor's behaviour sees them.</summary>
internal interface IAutoReceivedMessage;

/// <summary>A message that is not worth a log line when it ends up in dead letters.</summary>
public interface IDeadLetterSuppression;

/// <summary>A message that does not reset the receive timeout (see <see cref="IActorContext.SetReceiveTimeout"/>).</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Stops the receiving actor once every message queued before it has been processed.</summary>
public sealed class PoisonPill : IAutoReceivedMessage, IDeadLetterSuppression
{
    public static PoisonPill Instance { get; } = new();
    private PoisonPill() { }
    public override string ToString() => "<PoisonPill>";
}

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/>; its supervisor decides (default: stop).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static Kill Instance { get; } = new();
    private Kill() { }
    public override string ToString() => "<Kill>";
}

/// <summary>Asks any actor for its reference; it answers <see cref="ActorIdentity"/> with the same id.</summary>
[WireName("actor.identify")]
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;

/// <summary>The answer to <see cref="Identify"/>; <see cref="Subject"/> is null when nothing lives at the path.</summary>
[WireName("actor.identity")]
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>A watched actor has stopped (see <see cref="IActorContext.Watch"/>).</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) at the time of the watch.</param>
/// <param name="AddressTerminated">True when the actor's node went away (cluster).</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated)
    : IDeadLetterSuppression;

/// <summary>
/// INTERNAL API. How death watch delivers <see cref="Terminated"/> to the watcher itself: the cell
/// unwraps it only if the watch is still on (so nothing arrives after an unwatch). A Terminated that
/// an actor forwards to another is an ordinary message.
/// </summary>
internal sealed record DeathWatchTerminated(Terminated Terminated) : IAutoReceivedMessage, IDeadLetterSuppression;

/// <summary>Sent to an actor that received nothing for its receive timeout.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    public static ReceiveTimeout Instance { get; } = new();
    private ReceiveTimeout() { }
    public override string ToString() => "<ReceiveTimeout>";
}

/// <summary>Replies that carry a success or a failure, as <c>Ask</c> and <c>PipeTo</c> understand them.</summary>
public static class Status
{
    /// <summary>A successful outcome with an optional value.</summary>
    public sealed record Success(object? Status);

    /// <summary>A failed outcome: <c>Ask</c> throws <see cref="Cause"/> to its caller.</summary>
    public sealed record Failure(Exception Cause, object? State = null);
}

/// <summary>A message that could not be delivered, published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A message no behaviour of the recipient handled, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
