using Microsoft.Extensions.Logging;

namespace Wiimmfi.Host.Modules.GameStats;

/// <summary>Log lines of HTTP GameStats (event ids 7300–7399).</summary>
internal static partial class GameStatsLog
{
    [LoggerMessage(7300, LogLevel.Debug, "GAMESTATS {Path} refused: {Detail}")]
    public static partial void Refused(ILogger logger, string path, string detail);

    [LoggerMessage(7301, LogLevel.Error, "GAMESTATS {Path} failed in the store")]
    public static partial void Failed(ILogger logger, Exception exception, string path);
}
