using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>Log messages of persistence, with stable event ids (8000-8099).</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Error,
        Message = "Persist failed for [{PersistenceId}] event {EventType} #{SequenceNr}; stopping the actor (the write may or may not have landed; its next incarnation recovers from the journal)")]
    public static partial void PersistFailed(ILogger logger, string persistenceId, string eventType, long sequenceNr, Exception cause);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning,
        Message = "Persist rejected for [{PersistenceId}] event {EventType} #{SequenceNr}: it was not written and its handler not called; the actor goes on")]
    public static partial void PersistRejected(ILogger logger, string persistenceId, string eventType, long sequenceNr, Exception cause);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Error,
        Message = "Recovery of [{PersistenceId}] failed at {EventType}; stopping the actor")]
    public static partial void RecoveryFailed(ILogger logger, string persistenceId, string eventType, Exception cause);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning,
        Message = "Journal write of {Requests} requests ({Events} events) failed")]
    public static partial void BatchFailed(ILogger logger, int requests, int events, Exception cause);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Error, Message = "A journal write completion failed")]
    public static partial void CompletionFailed(ILogger logger, Exception cause);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Warning, Message = "Saving a snapshot of [{PersistenceId}] at #{SequenceNr} failed")]
    public static partial void SnapshotSaveFailed(ILogger logger, string persistenceId, long sequenceNr, Exception cause);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Warning, Message = "Deleting events of [{PersistenceId}] up to #{ToSequenceNr} failed")]
    public static partial void DeleteMessagesFailed(ILogger logger, string persistenceId, long toSequenceNr, Exception cause);

    [LoggerMessage(EventId = 8008, Level = LogLevel.Warning, Message = "Recovery of [{PersistenceId}] found no handler for {EventType}; the event is skipped")]
    public static partial void RecoveryUnhandled(ILogger logger, string persistenceId, string eventType);

    [LoggerMessage(EventId = 8009, Level = LogLevel.Information,
        Message = "Persistence started: journal {Journal}, {Parallelism} writer(s), batches up to {BatchSize} events, {MaxRecoveries} concurrent recoveries")]
    public static partial void Started(ILogger logger, string journal, int parallelism, int batchSize, int maxRecoveries);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Warning, Message = "Deleting snapshots of [{PersistenceId}] failed")]
    public static partial void DeleteSnapshotsFailed(ILogger logger, string persistenceId, Exception cause);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Information,
        Message = "Journal fenced: writes accepted so far are being flushed, every later write, snapshot or deletion is refused (smart restart)")]
    public static partial void Fenced(ILogger logger);
}
