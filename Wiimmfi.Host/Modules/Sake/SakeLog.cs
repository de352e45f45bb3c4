using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>Log lines of the SAKE service and file server (event ids 7100–7199).</summary>
internal static partial class SakeLog
{
    [LoggerMessage(7100, LogLevel.Debug, "SAKE {Action} game {GameId} table '{TableId}' refused: {Result}")]
    public static partial void Refused(ILogger logger, SakeAction action, int gameId, string tableId, SakeResult result);

    [LoggerMessage(7101, LogLevel.Warning, "SAKE request from {Remote} answered with a SOAP fault: {Reason}")]
    public static partial void Fault(ILogger logger, string? remote, string reason);

    [LoggerMessage(7102, LogLevel.Debug, "SAKE {Action} from {Remote} refused before the service: {Result} ({Detail})")]
    public static partial void ActionError(ILogger logger, SakeAction action, string? remote, SakeResult result, string? detail);

    [LoggerMessage(7103, LogLevel.Error, "SAKE {Action} failed in the store")]
    public static partial void StoreFailed(ILogger logger, Exception exception, SakeAction action);

    [LoggerMessage(7110, LogLevel.Warning, "SAKE file server {Path} from {Remote}: result {Result} ({Detail})")]
    public static partial void FileRefused(ILogger logger, string path, string? remote, int result, string detail);

    [LoggerMessage(7111, LogLevel.Error, "SAKE file server {Path} failed in the store")]
    public static partial void FileStoreFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(7112, LogLevel.Information, "MKW ghost from profile {ProfileId}: course {CourseId}, region {RegionId}, {TimeMs} ms, contest {Contest}: {Outcome}")]
    public static partial void GhostStored(ILogger logger, uint profileId, int courseId, int regionId, int timeMs, bool contest, RaceScoreOutcome outcome);
}
