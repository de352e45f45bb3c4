using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Frontends.ServerBrowser;

/// <summary>Log entries of the server-browser (MS) connections, with stable event ids (5100–5199).</summary>
internal static partial class ServerBrowserLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "MS {Remote}: request refused: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "MS {Remote}: game '{Game}' refused: {Reason}")]
    public static partial void GameRefused(ILogger logger, string remote, string game, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "MS {Remote}: closing: {Reason}")]
    public static partial void Closing(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "MS {Remote}: the table of '{Game}' did not answer within {Timeout}; answered with an empty list")]
    public static partial void QueryTimedOut(ILogger logger, string remote, string game, TimeSpan timeout);
}
