namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// The settings of one actor system, bound once at start (immutable; copy with <c>with</c>).
/// The host fills it from the <c>wiimmfi.actor</c> section of the configuration.
/// </summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>Messages an actor processes per turn on a thread before it yields to others. <value>30</value> as in Akka.</summary>
    public int DefaultThroughput { get; init; } = 30;

    /// <summary>Timeout of <c>Ask</c> when the caller gives none. <value>10 s</value>.</summary>
    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Dead letters logged before logging pauses (every dead letter is still counted and published). <value>10</value>.</summary>
    public int DeadLetterLogLimit { get; init; } = 10;

    /// <summary>How long dead-letter logging pauses once the limit is reached; then it logs again. <value>5 min</value>.</summary>
    public TimeSpan DeadLetterLogSuspendDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most messages one actor may stash; one more throws <see cref="StashOverflowException"/>. <value>10,000</value>.</summary>
    public int StashCapacity { get; init; } = 10_000;

    /// <summary>Whether unhandled messages are logged (at debug level). <value>true</value>.</summary>
    public bool LogUnhandledMessages { get; init; } = true;

    /// <summary>The node's host for its <see cref="Address"/>; null while the system is local-only. <value>null</value>.</summary>
    public string? Host { get; init; }

    /// <summary>The node's node-to-node port for its <see cref="Address"/>. <value>null</value>.</summary>
    public int? Port { get; init; }

    /// <summary>Timeout of a coordinated-shutdown phase that has no entry in <see cref="ShutdownPhaseTimeouts"/>. <value>5 s</value>.</summary>
    public TimeSpan DefaultShutdownPhaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-phase timeouts of the coordinated shutdown, by phase name. <value>empty</value>.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ShutdownPhaseTimeouts { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The clock of the scheduler, timers, receive timeouts and passivation; tests put a manual clock here. <value>TimeProvider.System</value>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (DefaultThroughput < 1) throw new ArgumentOutOfRangeException(nameof(DefaultThroughput), "must be at least 1");
        if (DefaultAskTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(DefaultAskTimeout), "must be positive");
        if (StashCapacity < 1) throw new ArgumentOutOfRangeException(nameof(StashCapacity), "must be at least 1");
        if (DeadLetterLogLimit < 0) throw new ArgumentOutOfRangeException(nameof(DeadLetterLogLimit), "must not be negative");
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port));
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
