namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>Settings of one sharded entity type (immutable; copy with <c>with</c>). Bound from <c>wiimmfi.sharding</c>.</summary>
public sealed record ClusterShardingSettings
{
    public static ClusterShardingSettings Default { get; } = new();

    /// <summary>Shards per entity type, for the default extractor. <value>100</value> (ten per node up to ten nodes).</summary>
    public int NumberOfShards { get; init; } = 100;

    /// <summary>
    /// An entity that received no message through sharding for this long is passivated (stopped with
    /// <see cref="HandOffStopMessage"/>); null turns it off. <value>2 min</value> as in Akka.
    /// </summary>
    public TimeSpan? PassivateIdleEntityAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>What an entity receives when it is passivated for idleness or handed off. <value>PoisonPill</value>.</summary>
    public object HandOffStopMessage { get; init; } = PoisonPill.Instance;

    /// <summary>
    /// Most messages buffered by a region for shards whose home is being located, and by a shard for one
    /// passivating entity; beyond it messages become dead letters. <value>100,000</value> as in Akka.
    /// </summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>How long a graceful region stop waits for entities before stopping them outright. <value>60 s</value>.</summary>
    public TimeSpan HandOffTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a region waits for its shards when answering state and statistics queries. <value>5 s</value>.</summary>
    public TimeSpan ShardStateTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(NumberOfShards, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, 1);
        ArgumentNullException.ThrowIfNull(HandOffStopMessage);
        if (PassivateIdleEntityAfter is { } idle && idle <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(PassivateIdleEntityAfter), "must be positive (or null to turn it off)");
    }
}
