using System.Collections.Concurrent;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// Stops a node in a known order, as Akka's coordinated shutdown does: named phases run one after
/// another; the tasks added to one phase run in parallel; each phase has a timeout after which the
/// next one starts anyway (a late or failing task is logged, never fatal). The last phase stops every
/// actor. <see cref="Run"/> is idempotent: every caller gets the same task.
/// The host adds "stop front-ends" to <see cref="PhaseServiceUnbind"/>, "drain" to
/// <see cref="PhaseServiceRequestsDone"/> and "persist" to <see cref="PhaseBeforeActorSystemTerminate"/>.
/// </summary>
public sealed class CoordinatedShutdown
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";
    public const string PhaseClusterLeave = "cluster-leave";
    public const string PhaseClusterExiting = "cluster-exiting";
    public const string PhaseClusterExitingDone = "cluster-exiting-done";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    /// <summary>The phases in the order they run.</summary>
    public static IReadOnlyList<string> Phases { get; } =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
        PhaseBeforeClusterShutdown, PhaseClusterShardingShutdownRegion, PhaseClusterLeave, PhaseClusterExiting,
        PhaseClusterExitingDone, PhaseClusterShutdown, PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    /// <summary>Why the shutdown ran.</summary>
    public sealed record Reason(string Name)
    {
        public override string ToString() => Name;
    }

    public static Reason UnknownReason { get; } = new("unknown");
    public static Reason ActorSystemTerminateReason { get; } = new("actor-system-terminate");
    public static Reason ProcessExitReason { get; } = new("process-exit");
    public static Reason GuardianFailedReason { get; } = new("guardian-failed");

    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, PhaseTask>> _tasks = new();
    private long _taskCounter;
    private Task? _run;
    private Reason? _reason;

    internal CoordinatedShutdown(ActorSystem system)
    {
        _system = system;
        AddTask(PhaseActorSystemTerminate, "stop-all-actors", system.StopAllActorsAsync);
    }

    /// <summary>The shutdown of <paramref name="system"/>.</summary>
    public static CoordinatedShutdown Get(ActorSystem system) => system.CoordinatedShutdown;

    /// <summary>The reason given to the first <see cref="Run"/>, or null while none ran.</summary>
    public Reason? ShutdownReason => Volatile.Read(ref _reason);

    /// <summary>
    /// Adds a task to a phase; dispose the result to remove it again (before the shutdown starts).
    /// </summary>
    public IDisposable AddTask(string phase, string taskName, Func<Task> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        if (!Phases.Contains(phase)) throw new ArgumentException($"Unknown coordinated-shutdown phase [{phase}].", nameof(phase));
        var id = Interlocked.Increment(ref _taskCounter);
        var tasks = _tasks.GetOrAdd(phase, static _ => new ConcurrentDictionary<long, PhaseTask>());
        tasks[id] = new PhaseTask(taskName, task);
        return new Removal(tasks, id);
    }

    /// <summary>The timeout of a phase (from the settings).</summary>
    public TimeSpan PhaseTimeout(string phase) =>
        _system.Settings.ShutdownPhaseTimeouts.TryGetValue(phase, out var t) ? t : _system.Settings.DefaultShutdownPhaseTimeout;

    /// <summary>Runs every phase in order and stops the system. Later calls return the first run's task.</summary>
    public Task Run(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (Volatile.Read(ref _run) is { } running) return running;
        Interlocked.CompareExchange(ref _reason, reason, null);
        var started = new Task<Task>(RunPhasesAsync);
        if (Interlocked.CompareExchange(ref _run, started.Unwrap(), null) is { } other) return other;
        started.Start(TaskScheduler.Default);
        return _run!;
    }

    private async Task RunPhasesAsync()
    {
        RuntimeLog.ShutdownStarted(_system.Logger, _system.Name, _reason!.Name);
        foreach (var phase in Phases)
        {
            if (!_tasks.TryGetValue(phase, out var registered) || registered.IsEmpty) continue;
            var timeout = PhaseTimeout(phase);
            var running = new List<Task>();
            foreach (var entry in registered.OrderBy(kv => kv.Key))
                running.Add(RunOne(phase, entry.Value));
            var all = Task.WhenAll(running);
            var finished = await Task.WhenAny(all, Task.Delay(timeout, _system.Settings.TimeProvider)).ConfigureAwait(false);
            if (!ReferenceEquals(finished, all))
            {
                // The actor-system-terminate phase must finish, or WhenTerminated would never complete.
                if (phase == PhaseActorSystemTerminate)
                {
                    RuntimeLog.ShutdownPhaseTimedOut(_system.Logger, phase, timeout);
                    await all.ConfigureAwait(false);
                }
                else
                {
                    RuntimeLog.ShutdownPhaseTimedOut(_system.Logger, phase, timeout);
                }
            }
        }
    }

    private async Task RunOne(string phase, PhaseTask entry)
    {
        try
        {
            await (entry.Run() ?? Task.CompletedTask).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RuntimeLog.ShutdownTaskFailed(_system.Logger, phase, entry.Name, e);
        }
    }

    private sealed record PhaseTask(string Name, Func<Task> Run);

    private sealed class Removal(ConcurrentDictionary<long, PhaseTask> tasks, long id) : IDisposable
    {
        public void Dispose() => tasks.TryRemove(id, out _);
    }
}
