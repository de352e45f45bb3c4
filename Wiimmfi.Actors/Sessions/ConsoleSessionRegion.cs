using System.Globalization;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// The <c>session</c> shard region (entity id = profile id) and what the rest of the node needs to
/// talk to it: GPCM tells it the consoles' commands, GPSP verifies session keys, moderation kicks.
/// </summary>
public sealed class ConsoleSessionRegion
{
    /// <summary>The entity type name of the region.</summary>
    public const string TypeName = "session";

    private ConsoleSessionRegion(IActorRef region, ConsoleSessionServices services)
    {
        Region = region;
        Services = services;
    }

    /// <summary>The region: tell it any <see cref="SessionMessage"/>.</summary>
    public IActorRef Region { get; }

    /// <summary>The services the entities share (directory, metrics, store).</summary>
    public ConsoleSessionServices Services { get; }

    /// <summary>The node's online sessions.</summary>
    public OnlineSessionDirectory Directory => Services.Directory;

    /// <summary>Counters.</summary>
    public SessionMetrics Metrics => Services.Metrics;

    /// <summary>
    /// Starts the region. Idle passivation is turned off for sessions (an online console may be quiet
    /// for minutes); offline entities passivate themselves.
    /// </summary>
    public static ConsoleSessionRegion Start(ActorSystem system, ConsoleSessionServices services, ClusterShardingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(services);
        // One factory for every session: each entity's Props then holds only its id.
        Func<string, ConsoleSession> newSession = entityId => new ConsoleSession(uint.Parse(entityId, NumberStyles.None, CultureInfo.InvariantCulture), services);
        var region = ClusterSharding.Get(system).Start(
            TypeName,
            entityId => Props.Create(newSession, entityId),
            settings with { PassivateIdleEntityAfter = null },
            new HashCodeMessageExtractor(settings.NumberOfShards));
        return new ConsoleSessionRegion(region, services);
    }

    /// <summary>Kicks a profile wherever its session lives; true when it was online.</summary>
    public async Task<bool> KickAsync(uint profileId, int code, string reason, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var answer = await Region.Ask<KickAnswer>(new KickSession(profileId, code, reason), timeout, cancellationToken).ConfigureAwait(false);
        return answer.WasOnline;
    }
}
