namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>
/// Tells a shard region which entity a message is for, what the entity should receive, and which
/// shard the entity belongs to. The shard id must be a pure function of the entity id, the same on
/// every node and in every version, because it decides where an entity lives.
/// </summary>
public interface IMessageExtractor
{
    /// <summary>The entity id of a message, or null when the region cannot route it (it becomes a dead letter).</summary>
    string? EntityId(object message);

    /// <summary>What the entity receives (the message itself, or what an envelope wraps).</summary>
    object EntityMessage(object message);

    /// <summary>The shard of an entity.</summary>
    string ShardId(string entityId);
}

/// <summary>
/// The usual extractor: understands <see cref="ShardingEnvelope"/>, <see cref="StartEntity"/> and
/// messages that implement <see cref="IShardedMessage"/>, and maps an entity id to one of
/// <c>maxNumberOfShards</c> shards by a stable hash (<see cref="StableHash.Murmur3"/> of its UTF-8 bytes)
/// — never <c>string.GetHashCode</c>, which differs between processes. Override <see cref="EntityId"/>
/// and <see cref="EntityMessage"/> for other message shapes.
/// </summary>
public class HashCodeMessageExtractor : IMessageExtractor
{
    private readonly string[] _shardIds;

    public HashCodeMessageExtractor(int maxNumberOfShards)
    {
        // Akka's rule of thumb is ten shards per node at the largest planned cluster; 65,536 is far above
        // any plan and keeps the id table small.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfShards, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxNumberOfShards, 65_536);
        MaxNumberOfShards = maxNumberOfShards;
        _shardIds = new string[maxNumberOfShards];
        for (var i = 0; i < maxNumberOfShards; i++) _shardIds[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public int MaxNumberOfShards { get; }

    public virtual string? EntityId(object message) => message switch
    {
        ShardingEnvelope e => e.EntityId,
        StartEntity s => s.EntityId,
        IShardedMessage m => m.EntityId,
        _ => null,
    };

    public virtual object EntityMessage(object message) => message is ShardingEnvelope e ? e.Message : message;

    public string ShardId(string entityId) => _shardIds[ShardIndex(entityId, MaxNumberOfShards)];

    /// <summary>The shard number of an entity id: Murmur3 (seed 0) of its UTF-8 bytes, sign bit cleared, modulo the shard count.</summary>
    public static int ShardIndex(string entityId, int numberOfShards) =>
        (int)((StableHash.Murmur3(entityId) & 0x7fffffffu) % (uint)numberOfShards);
}
