namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// The status code of <c>\status\&lt;code&gt;</c> and of <c>|s|&lt;code&gt;</c> in status text
/// (DWC_STATUS_*). Frozen wire numbers; other values may arrive and are passed on.
/// </summary>
public enum DwcStatus
{
    /// <summary>Offline.</summary>
    Offline = 0,
    /// <summary>Online, logged in.</summary>
    Online = 1,
    /// <summary>Playing.</summary>
    Playing = 2,
    /// <summary>Matchmaking with anybody (worldwide or regional search).</summary>
    MatchAnybody = 3,
    /// <summary>Matchmaking with friends.</summary>
    MatchFriend = 4,
    /// <summary>Server–client matchmaking, client side (joined a friend room).</summary>
    MatchServerClientClient = 5,
    /// <summary>Server–client matchmaking, server side (hosting a friend room).</summary>
    MatchServerClientServer = 6,
}
