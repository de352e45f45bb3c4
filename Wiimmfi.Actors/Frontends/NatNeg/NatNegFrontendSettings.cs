using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Actors.Frontends.NatNeg;

/// <summary>
/// What one NATNEG front-end needs: its name (for logs and metrics), the <c>natneg</c> shard region, the node's
/// counters, and its reply queue (delay and capacity, per socket).
/// </summary>
public sealed record NatNegFrontendSettings(
    string Name, IActorRef Sessions, NatNegMetrics Metrics, TimeSpan ReplyDelay, int ReplyQueueCapacity, ILogger Logger);
