using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Sessions;

/// <summary>What every console session entity of a node shares.</summary>
/// <param name="Store">Friend lists and profiles.</param>
/// <param name="Directory">The node's read model of online sessions.</param>
/// <param name="Metrics">Counters.</param>
/// <param name="Time">The node's clock.</param>
public sealed record ConsoleSessionServices(IWiimmfiStore Store, OnlineSessionDirectory Directory, SessionMetrics Metrics, TimeProvider Time)
{
    /// <summary>
    /// How long an offline session entity stays after its last message before it passivates. Entities of
    /// offline profiles are started by friends' notices and queries; they have nothing to keep.
    /// </summary>
    public TimeSpan OfflineLinger { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on one store call of a session (the store's own busy timeout is longer; a login should fail sooner).</summary>
    public TimeSpan StoreTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
