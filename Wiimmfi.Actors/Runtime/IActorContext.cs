using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime;

/// <summary>A behaviour: handles a message and says whether it did.</summary>
public delegate bool Receive(object message);

/// <summary>
/// What an actor sees of the runtime while it processes a message (<c>Context</c>). Use it only from
/// inside the actor (its constructor, handlers and life-cycle hooks), never from another thread.
/// </summary>
public interface IActorContext
{
    /// <summary>This actor.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed (dead letters when there was none).</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor of this actor.</summary>
    IActorRef Parent { get; }

    /// <summary>The props this actor was made from.</summary>
    Props Props { get; }

    /// <summary>The actor system.</summary>
    ActorSystem System { get; }

    /// <summary>A logger for this actor; every entry carries the actor's path.</summary>
    ILogger Logger { get; }

    /// <summary>The live children (a snapshot).</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>The child with this name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Starts a child; a null name gets a generated one (<c>$a</c>, <c>$b</c>, …).</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child or this actor (asynchronously: pending messages become dead letters).</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it is already gone).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/>, but delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a <see cref="Terminated"/> already on its way is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>
    /// Sends <see cref="Runtime.ReceiveTimeout.Instance"/> after this long without a message (again and
    /// again while idle); null or zero turns it off. Messages marked <see cref="INotInfluenceReceiveTimeout"/> do not count.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>The current receive timeout, or null.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Replaces the current behaviour (the top of the behaviour stack).</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Pops the behaviour pushed last (back to the actor's own Receive at the bottom).</summary>
    void UnbecomeStacked();
}
