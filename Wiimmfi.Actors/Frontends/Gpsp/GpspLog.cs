using System.Net;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Frontends.Gpsp;

/// <summary>Log entries of the GPSP front-end (event ids 4070–4079).</summary>
internal static partial class GpspLog
{
    [LoggerMessage(EventId = 4070, Level = LogLevel.Debug, Message = "GPSP {Remote}: bad input ({Kind}): {Detail}")]
    public static partial void BadInput(ILogger logger, IPEndPoint? remote, string kind, string detail);

    [LoggerMessage(EventId = 4071, Level = LogLevel.Warning, Message = "GPSP {Remote}: {Command} failed on the store")]
    public static partial void StoreFailed(ILogger logger, IPEndPoint? remote, string command, Exception exception);
}
