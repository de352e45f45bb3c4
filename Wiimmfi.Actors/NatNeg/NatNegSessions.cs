using System.Globalization;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>The <c>natneg</c> shard region: one <see cref="NatNegSession"/> entity per cookie.</summary>
public static class NatNegSessions
{
    /// <summary>The entity type name (region <c>/system/sharding/natneg</c>, management <c>/cluster/shards/natneg</c>).</summary>
    public const string TypeName = "natneg";

    /// <summary>The entity id of a cookie: its decimal value, as every node computes it.</summary>
    public static string EntityIdOf(uint cookie) => cookie.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts the region (or returns it when it runs already). Idle passivation is only a safety net: an entity
    /// passivates itself when its negotiation closes, which is never later than the session timeout plus the
    /// report wait.
    /// </summary>
    public static IActorRef StartRegion(ActorSystem system, NatNegSessionContext context, ClusterShardingSettings? sharding = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(context);
        context.Settings.Validate();
        var settings = (sharding ?? ClusterShardingSettings.Default) with
        {
            PassivateIdleEntityAfter = context.Settings.SessionTimeout + context.Settings.ReportWait + TimeSpan.FromMinutes(1),
        };
        return ClusterSharding.Get(system).Start(TypeName, entityId => Props.Create(() => new NatNegSession(entityId, context)), settings);
    }
}
