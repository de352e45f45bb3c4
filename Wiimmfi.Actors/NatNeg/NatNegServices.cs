using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// The NATNEG part of a running node, registered in the node's services for whoever needs it (the management
/// API, the room model): the <c>natneg</c> region, the counters, the open-negotiation limit and the sockets.
/// </summary>
public sealed record NatNegServices(
    IActorRef Sessions, NatNegMetrics Metrics, NatNegCapacity Capacity, IReadOnlyList<NatNegInstance> Instances,
    TimeSpan ReplyDelay, int ReplyQueueCapacity);
