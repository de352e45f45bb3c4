using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>
/// INTERNAL API. A group of entities of one type: child of its region, parent of its entities. It
/// starts an entity on its first message, passivates it on request or after it has been idle, and
/// stops all of them on hand-off.
///
/// <para>Each entity moves through these states (transitions other than these are refused):</para>
/// <code>
///   (absent) ──message──▶ Active ──Passivate / idle──▶ Passivating ──Terminated, nothing buffered──▶ (absent)
///                           ▲  │                            │
///                           │  └──Terminated (stopped       └──Terminated with buffered messages──┐
///                           │      itself or failed)──▶ (absent)                                   │
///                           └────────────── started again, buffer delivered in order ◀────────────┘
/// </code>
/// <para>While an entity is Passivating its messages are buffered (up to the buffer size, then dead
/// letters), so a message that races with passivation is not lost: it reaches a fresh incarnation.
/// Idleness counts only messages that came through sharding, as in Akka.</para>
/// </summary>
internal sealed class Shard : UntypedActor, IWithTimers
{
    /// <summary>INTERNAL API. Region → shard: stop every entity, then stop.</summary>
    internal sealed class HandOff
    {
        public static readonly HandOff Instance = new();
    }

    /// <summary>INTERNAL API. Region → shard: which entities are alive?</summary>
    internal sealed class GetState
    {
        public static readonly GetState Instance = new();
    }

    private sealed class PassivateIdleTick : INotInfluenceReceiveTimeout
    {
        public static readonly PassivateIdleTick Instance = new();
    }

    private sealed class HandOffTimedOut
    {
        public static readonly HandOffTimedOut Instance = new();
    }

    private enum EntityState : byte
    {
        Active = 0,
        Passivating = 1,
    }

    private sealed class Entity(IActorRef actor)
    {
        public IActorRef Actor = actor;
        public EntityState State = EntityState.Active;
        public long LastActivity;
        public List<Envelope>? Buffer;
    }

    private readonly string _typeName;
    private readonly string _shardId;
    private readonly Func<string, Props> _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, Entity> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _idsByActor = [];
    private bool _handingOff;

    public Shard(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor)
    {
        _typeName = typeName;
        _shardId = shardId;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _clock = Context.System.Settings.TimeProvider;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        if (_settings.PassivateIdleEntityAfter is { } idle)
        {
            // Checking twice per idle period keeps an idle entity alive at most 1.5 periods.
            var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, idle.Ticks / 2));
            Timers.StartPeriodicTimer(PassivateIdleTick.Instance, PassivateIdleTick.Instance, interval);
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated t:
                EntityTerminated(t.ActorRef);
                break;
            case Passivate p:
                Passivate(Sender, p.StopMessage);
                break;
            case PassivateIdleTick:
                PassivateIdleEntities();
                break;
            case GetState:
                Sender.Tell(new ShardState(_shardId, [.. _entities.Keys]));
                break;
            case HandOff:
                BeginHandOff();
                break;
            case HandOffTimedOut:
                foreach (var entity in _entities.Values) Context.Stop(entity.Actor);
                break;
            case StartEntity start:
                Deliver(start, Sender, startOnly: true);
                break;
            default:
                Deliver(message, Sender, startOnly: false);
                break;
        }
    }

    private void Deliver(object message, IActorRef sender, bool startOnly)
    {
        string? id;
        object payload;
        try
        {
            id = _extractor.EntityId(message);
            payload = string.IsNullOrEmpty(id) ? message : _extractor.EntityMessage(message);
        }
        catch (Exception e)
        {
            Context.Logger.LogError(e, "{TypeName}: the message extractor failed on {MessageType}; dropped", _typeName, message.GetType().Name);
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self));
            return;
        }
        if (string.IsNullOrEmpty(id))
        {
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self));
            return;
        }
        if (_handingOff)
        {
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self));
            return;
        }
        if (!_entities.TryGetValue(id, out var entity))
        {
            entity = TryStartEntity(id);
            if (entity is null)
            {
                Context.System.DeadLetters.Tell(new DeadLetter(payload, sender, Self));
                return;
            }
        }
        if (startOnly)
        {
            sender.Tell(new StartEntityAck(id, _shardId), Self);
            return;
        }
        switch (entity.State)
        {
            case EntityState.Active:
                entity.LastActivity = _clock.GetTimestamp();
                entity.Actor.Tell(payload, sender);
                break;
            case EntityState.Passivating:
                var buffer = entity.Buffer ??= [];
                if (buffer.Count >= _settings.BufferSize)
                {
                    Context.Logger.LogWarning("{TypeName}: buffer of entity [{EntityId}] is full ({Size}); dropping {MessageType}", _typeName, id, buffer.Count, payload.GetType().Name);
                    Context.System.DeadLetters.Tell(new DeadLetter(payload, sender, entity.Actor));
                }
                else
                {
                    buffer.Add(new Envelope(payload, sender));
                }
                break;
        }
    }

    /// <summary>Starts an entity, or logs and returns null when its props factory throws (a bad id must not fail the shard).</summary>
    private Entity? TryStartEntity(string id)
    {
        try
        {
            return StartEntity(id);
        }
        catch (Exception e)
        {
            Context.Logger.LogError(e, "{TypeName}: could not start entity [{EntityId}]", _typeName, id);
            return null;
        }
    }

    private Entity StartEntity(string id)
    {
        var actor = Context.ActorOf(_entityProps(id), EntityNames.Escape(id));
        Context.Watch(actor);
        var entity = new Entity(actor) { LastActivity = _clock.GetTimestamp() };
        _entities[id] = entity;
        _idsByActor[actor] = id;
        return entity;
    }

    private void Passivate(IActorRef entityActor, object stopMessage)
    {
        if (!_idsByActor.TryGetValue(entityActor, out var id) || !_entities.TryGetValue(id, out var entity)) return;
        if (entity.State != EntityState.Active) return; // already on its way out
        entity.State = EntityState.Passivating;
        entityActor.Tell(stopMessage, Self);
    }

    private void PassivateIdleEntities()
    {
        if (_settings.PassivateIdleEntityAfter is not { } idle || _handingOff) return;
        var now = _clock.GetTimestamp();
        List<Entity>? idleOnes = null;
        foreach (var entity in _entities.Values)
            if (entity.State == EntityState.Active && _clock.GetElapsedTime(entity.LastActivity, now) >= idle)
                (idleOnes ??= []).Add(entity);
        if (idleOnes is null) return;
        foreach (var entity in idleOnes) Passivate(entity.Actor, _settings.HandOffStopMessage);
    }

    private void EntityTerminated(IActorRef actor)
    {
        if (!_idsByActor.Remove(actor, out var id) || !_entities.TryGetValue(id, out var entity)) return;
        if (entity.State == EntityState.Passivating && entity.Buffer is { Count: > 0 } buffered && !_handingOff)
        {
            // Messages arrived while it stopped: a fresh incarnation gets them, in order.
            _entities.Remove(id);
            var fresh = TryStartEntity(id);
            foreach (var envelope in buffered)
            {
                if (fresh is not null) fresh.Actor.Tell(envelope.Message, envelope.Sender);
                else Context.System.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender ?? ActorRefs.NoSender, actor));
            }
        }
        else
        {
            _entities.Remove(id);
            if (entity.Buffer is { Count: > 0 } lost)
                foreach (var envelope in lost) Context.System.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender ?? ActorRefs.NoSender, actor));
        }
        if (_handingOff && _entities.Count == 0) Context.Stop(Self);
    }

    private void BeginHandOff()
    {
        if (_handingOff) return;
        _handingOff = true;
        Timers.CancelAll();
        if (_entities.Count == 0)
        {
            Context.Stop(Self);
            return;
        }
        foreach (var entity in _entities.Values)
        {
            if (entity.State == EntityState.Active)
            {
                entity.State = EntityState.Passivating;
                entity.Actor.Tell(_settings.HandOffStopMessage, Self);
            }
        }
        Timers.StartSingleTimer(HandOffTimedOut.Instance, HandOffTimedOut.Instance, _settings.HandOffTimeout);
    }
}

/// <summary>INTERNAL API. Entity and shard ids as actor names (percent-escaped, so any id is a valid name).</summary>
internal static class EntityNames
{
    public static string Escape(string id)
    {
        var escaped = Uri.EscapeDataString(id);
        // EscapeDataString keeps letters, digits and "-._~"; a leading '.' or '~' is still a valid name.
        return escaped;
    }

    public static string Unescape(string name) => Uri.UnescapeDataString(name);
}
