using System.Collections.Concurrent;

namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>
/// Entry point of sharding for one actor system (<c>ClusterSharding.Get(system)</c>), as in Akka:
/// <see cref="Start(string, Func{string, Props}, ClusterShardingSettings, IMessageExtractor)"/> creates
/// the region of an entity type, <see cref="ShardRegion"/> finds it again. Regions are stopped
/// gracefully (entities get their hand-off message) in the coordinated-shutdown phase
/// <see cref="CoordinatedShutdown.PhaseClusterShardingShutdownRegion"/>.
/// </summary>
public sealed class ClusterSharding
{
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, IActorRef> _regions = new(StringComparer.Ordinal);
    private readonly Lazy<LocalActorRef> _guardian;
    private readonly object _startGate = new();

    private ClusterSharding(ActorSystem system)
    {
        _system = system;
        _guardian = new Lazy<LocalActorRef>(() =>
            (LocalActorRef)system.SystemActorOf(Props.Create(() => new Guardian(SupervisorStrategy.Default)), "sharding"));
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, "stop-shard-regions", StopRegionsAsync);
    }

    /// <summary>The sharding extension of <paramref name="system"/>.</summary>
    public static ClusterSharding Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s => new ClusterSharding(s));
    }

    /// <summary>
    /// Where regions started from now on look for shard homes. Default: <see cref="LocalShardLocator"/>
    /// (single node). The cluster sets its own before starting regions.
    /// </summary>
    public IShardLocator Locator { get; set; } = LocalShardLocator.Instance;

    /// <summary>The entity types with a region.</summary>
    public IReadOnlyCollection<string> ShardTypeNames => [.. _regions.Keys];

    /// <summary>
    /// Starts the region of an entity type (or returns it if it runs already). Entities are made by
    /// <paramref name="entityProps"/>(entityId) on their first message.
    /// </summary>
    public IActorRef Start(string typeName, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(entityProps);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extractor);
        settings.Validate();
        lock (_startGate)
        {
            if (_regions.TryGetValue(typeName, out var existing)) return existing;
            var locator = Locator;
            var region = _guardian.Value.Cell.AttachChild(
                Props.Create(() => new ShardRegion(typeName, entityProps, settings, extractor, locator)),
                EntityNames.Escape(typeName), systemService: false);
            _regions[typeName] = region;
            return region;
        }
    }

    /// <summary>Starts a region with the default <see cref="HashCodeMessageExtractor"/> over <see cref="ClusterShardingSettings.NumberOfShards"/> shards.</summary>
    public IActorRef Start(string typeName, Func<string, Props> entityProps, ClusterShardingSettings settings) =>
        Start(typeName, entityProps, settings, new HashCodeMessageExtractor(settings.NumberOfShards));

    /// <summary>The region of a started entity type.</summary>
    /// <exception cref="ArgumentException">No region was started for <paramref name="typeName"/>.</exception>
    public IActorRef ShardRegion(string typeName) =>
        _regions.TryGetValue(typeName, out var region)
            ? region
            : throw new ArgumentException($"Shard type [{typeName}] must be started first.", nameof(typeName));

    /// <summary>Gracefully stops every region (entities get their hand-off stop message) and waits.</summary>
    public async Task StopRegionsAsync()
    {
        var regions = _regions.Values.ToArray();
        var timeout = _system.CoordinatedShutdown.PhaseTimeout(CoordinatedShutdown.PhaseClusterShardingShutdownRegion);
        await Task.WhenAll(regions.Select(r => r.GracefulStop(timeout, GracefulShutdown.Instance))).ConfigureAwait(false);
    }
}

/// <summary>Sending to an entity through its region.</summary>
public static class ShardRegionExtensions
{
    /// <summary>Sends <paramref name="message"/> to entity <paramref name="entityId"/> through <paramref name="region"/> (wrapped in a <see cref="ShardingEnvelope"/>).</summary>
    public static void Tell(this IActorRef region, string entityId, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        region.Tell(new ShardingEnvelope(entityId, message), sender);
    }
}
