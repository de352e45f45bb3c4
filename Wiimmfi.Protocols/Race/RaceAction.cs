namespace Wiimmfi.Protocols.Race;

/// <summary>
/// RACE SOAP actions. Only <see cref="GetTopTenRankings"/> is confirmed for Mario Kart Wii; the
/// others are the GameSpy Racing SDK's and unconfirmed (race.md §3). Frozen numbers; append only.
/// </summary>
public enum RaceAction
{
    GetTopTenRankings = 1,
    GetRegionalData = 2,
    GetContestData = 3,
    SubmitScores = 4,
    SubmitGhost = 5,
    GetTenAboveRankings = 6,
    GetFriendRankings = 7,
}
