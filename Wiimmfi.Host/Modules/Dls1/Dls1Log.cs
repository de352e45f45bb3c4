using Microsoft.Extensions.Logging;

namespace Wiimmfi.Host.Modules.Dls1;

/// <summary>Log lines of DLS1 (event ids 7400–7499).</summary>
internal static partial class Dls1Log
{
    [LoggerMessage(7400, LogLevel.Debug, "DLS1 request refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, int status, string reason);
}
