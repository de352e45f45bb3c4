namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// Fixed facts about Mario Kart Wii on NWC (game-list.md §4, mkw.md). The secret key itself lives in the game list,
/// not in code.
/// </summary>
public static class MkwFacts
{
    /// <summary>The GameSpy gamename.</summary>
    public const string GameName = "mariokartwii";
    /// <summary>The GameSpy game id (SAKE/RACE <c>gameid</c>).</summary>
    public const int GameId = 1687;
    /// <summary>GP product id sent in the GPCM login.</summary>
    public const int ProductId = 11059;
    /// <summary>GP namespace id.</summary>
    public const int NamespaceId = 16;
    /// <summary>GP partner id.</summary>
    public const int PartnerId = 11;
    /// <summary>GP sdkrevision.</summary>
    public const int SdkRevision = 3;
    /// <summary>DWC matching version (<c>dwc_mver</c>, match command version, <c>GPCM90vMAT</c>).</summary>
    public const uint MatchVersion = 90;
    /// <summary><c>maxplayers</c> MKW reports and filters on: the peers other than the console itself.</summary>
    public const int MaxPeers = 11;
    /// <summary>Players in a room (2 per console with split screen).</summary>
    public const int MaxRoomPlayers = 12;
    /// <summary>Hosts a search asks for (NitroDWC's DWC_SB_UPDATE_MAX_SERVERS).</summary>
    public const int SearchResultLimit = 6;
    /// <summary>Friend-code game id (gsbrcd prefix) for every region.</summary>
    public const string FriendCodeGameId = "RMCJ";
    /// <summary>Disc game codes (NAS <c>gamecd</c>): US, EU, JP, KR.</summary>
    public static IReadOnlyList<string> DiscGameCodes { get; } = ["RMCE", "RMCP", "RMCJ", "RMCK"];
}
