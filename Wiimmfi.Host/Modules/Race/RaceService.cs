using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Race;
using Wiimmfi.Protocols.Sake.Files;

namespace Wiimmfi.Host.Modules.Race;

/// <summary>
/// What the RACE actions mean (race.md §2–3), between a parsed request and the response bytes.
/// </summary>
/// <remarks>
/// <para>Rankings come from the score store, which SAKE ghost uploads and <c>SubmitScores</c> fill with the best time
/// per player and course; competitions rank under their own id (32–32767) like a course. Every ranking entry's
/// player info is served with the Mii's personal data removed (race.md §2 step 4).</para>
/// <para>Only <c>GetTopTenRankings</c> is confirmed for Mario Kart Wii. The GameSpy Racing SDK's other actions are
/// answered in the SDK's shapes with these readings, none confirmed against MKW traffic:
/// <c>GetTenAboveRankings</c> = up to ten entries ending with the player's own; <c>GetFriendRankings</c> = the player
/// and its mutual friends, ranked among themselves; <c>GetRegionalData</c> = the eight region names;
/// <c>GetContestData</c> = the running competition's title, no ghosts; <c>SubmitScores</c> = store each score (scoremode 1
/// needs competition ids); <c>SubmitGhost</c> = make a file uploaded through <c>upload.aspx</c> the player's ghost.
/// RACE carries no login ticket, so a submission must at least name an existing profile.</para>
/// </remarks>
public sealed class RaceService(IWiimmfiStore store, TimeProvider time, ILogger logger)
{
    /// <summary>Region names for GetRegionalData, by region id.</summary>
    public static IReadOnlyList<string> RegionNames { get; } =
        ["Worldwide", "Japan", "United States", "Europe", "Australia", "Taiwan", "Korea", "China"];

    /// <summary>The answer to a parsed request, and whether it was refused (for the counters).</summary>
    public async Task<(byte[] Body, bool Refused)> HandleAsync(RaceRequest request, CancellationToken cancellationToken)
    {
        switch (request)
        {
            case RaceRankingsRequest rankings:
                return (RaceResponseWriter.WriteRankings(await RankingsAsync(rankings, cancellationToken).ConfigureAwait(false)), false);
            case RaceRegionalDataRequest:
                return (RaceResponseWriter.WriteRegionalData(RaceResponseCode.Success,
                    [.. RegionNames.Select((name, id) => new RaceRegion(id, name))]), false);
            case RaceContestDataRequest:
                var active = await store.Race.GetActiveCompetitionAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return (RaceResponseWriter.WriteContestData(RaceResponseCode.Success, active?.Info.Title ?? "", "", []), false);
            case RaceSubmitScoresRequest submit:
                var scoresCode = await SubmitScoresAsync(submit, cancellationToken).ConfigureAwait(false);
                return (RaceResponseWriter.WriteSubmitScores(scoresCode), scoresCode != RaceResponseCode.Success);
            case RaceSubmitGhostRequest ghost:
                var ghostCode = await SubmitGhostAsync(ghost, cancellationToken).ConfigureAwait(false);
                return (RaceResponseWriter.WriteSubmitGhost(ghostCode), ghostCode != RaceResponseCode.Success);
            default:
                return (RaceResponseWriter.WriteUnknownAction(), true);
        }
    }

    private async Task<RaceRankingResponse> RankingsAsync(RaceRankingsRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<RaceScoreEntry> entries;
        var firstRank = 1;
        switch (request.Kind)
        {
            case RaceAction.GetTenAboveRankings:
                var mine = await store.Race.FindScoreAsync(request.CourseId, request.RegionId, (uint)request.ProfileId!.Value, cancellationToken).ConfigureAwait(false);
                if (mine is not { } found)
                {
                    return new RaceRankingResponse(RaceResponseCode.Success, []);
                }
                var skip = Math.Max(0, found.Faster - (RaceWire.TopTenSize - 1));
                entries = await store.Race.RangeAsync(request.CourseId, request.RegionId, skip, found.Faster - skip + 1, cancellationToken).ConfigureAwait(false);
                firstRank = skip + 1;
                break;
            case RaceAction.GetFriendRankings:
                var player = (uint)request.ProfileId!.Value;
                var friends = await store.Friends.ListMutualAsync(player, cancellationToken).ConfigureAwait(false);
                entries = await store.Race.AmongAsync(request.CourseId, request.RegionId, [player, .. friends], RaceWire.TopTenSize, cancellationToken).ConfigureAwait(false);
                break;
            default:
                entries = await store.Race.TopAsync(request.CourseId, request.RegionId, RaceWire.TopTenSize, cancellationToken).ConfigureAwait(false);
                break;
        }
        var ranked = new List<RaceRankingEntry>(entries.Count);
        foreach (var entry in entries)
        {
            ranked.Add(new RaceRankingEntry(unchecked((int)entry.ProfileId), firstRank + ranked.Count, entry.TimeMs, ServedPlayerInfo(entry.PlayerInfo)));
        }
        return new RaceRankingResponse(RaceResponseCode.Success, ranked);
    }

    /// <summary>The player info as others see it: a valid Mii loses its personal data; anything else is served as stored.</summary>
    private static byte[] ServedPlayerInfo(byte[] stored) =>
        stored.Length == MkwPlayerInfo.Size && MiiData.HasValidCrc(stored.AsSpan(0, MiiData.Size)) ? MkwPlayerInfo.WithoutPersonalData(stored) : stored;

    private async Task<RaceResponseCode> SubmitScoresAsync(RaceSubmitScoresRequest request, CancellationToken cancellationToken)
    {
        foreach (var score in request.Scores)
        {
            if (!MkwPlayerInfo.IsValid(score.PlayerInfo) || (request.ScoreMode == 1) == MkwCourses.IsStandardCourse(score.CourseId))
            {
                RaceLog.Refused(logger, request.Action, $"score for course {score.CourseId}: bad player info or course for score mode {request.ScoreMode}");
                return RaceResponseCode.InvalidParameters;
            }
        }
        if (await store.Profiles.GetAsync((uint)request.ProfileId, cancellationToken).ConfigureAwait(false) is null)
        {
            RaceLog.Refused(logger, request.Action, $"unknown profile {request.ProfileId}");
            return RaceResponseCode.InvalidParameters;
        }
        foreach (var score in request.Scores)
        {
            var outcome = await store.Race.SubmitScoreAsync(new RaceNewScore(score.CourseId, (uint)request.ProfileId, request.RegionId, score.Time,
                score.PlayerInfo, null), cancellationToken).ConfigureAwait(false);
            RaceLog.ScoreStored(logger, (uint)request.ProfileId, score.CourseId, score.Time, outcome);
        }
        return RaceResponseCode.Success;
    }

    private async Task<RaceResponseCode> SubmitGhostAsync(RaceSubmitGhostRequest request, CancellationToken cancellationToken)
    {
        if (!MkwCourses.IsStandardCourse(request.CourseId) || request.RegionId == 0)
        {
            return RaceResponseCode.InvalidParameters;
        }
        var file = await store.Sake.DownloadFileAsync(request.FileId, cancellationToken).ConfigureAwait(false);
        if (file is null || file.OwnerId != (uint)request.ProfileId || file.GameId != RaceWire.MarioKartWiiGameId
            || RkgdGhost.Validate(file.Content, request.CourseId, request.Score) != RkgdProblem.None)
        {
            RaceLog.Refused(logger, request.Action, $"file {request.FileId} is not a valid ghost of profile {request.ProfileId}");
            return RaceResponseCode.InvalidParameters;
        }
        var ghost = file.Content;
        RkgdGhost.RemovePersonalData(ghost);
        var outcome = await store.Race.SubmitScoreAsync(new RaceNewScore(request.CourseId, (uint)request.ProfileId, request.RegionId, request.Score,
            PlayerInfoOf(ghost), ghost), cancellationToken).ConfigureAwait(false);
        RaceLog.ScoreStored(logger, (uint)request.ProfileId, request.CourseId, request.Score, outcome);
        return RaceResponseCode.Success;
    }

    /// <summary>A player info made from a ghost: its Mii, controller, and the country (0x34) and state (0x35) it records.</summary>
    private static byte[] PlayerInfoOf(byte[] ghost)
    {
        var info = new byte[MkwPlayerInfo.Size];
        ghost.AsSpan(RkgdGhost.MiiOffset, MiiData.Size).CopyTo(info);
        info[MkwPlayerInfo.ControllerIdOffset] = (byte)RkgdGhost.GetController(ghost);
        info[0x4E] = ghost[0x35];
        info[0x4F] = ghost[0x34];
        return info;
    }
}
