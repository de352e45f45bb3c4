using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime;

/// <summary>INTERNAL API. The runtime's log entries, with stable event ids (1000–1099).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Actor {Path} failed while processing {MessageType}; supervisor decided {Directive}")]
    public static partial void ActorFailed(ILogger logger, ActorPath path, string messageType, Directive directive, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Actor {Path} failed while stopping")]
    public static partial void FailureWhileStopping(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Actor {Path} failed again while waiting for its supervisor")]
    public static partial void FailureWhileFailed(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "The supervisor decider of {Path} threw; escalating")]
    public static partial void DeciderFailed(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "{Hook} of actor {Path} threw")]
    public static partial void HookFailed(ILogger logger, ActorPath path, string hook, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Critical, Message = "Mailbox run of {Path} failed inside the runtime")]
    public static partial void MailboxRunFailed(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Dead letter: {MessageType} from {Sender} to {Recipient} ({Count} of {Limit} logged)")]
    public static partial void DeadLetter(ILogger logger, string messageType, ActorPath sender, ActorPath recipient, int count, int limit);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Dead-letter logging paused for {Duration}")]
    public static partial void DeadLettersSuppressed(ILogger logger, TimeSpan duration);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug, Message = "Unhandled message {MessageType} from {Sender} at {Path}")]
    public static partial void UnhandledMessage(ILogger logger, string messageType, ActorPath path, ActorPath sender);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Critical, Message = "Guardian {Path} failed; the actor system is stopping")]
    public static partial void GuardianFailed(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Critical, Message = "Guardian {Path} stopped; the actor system is stopping")]
    public static partial void GuardianStoppedUnexpectedly(ILogger logger, ActorPath path);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Actor system {Name} terminated")]
    public static partial void SystemTerminated(ILogger logger, string name);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Coordinated shutdown of {Name} started ({Reason})")]
    public static partial void ShutdownStarted(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Coordinated shutdown phase {Phase} did not finish within {Timeout}; going on")]
    public static partial void ShutdownPhaseTimedOut(ILogger logger, string phase, TimeSpan timeout);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Warning, Message = "Coordinated shutdown task {Task} of phase {Phase} failed")]
    public static partial void ShutdownTaskFailed(ILogger logger, string phase, string task, Exception exception);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Error, Message = "A scheduled action failed")]
    public static partial void ScheduledActionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Error, Message = "An event-stream callback for {EventType} failed")]
    public static partial void EventCallbackFailed(ILogger logger, string eventType, Exception exception);
}
