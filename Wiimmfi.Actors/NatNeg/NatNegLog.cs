using Microsoft.Extensions.Logging;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>The NATNEG log entries, with stable event ids (6000–6099). Per-packet entries are Debug, so they cost nothing unless enabled.</summary>
internal static partial class NatNegLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "NATNEG {Cookie:x8}: opened (version {Version}, game '{GameName}')")]
    public static partial void Opened(ILogger logger, uint cookie, byte version, string gameName);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "NATNEG {Cookie:x8}: both consoles known, CONNECT round {Round} sent")]
    public static partial void ConnectsSent(ILogger logger, uint cookie, int round);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "NATNEG {Cookie:x8}: closed ({Reason}) after {Phase}")]
    public static partial void Closed(ILogger logger, uint cookie, NatNegCloseReason reason, NatNegPhase phase);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "NATNEG: {Open} negotiations open (the limit, wiimmfi.natneg.max-open-negotiations); new cookies are refused ({Rejected} so far)")]
    public static partial void AtCapacity(ILogger logger, int open, long rejected);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Debug, Message = "NATNEG {Cookie:x8}: {MessageType} ignored ({Reason})")]
    public static partial void Ignored(ILogger logger, uint cookie, string messageType, NatNegIgnoredReason reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "NATNEG: entity id '{EntityId}' is not a cookie; stopping it")]
    public static partial void BadEntityId(ILogger logger, string entityId);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Debug, Message = "NATNEG {Instance}: malformed datagram ({Length} bytes) from {Source}: {Reason}")]
    public static partial void Malformed(ILogger logger, string instance, int length, System.Net.IPEndPoint source, NatNegRejectReason reason);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "NATNEG {Instance}: {Type} from {Source} ignored ({Reason})")]
    public static partial void PacketIgnored(ILogger logger, string instance, NatNegPacketType type, System.Net.IPEndPoint source, NatNegIgnoredReason reason);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Debug, Message = "NATNEG {Instance}: reply queue full ({Capacity}); oldest reply sent early")]
    public static partial void QueueOverflow(ILogger logger, string instance, int capacity);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Debug, Message = "NATNEG {Instance}: NATIFY port type {PortType} from {Source} left unanswered (no socket can send it truthfully)")]
    public static partial void NatifyUnanswerable(ILogger logger, string instance, NatNegPortType portType, System.Net.IPEndPoint source);

    [LoggerMessage(EventId = 6015, Level = LogLevel.Error, Message = "NATNEG {Instance}: handling a datagram ({Length} bytes) from {Source} failed; it was dropped")]
    public static partial void DatagramFailed(ILogger logger, string instance, int length, System.Net.IPEndPoint source, Exception exception);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Warning, Message = "NATNEG {Instance}: cannot send to {Target}: the socket is not bound yet")]
    public static partial void NotBound(ILogger logger, string instance, System.Net.IPEndPoint target);

    [LoggerMessage(EventId = 6016, Level = LogLevel.Information, Message = "NATNEG negotiation {Cookie} recovered from the journal in phase {Phase}")]
    public static partial void Recovered(ILogger logger, uint cookie, NatNegPhase phase);
}
