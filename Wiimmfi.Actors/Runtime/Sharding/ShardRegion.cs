using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>
/// INTERNAL API. The one address of an entity type on a node (<c>/system/sharding/{type}</c>). It maps
/// each message to an entity and a shard (<see cref="IMessageExtractor"/>), asks the
/// <see cref="IShardLocator"/> where an unknown shard lives (buffering its messages meanwhile), and
/// then sends every message of that shard straight to its home: a local shard child, or another
/// node's region.
/// </summary>
internal sealed class ShardRegion : UntypedActor
{
    private readonly string _typeName;
    private readonly Func<string, Props> _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly IShardLocator _locator;
    private readonly Dictionary<string, IActorRef> _homes = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _localShards = [];
    private readonly Dictionary<string, List<Envelope>> _buffers = new(StringComparer.Ordinal);
    private int _buffered;
    private bool _stopping;

    public ShardRegion(string typeName, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor, IShardLocator locator)
    {
        _typeName = typeName;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _locator = locator;
    }

    // A failing shard is restarted; its entities are its children and restart with it (state lost,
    // as after passivation).
    protected override SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.Default;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ShardHome home:
                HomeFound(home);
                break;
            case Terminated t:
                ShardStopped(t.ActorRef);
                break;
            case GetShardRegionState:
                StartQuery(statsOnly: false);
                break;
            case GetShardRegionStats:
                StartQuery(statsOnly: true);
                break;
            case GracefulShutdown:
                BeginShutdown();
                break;
            default:
                Route(message, Sender);
                break;
        }
    }

    private void StartQuery(bool statsOnly)
    {
        // Capture now: the props factory runs later, on the query actor's own turn.
        var replyTo = Sender;
        IActorRef[] shards = [.. _localShards.Keys];
        var timeout = _settings.ShardStateTimeout;
        Context.ActorOf(Props.Create(() => new RegionQuery(replyTo, shards, timeout, statsOnly)));
    }

    private void Route(object message, IActorRef sender)
    {
        string? entityId;
        string shardId;
        try
        {
            // The extractor is application code fed with whatever arrived: a throw here must cost one
            // message, not a region restart that would stop every shard.
            entityId = _extractor.EntityId(message);
            shardId = string.IsNullOrEmpty(entityId) ? "" : _extractor.ShardId(entityId);
        }
        catch (Exception e)
        {
            Context.Logger.LogError(e, "{TypeName}: the message extractor failed on {MessageType}; dropped", _typeName, message.GetType().Name);
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self));
            return;
        }
        if (string.IsNullOrEmpty(entityId))
        {
            Context.Logger.LogWarning("{TypeName}: no entity id in {MessageType}; dropped", _typeName, message.GetType().Name);
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self));
            return;
        }
        if (_stopping)
        {
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self));
            return;
        }
        if (_homes.TryGetValue(shardId, out var home))
        {
            home.Tell(message, sender);
            return;
        }
        if (_buffered >= _settings.BufferSize)
        {
            Context.Logger.LogWarning("{TypeName}: region buffer full ({Size}); dropping {MessageType} for shard [{ShardId}]", _typeName, _buffered, message.GetType().Name, shardId);
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self));
            return;
        }
        if (!_buffers.TryGetValue(shardId, out var buffer))
        {
            _buffers[shardId] = buffer = [];
            _locator.RequestHome(_typeName, shardId, Self);
        }
        buffer.Add(new Envelope(message, sender));
        _buffered++;
    }

    private void HomeFound(ShardHome home)
    {
        if (_homes.ContainsKey(home.ShardId)) return;
        IActorRef target;
        if (home.Region.Equals(Self))
        {
            if (_stopping) return;
            var shardId = home.ShardId;
            target = Context.ActorOf(Props.Create(() => new Shard(_typeName, shardId, _entityProps, _settings, _extractor)), EntityNames.Escape(shardId));
            Context.Watch(target);
            _localShards[target] = shardId;
        }
        else
        {
            target = home.Region;
        }
        _homes[home.ShardId] = target;
        if (_buffers.Remove(home.ShardId, out var buffer))
        {
            _buffered -= buffer.Count;
            foreach (var envelope in buffer) target.Tell(envelope.Message, envelope.Sender);
        }
    }

    private void ShardStopped(IActorRef shard)
    {
        if (!_localShards.Remove(shard, out var shardId)) return;
        _homes.Remove(shardId);
        if (_stopping && _localShards.Count == 0) Context.Stop(Self);
    }

    private void BeginShutdown()
    {
        if (_stopping) return;
        _stopping = true;
        foreach (var envelopes in _buffers.Values)
            foreach (var e in envelopes) Context.System.DeadLetters.Tell(new DeadLetter(e.Message, e.Sender ?? ActorRefs.NoSender, Self));
        _buffers.Clear();
        _buffered = 0;
        if (_localShards.Count == 0)
        {
            Context.Stop(Self);
            return;
        }
        foreach (var shard in _localShards.Keys) shard.Tell(Shard.HandOff.Instance, Self);
    }

    /// <summary>Collects the state of every local shard for one query, then answers and stops.</summary>
    private sealed class RegionQuery : UntypedActor, IWithTimers
    {
        private readonly IActorRef _replyTo;
        private readonly bool _statsOnly;
        private readonly HashSet<IActorRef> _waiting;
        private readonly List<ShardState> _states = [];
        private readonly TimeSpan _timeout;

        public RegionQuery(IActorRef replyTo, IReadOnlyList<IActorRef> shards, TimeSpan timeout, bool statsOnly)
        {
            _replyTo = replyTo;
            _statsOnly = statsOnly;
            _waiting = [.. shards];
            _timeout = timeout;
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart()
        {
            if (_waiting.Count == 0)
            {
                Finish();
                return;
            }
            foreach (var shard in _waiting)
            {
                Context.Watch(shard);
                shard.Tell(Shard.GetState.Instance, Self);
            }
            Timers.StartSingleTimer("timeout", "timeout", _timeout);
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case ShardState state:
                    if (_waiting.Remove(Sender)) _states.Add(state);
                    if (_waiting.Count == 0) Finish();
                    break;
                case Terminated t:
                    if (_waiting.Remove(t.ActorRef) && _waiting.Count == 0) Finish();
                    break;
                case "timeout":
                    Finish();
                    break;
            }
        }

        private void Finish()
        {
            _states.Sort((a, b) => string.CompareOrdinal(a.ShardId, b.ShardId));
            if (_statsOnly)
            {
                var perShard = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var s in _states) perShard[s.ShardId] = s.EntityIds.Count;
                _replyTo.Tell(new ShardRegionStats(perShard), Context.Parent);
            }
            else
            {
                _replyTo.Tell(new CurrentShardRegionState(_states), Context.Parent);
            }
            Context.Stop(Self);
        }
    }
}
