namespace Wiimmfi.Protocols.GameStats;

// Client commands of the TCP GameStats server (gamestats.md §2.2).

/// <summary>A recognised client command.</summary>
public abstract record GameStatsRequest
{
    /// <summary>The command name on the wire.</summary>
    public abstract string Command { get; }
}

/// <summary><c>\auth\\gamename\…</c>: game authentication. Only <see cref="GameName"/> is used by the references.</summary>
/// <param name="Response">The client's response hash, unverified by any reference.</param>
public sealed record GameStatsAuthRequest(string GameName, string? Response, string? Id) : GameStatsRequest
{
    public override string Command => "auth";
}

/// <summary><c>\authp\\authtoken\…\lid\n</c>: player authentication with the NAS token.</summary>
/// <param name="Lid">Local id echoed in the answer; empty when absent.</param>
public sealed record GameStatsAuthPlayerRequest(string AuthToken, string Lid, string? Response) : GameStatsRequest
{
    public override string Command => "authp";
}

/// <summary><c>\getpd\</c>: read a player's stored data.</summary>
/// <param name="ProfileId">Whose data.</param>
/// <param name="PType">Persistence type (the storage key with <see cref="DIndex"/>).</param>
/// <param name="DIndex">Data index.</param>
/// <param name="Keys">Requested keys (split on byte 0x01); empty = all.</param>
public sealed record GameStatsGetPdRequest(int ProfileId, string PType, string DIndex, IReadOnlyList<string> Keys, string Lid) : GameStatsRequest
{
    public override string Command => "getpd";
}

/// <summary><c>\setpd\</c>: store the authenticated player's data.</summary>
/// <param name="Kv">1 when <see cref="Data"/> is a <c>\key\value</c> string.</param>
/// <param name="Data">The data, trailing NUL removed.</param>
public sealed record GameStatsSetPdRequest(int ProfileId, string PType, string DIndex, string Kv, string Lid, string Data) : GameStatsRequest
{
    public override string Command => "setpd";
}

/// <summary><c>\ka\\final\</c>: keep-alive.</summary>
public sealed record GameStatsKeepAliveRequest : GameStatsRequest
{
    public static GameStatsKeepAliveRequest Instance { get; } = new();

    public override string Command => "ka";
}

/// <summary><c>newgame</c>, <c>updgame</c> and anything else: accepted and ignored (AltWFC).</summary>
public sealed record GameStatsOtherRequest(GameStatsMessage Message) : GameStatsRequest
{
    public override string Command => Message.Command;
}
