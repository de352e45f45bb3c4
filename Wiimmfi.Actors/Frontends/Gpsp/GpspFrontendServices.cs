using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Frontends.Gpsp;

/// <summary>What every GPSP connection actor of a node shares.</summary>
/// <param name="Store">Profiles and friend lists.</param>
/// <param name="Sessions">The session region, to verify a caller's GPCM session key.</param>
/// <param name="Metrics">Counters.</param>
public sealed record GpspFrontendServices(IWiimmfiStore Store, ConsoleSessionRegion Sessions, GpspMetrics Metrics)
{
    /// <summary>Close a connection that sent nothing for this long (GPSP connections are meant to be short).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on one request's store calls and session check.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
