using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Actors.Frontends.Gpcm;

/// <summary>What every GPCM connection actor of a node shares.</summary>
/// <param name="Store">Tokens, profiles, bans, consoles and the login log.</param>
/// <param name="Sessions">The session shard region.</param>
/// <param name="Games">The game list (unknown or disabled games are refused).</param>
/// <param name="Tickets">Issues the login ticket (<c>lt</c>) SAKE later checks.</param>
/// <param name="Metrics">Counters.</param>
/// <param name="Time">The node's clock.</param>
public sealed record GpcmFrontendServices(
    IWiimmfiStore Store,
    ConsoleSessionRegion Sessions,
    GameListProvider Games,
    GpcmLoginTicketCodec Tickets,
    GpcmMetrics Metrics,
    TimeProvider Time)
{
    /// <summary>Send <c>\ka\</c> to a console that has been quiet this long (keeps NAT mappings open).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Close a connection that sent nothing for this long; the console counts as logged out.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bound on a whole login (token, profile, ban check, session); past it the console gets error 256.</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Bound on asking a friend's session for its presence (<c>\getprofile\</c>); past it the location is left empty.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(3);
}
