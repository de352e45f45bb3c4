using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>
/// A message that travels through shard regions and so may cross nodes: it names its entity and must
/// carry a <see cref="WireNameAttribute"/> (a test checks every such type round-trips through the
/// <see cref="MessageSerializer"/>).
/// </summary>
public interface IShardedMessage
{
    /// <summary>The id of the entity the message is for.</summary>
    string EntityId { get; }
}

/// <summary>Wraps any message for the entity <paramref name="EntityId"/>; the entity receives <paramref name="Message"/>.</summary>
[WireName("sharding.envelope")]
public sealed record ShardingEnvelope(string EntityId, object Message);

/// <summary>Starts an entity without a message for it; answered with <see cref="StartEntityAck"/>.</summary>
[WireName("sharding.start-entity")]
public sealed record StartEntity(string EntityId);

/// <summary>The entity of a <see cref="StartEntity"/> is running in the given shard.</summary>
[WireName("sharding.start-entity-ack")]
public sealed record StartEntityAck(string EntityId, string ShardId);

/// <summary>
/// Sent by an entity to its parent (the shard) to stop itself safely: the shard buffers new messages
/// for it, sends it <see cref="StopMessage"/>, and starts it again if messages arrived meanwhile.
/// An entity must not just stop itself, or messages on their way to it are lost.
/// </summary>
public sealed record Passivate(object StopMessage);

/// <summary>Asks a region for the entity ids of its shards; answered with <see cref="CurrentShardRegionState"/>.</summary>
public sealed class GetShardRegionState
{
    public static GetShardRegionState Instance { get; } = new();
    private GetShardRegionState() { }
}

/// <summary>The shards of a region on this node and their live entities.</summary>
public sealed record CurrentShardRegionState(IReadOnlyList<ShardState> Shards);

/// <summary>One shard and the ids of its live entities.</summary>
public sealed record ShardState(string ShardId, IReadOnlyList<string> EntityIds);

/// <summary>Asks a region how many entities each of its shards has; answered with <see cref="ShardRegionStats"/>.</summary>
public sealed class GetShardRegionStats
{
    public static GetShardRegionStats Instance { get; } = new();
    private GetShardRegionStats() { }
}

/// <summary>Entities per shard of a region on this node.</summary>
public sealed record ShardRegionStats(IReadOnlyDictionary<string, int> EntitiesPerShard);

/// <summary>Stops a region gracefully: every entity gets the hand-off stop message, then shards and region stop.</summary>
public sealed class GracefulShutdown
{
    public static GracefulShutdown Instance { get; } = new();
    private GracefulShutdown() { }
}

/// <summary>The answer of an <see cref="IShardLocator"/>: shard <paramref name="ShardId"/> lives in <paramref name="Region"/>.</summary>
public sealed record ShardHome(string ShardId, IActorRef Region);
