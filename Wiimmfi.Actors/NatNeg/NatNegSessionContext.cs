using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>What every negotiation entity of a node shares: the rules' timing, the counters, the open-negotiation limit and a logger.</summary>
public sealed record NatNegSessionContext(NatNegSessionSettings Settings, NatNegMetrics Metrics, NatNegCapacity Capacity, ILogger Logger);
