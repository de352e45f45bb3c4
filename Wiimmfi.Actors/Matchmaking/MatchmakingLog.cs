using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>Log entries of MASTER (QR2) and the matchmaking tables, with stable event ids (5000–5099).</summary>
internal static partial class MatchmakingLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "QR2 datagram from {Remote} refused: {Reason}")]
    public static partial void DatagramRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "QR2 {Packet} from {Remote} for game '{Game}' refused: {Reason}")]
    public static partial void GameRefused(ILogger logger, string packet, string remote, string game, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Table {Game}: host {Address} registered, challenge sent")]
    public static partial void HostRegistered(ILogger logger, string game, HostAddress address);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Table {Game}: host {Address} answered its challenge and is listed")]
    public static partial void HostAuthenticated(ILogger logger, string game, HostAddress address);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Table {Game}: host {Address} sent a wrong challenge response; it stays unlisted")]
    public static partial void ChallengeFailed(ILogger logger, string game, HostAddress address);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Table {Game}: host {Address} removed ({Reason})")]
    public static partial void HostRemoved(ILogger logger, string game, HostAddress address, HostRemovalReason reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Table {Game} is full ({Hosts} hosts, {Pending} unauthenticated): new hosts are dropped")]
    public static partial void TableFull(ILogger logger, string game, int hosts, int pending);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Table {Game}: heartbeat from {Address} refused: {Reason}")]
    public static partial void HeartbeatRefused(ILogger logger, string game, HostAddress address, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "Table {Game}: relay to {Target} refused: {Reason}")]
    public static partial void RelayRefused(ILogger logger, string game, HostAddress target, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Table {Game}: host {Target} did not acknowledge a client message after {Attempts} sends; given up")]
    public static partial void RelayGivenUp(ILogger logger, string game, HostAddress target, int attempts);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Table {Game}: the game's secret key cannot check challenge responses: {Reason}")]
    public static partial void SecretKeyUnusable(ILogger logger, string game, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Debug, Message = "Table {Game}: filter refused: {Reason}")]
    public static partial void FilterRefused(ILogger logger, string game, string reason);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Table {Game}: recovered {Hosts} hosts ({Pending} pending) from the journal up to #{SequenceNr}; each is listed until it expires unless it reports again")]
    public static partial void TableRecovered(ILogger logger, string game, int hosts, int pending, long sequenceNr);
}
