namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>
/// The seam between a region and where its shards live. A region that meets a shard it does not know
/// asks the locator and buffers the shard's messages until a <see cref="ShardHome"/> comes back: if the
/// home is the asking region itself, it starts the shard locally; otherwise it forwards the shard's
/// messages to that (remote) region. The single-node <see cref="LocalShardLocator"/> puts every shard
/// here; the cluster replaces it with one backed by the coordination store, without changing entity
/// or front-end code.
/// </summary>
public interface IShardLocator
{
    /// <summary>Finds the home of a shard and tells it to <paramref name="region"/> as <see cref="ShardHome"/>.</summary>
    void RequestHome(string typeName, string shardId, IActorRef region);
}

/// <summary>Every shard lives on this node.</summary>
public sealed class LocalShardLocator : IShardLocator
{
    public static LocalShardLocator Instance { get; } = new();

    public void RequestHome(string typeName, string shardId, IActorRef region) =>
        region.Tell(new ShardHome(shardId, region), ActorRefs.NoSender);
}
