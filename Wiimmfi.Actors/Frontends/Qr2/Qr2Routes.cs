using Wiimmfi.Actors.Matchmaking;

namespace Wiimmfi.Actors.Frontends.Qr2;

/// <summary>
/// Which game's table each reporting address belongs to. Only heartbeats name their game; keep-alives, challenge
/// responses and acknowledgements carry just the instance key, so the front-end remembers where it sent an
/// address's last heartbeat — routing, like a TCP connection knowing its handler, not game state. The tables keep
/// it honest: a table that removes or refuses a host says so (<see cref="Qr2HostGone"/>) and the route goes.
/// </summary>
internal sealed class Qr2Routes
{
    /// <summary>
    /// Addresses remembered at most: five full tables' worth (<see cref="MatchmakingSettings.MaxHostsPerGame"/>),
    /// a few megabytes. When full, a new address's heartbeats still reach its table, but its other packets are
    /// dropped until a route frees up — a flood of spoofed addresses cannot grow this without end.
    /// </summary>
    public const int MaxRoutes = 262_144;

    private readonly Dictionary<HostAddress, string> _routes = [];

    /// <summary>Routes held.</summary>
    public int Count => _routes.Count;

    /// <summary>The game the address reports, if known.</summary>
    public bool TryGet(HostAddress address, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? game) =>
        _routes.TryGetValue(address, out game);

    /// <summary>
    /// Routes the address to <paramref name="game"/>; returns the game it was routed to before when that was
    /// another one (its table must drop the host), else null.
    /// </summary>
    public string? Set(HostAddress address, string game)
    {
        if (_routes.TryGetValue(address, out var previous))
        {
            if (ReferenceEquals(previous, game) || previous == game)
                return null;
            _routes[address] = game;
            return previous;
        }
        if (_routes.Count < MaxRoutes)
            _routes.Add(address, game);
        return null;
    }

    /// <summary>Forgets the route when it still leads to <paramref name="game"/>.</summary>
    public void Remove(HostAddress address, string game)
    {
        if (_routes.TryGetValue(address, out var current) && current == game)
            _routes.Remove(address);
    }
}
