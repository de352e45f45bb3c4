using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Race;

namespace Wiimmfi.Host.Modules.Race;

/// <summary>Log lines of RACE and competitions (event ids 7200–7299).</summary>
internal static partial class RaceLog
{
    [LoggerMessage(7200, LogLevel.Debug, "RACE {Action} refused: {Detail}")]
    public static partial void Refused(ILogger logger, RaceAction action, string detail);

    [LoggerMessage(7201, LogLevel.Warning, "RACE request from {Remote} unreadable ({Code}): {Detail}")]
    public static partial void Unreadable(ILogger logger, string? remote, RaceResponseCode code, string? detail);

    [LoggerMessage(7202, LogLevel.Warning, "RACE unknown action '{ActionName}' from {Remote}; body: {Body}")]
    public static partial void UnknownAction(ILogger logger, string? actionName, string? remote, string body);

    [LoggerMessage(7203, LogLevel.Error, "RACE request failed in the store")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(7204, LogLevel.Information, "RACE score from profile {ProfileId}: course {CourseId}, {TimeMs} ms: {Outcome}")]
    public static partial void ScoreStored(ILogger logger, uint profileId, int courseId, int timeMs, RaceScoreOutcome outcome);

    [LoggerMessage(7210, LogLevel.Information, "Competition {CompetitionId} '{Title}' uploaded ({Size} bytes, {Starts:u} to {Ends:u})")]
    public static partial void CompetitionUploaded(ILogger logger, int competitionId, string title, int size, DateTimeOffset starts, DateTimeOffset ends);

    [LoggerMessage(7211, LogLevel.Information, "Competition {CompetitionId} published")]
    public static partial void CompetitionPublished(ILogger logger, int competitionId);
}
