namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// The system's publish/subscribe bus, by message type: a subscriber to a type receives every published
/// message of that type or a subtype (<see cref="DeadLetter"/>, <see cref="UnhandledMessage"/>, or any
/// event the application publishes). Actor subscribers get the events as messages and are removed when
/// they stop; callback subscribers run synchronously on the publishing thread and must be quick.
/// Publishing to a type nobody listens to costs one dictionary read.
/// </summary>
public sealed class EventStream
{
    private readonly ActorSystem _system;
    private readonly object _gate = new();
    private Subscription[] _subscriptions = [];
    private volatile Dictionary<Type, Subscription[]> _byEventType = [];

    internal EventStream(ActorSystem system) => _system = system;

    /// <summary>Subscribes an actor to <paramref name="channel"/> and its subtypes; false if it already was.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            foreach (var s in _subscriptions)
                if (s.Channel == channel && subscriber.Equals(s.Actor)) return false;
            _subscriptions = [.. _subscriptions, new Subscription(channel, subscriber, null)];
            _byEventType = [];
        }
        // Unsubscribed automatically when it stops (a wrapper such as a test probe is resolved to its actor).
        if ((subscriber as LocalActorRef ?? _system.ResolveActorRef(subscriber.Path.ToSerializationFormat()) as LocalActorRef) is { } local)
            local.Cell.MarkSubscribedToEventStream();
        return true;
    }

    /// <summary>Subscribes an actor to <typeparamref name="T"/>.</summary>
    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Calls <paramref name="handler"/> for every event of type <typeparamref name="T"/>; dispose the result to stop.</summary>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(T), null, o => handler((T)o));
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
            _byEventType = [];
        }
        return new Unsubscriber(this, subscription);
    }

    /// <summary>Removes an actor's subscription to one channel.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel) => Remove(s => s.Channel == channel && subscriber.Equals(s.Actor));

    /// <summary>Removes all subscriptions of an actor.</summary>
    public bool Unsubscribe(IActorRef subscriber) => Remove(s => subscriber.Equals(s.Actor));

    /// <summary>Delivers <paramref name="event"/> to every subscriber of its type or a base type.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!_byEventType.TryGetValue(type, out var targets)) targets = Resolve(type);
        foreach (var target in targets)
        {
            if (target.Actor is { } actor)
            {
                actor.Tell(@event, ActorRefs.NoSender);
                continue;
            }
            try
            {
                target.Callback!(@event);
            }
            catch (Exception e)
            {
                RuntimeLog.EventCallbackFailed(_system.Logger, type.Name, e);
            }
        }
    }

    private Subscription[] Resolve(Type eventType)
    {
        lock (_gate)
        {
            var matches = new List<Subscription>();
            foreach (var s in _subscriptions)
                if (s.Channel.IsAssignableFrom(eventType)) matches.Add(s);
            var result = matches.ToArray();
            _byEventType = new Dictionary<Type, Subscription[]>(_byEventType) { [eventType] = result };
            return result;
        }
    }

    private bool Remove(Predicate<Subscription> match)
    {
        lock (_gate)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            if (kept.Length == _subscriptions.Length) return false;
            _subscriptions = kept;
            _byEventType = [];
            return true;
        }
    }

    private sealed record Subscription(Type Channel, IActorRef? Actor, Action<object>? Callback);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.Remove(s => ReferenceEquals(s, subscription));
    }
}
