using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Moderation;

/// <summary>Log entries of moderation (event ids 4100–4119).</summary>
internal static partial class ModerationLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Moderation: {Operator} kicked profile {ProfileId}: {Reason}")]
    public static partial void Kicked(ILogger logger, uint profileId, string @operator, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Moderation: {Operator} issued ban {BanId} ({Reason}); {Kicked} online sessions kicked")]
    public static partial void Banned(ILogger logger, long banId, string @operator, string reason, int kicked);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Moderation: {Operator} lifted ban {BanId}")]
    public static partial void Unbanned(ILogger logger, long banId, string @operator);
}
