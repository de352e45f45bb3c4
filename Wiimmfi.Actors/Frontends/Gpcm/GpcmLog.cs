using System.Net;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Frontends.Gpcm;

/// <summary>Log entries of the GPCM front-end (event ids 4030–4069).</summary>
internal static partial class GpcmLog
{
    [LoggerMessage(EventId = 4030, Level = LogLevel.Information, Message = "GPCM login refused from {Remote}: GP error {Code} ({Reason})")]
    public static partial void LoginRefused(ILogger logger, IPEndPoint? remote, int code, string reason);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Debug, Message = "GPCM {Remote}: bad input ({Kind}): {Detail}")]
    public static partial void BadInput(ILogger logger, IPEndPoint? remote, string kind, string detail);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Warning, Message = "GPCM login from {Remote} failed on the store")]
    public static partial void StoreFailed(ILogger logger, IPEndPoint? remote, Exception exception);

    [LoggerMessage(EventId = 4033, Level = LogLevel.Debug, Message = "GPCM {Remote}: closing after {Idle} without input")]
    public static partial void IdleClose(ILogger logger, IPEndPoint? remote, TimeSpan idle);

    [LoggerMessage(EventId = 4034, Level = LogLevel.Warning, Message = "GPCM login from {Remote}: the login log could not be written")]
    public static partial void LoginLogFailed(ILogger logger, IPEndPoint? remote, Exception exception);
}
