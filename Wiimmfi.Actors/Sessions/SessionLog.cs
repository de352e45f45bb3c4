using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Sessions;

/// <summary>Log entries of the console sessions (event ids 4080–4099).</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 4080, Level = LogLevel.Information, Message = "Profile {ProfileId} ({FriendCode}) online in {Game} from {Ip}")]
    public static partial void LoggedIn(ILogger logger, uint profileId, string friendCode, string game, string? ip);

    [LoggerMessage(EventId = 4081, Level = LogLevel.Information, Message = "Profile {ProfileId} offline: {Reason}")]
    public static partial void LoggedOut(ILogger logger, uint profileId, string reason);

    [LoggerMessage(EventId = 4082, Level = LogLevel.Information, Message = "Profile {ProfileId} logged in again; the older connection is disconnected")]
    public static partial void Replaced(ILogger logger, uint profileId);

    [LoggerMessage(EventId = 4083, Level = LogLevel.Warning, Message = "Profile {ProfileId} kicked (GP error {Code}): {Reason}")]
    public static partial void Kicked(ILogger logger, uint profileId, int code, string reason);

    [LoggerMessage(EventId = 4084, Level = LogLevel.Warning, Message = "Store call {Operation} of profile {ProfileId} failed")]
    public static partial void StoreFailed(ILogger logger, string operation, uint profileId, Exception exception);

    [LoggerMessage(EventId = 4085, Level = LogLevel.Information, Message = "Profile {ProfileId} recovered from the journal as online on an earlier process's connection: dormant (status {Status}) until that connection comes back")]
    public static partial void RecoveredDormant(ILogger logger, uint profileId, int status);

    [LoggerMessage(EventId = 4086, Level = LogLevel.Information, Message = "Profile {ProfileId} resumed by its connection after a smart restart (status {Status})")]
    public static partial void Resumed(ILogger logger, uint profileId, int status);
}
