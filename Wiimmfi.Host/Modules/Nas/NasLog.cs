using System.Net;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>Log entries of the NAS service (event ids 4000–4029).</summary>
internal static partial class NasLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "NAS {Remote}: bad request ({Kind}): {Detail}")]
    public static partial void BadRequest(ILogger logger, IPAddress? remote, string kind, string detail);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "NAS {Action} from {Remote} refused with returncd {Code}: {Reason}")]
    public static partial void Refused(ILogger logger, string action, IPAddress? remote, string code, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "NAS request from {Remote} failed on the store")]
    public static partial void StoreFailed(ILogger logger, IPAddress? remote, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "NAS profile {ProfileId} created for user {UserId} ({Gsbrcd})")]
    public static partial void ProfileCreated(ILogger logger, uint profileId, long userId, string gsbrcd);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "NAS profanity file {Path} could not be read: {Error}")]
    public static partial void ProfanityFileUnreadable(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "NAS token purge removed {Count} expired tokens")]
    public static partial void TokensPurged(ILogger logger, int count);
}
