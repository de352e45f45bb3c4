namespace Wiimmfi.Protocols.Race;

// RACE requests, element order as the GameSpy Racing SDK writes them (race.md §2–3).

/// <summary>A parsed RACE request.</summary>
public abstract record RaceRequest(int GameId)
{
    public abstract RaceAction Action { get; }
}

/// <summary>
/// GetTopTenRankings (confirmed), GetTenAboveRankings and GetFriendRankings (SDK, unconfirmed; they
/// add <see cref="ProfileId"/>). All are answered with a ranking list.
/// </summary>
public sealed record RaceRankingsRequest(RaceAction Kind, int GameId, int RegionId, int CourseId, int? ProfileId) : RaceRequest(GameId)
{
    public override RaceAction Action => Kind;
}

/// <summary>GetRegionalData (SDK, unconfirmed). The SDK fills <see cref="RegionId"/> with the game id by mistake.</summary>
public sealed record RaceRegionalDataRequest(int GameId, int RegionId) : RaceRequest(GameId)
{
    public override RaceAction Action => RaceAction.GetRegionalData;
}

/// <summary>GetContestData (SDK, unconfirmed).</summary>
public sealed record RaceContestDataRequest(int GameId, int RegionId, int CourseId) : RaceRequest(GameId)
{
    public override RaceAction Action => RaceAction.GetContestData;
}

/// <summary>SubmitGhost (SDK, unconfirmed): registers a SAKE file as a ghost for a score.</summary>
public sealed record RaceSubmitGhostRequest(int GameId, int RegionId, int CourseId, int ProfileId, int Score, int FileId) : RaceRequest(GameId)
{
    public override RaceAction Action => RaceAction.SubmitGhost;
}

/// <summary>One score of a SubmitScores request.</summary>
/// <param name="Time">Total time in milliseconds.</param>
/// <param name="CourseId">Course or competition id.</param>
/// <param name="PlayerInfo">The 0x50-byte player info.</param>
public sealed record RaceScore(int Time, int CourseId, byte[] PlayerInfo);

/// <summary>SubmitScores (SDK, unconfirmed). <see cref="ScoreMode"/>: 0 all-time, 1 contest.</summary>
public sealed record RaceSubmitScoresRequest(int GameId, int RegionId, int ProfileId, int ScoreMode, IReadOnlyList<RaceScore> Scores) : RaceRequest(GameId)
{
    public override RaceAction Action => RaceAction.SubmitScores;

    /// <summary>Most scores accepted in one request (the SDK sends one per course; MKW has 32).</summary>
    public const int MaxScores = 64;
}
