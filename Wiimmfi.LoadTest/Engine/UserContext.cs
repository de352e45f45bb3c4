using System.Net;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// One virtual user (one emulated console): created before its init, passed to every step of every iteration it
/// runs, and to its clean. Steps keep per-user state here (a connected client, a profile id) in <see cref="State"/>
/// or <see cref="Items"/>. A user is only ever used by one step at a time, so nothing here needs a lock.
/// </summary>
public sealed class UserContext : IDisposable
{
    private readonly CancellationToken _abort;
    private CancellationTokenSource _stepCancellation;
    private Dictionary<string, object?>? _items;

    internal UserContext(string scenarioName, long userId, bool isWarmUp, LoadTarget target, int seed, CancellationToken abort)
    {
        ScenarioName = scenarioName;
        UserId = userId;
        IsWarmUp = isWarmUp;
        Target = target;
        _abort = abort;
        // Each user gets its own generator, seeded from the run seed and its id, so a run can be repeated.
        Random = new Random(HashCode.Combine(seed, userId));
        var sources = target.SourceAddresses;
        SourceAddress = sources.Count == 0 ? null : sources[(int)(userId % sources.Count)];
        _stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
    }

    public string ScenarioName { get; }

    /// <summary>Unique within the run (and across load processes when each is given its own --user-id-offset).</summary>
    public long UserId { get; }

    /// <summary>How many iterations this user has finished (0 during its first).</summary>
    public long Iteration { get; internal set; }

    /// <summary>True while the scenario is warming up; nothing this user does is counted.</summary>
    public bool IsWarmUp { get; }

    public LoadTarget Target { get; }

    /// <summary>The loopback address this user's sockets should bind to, or null to let the OS choose.</summary>
    public IPAddress? SourceAddress { get; }

    public Random Random { get; }

    /// <summary>Cancelled when the running step times out or the run is aborted; pass it to every I/O call.</summary>
    public CancellationToken CancellationToken => _stepCancellation.Token;

    /// <summary>Typed per-user state (for example the emulated console's client objects); disposed with the user when it is <see cref="IDisposable"/>.</summary>
    public object? State { get; set; }

    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The user's state as <typeparamref name="T"/>; throws when the init did not set it.</summary>
    public T GetState<T>() where T : class =>
        State as T ?? throw new InvalidOperationException($"user {UserId} has no state of type {typeof(T).Name}; set it in the scenario's init");

    internal bool StepTimedOut => _stepCancellation.IsCancellationRequested && !_abort.IsCancellationRequested;

    internal void ArmStepTimeout(TimeSpan timeout)
    {
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) _stepCancellation.CancelAfter(timeout);
    }

    internal void DisarmStepTimeout()
    {
        // TryReset reuses the source (and its timer) between steps; only a fired source has to be replaced.
        if (_stepCancellation.TryReset()) return;
        _stepCancellation.Dispose();
        _stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(_abort);
    }

    /// <summary>Switches to a token that ignores the run's abort, so a user's clean can still close its sockets.</summary>
    internal void UseCleanCancellation()
    {
        _stepCancellation.Dispose();
        _stepCancellation = new CancellationTokenSource();
    }

    public void Dispose()
    {
        _stepCancellation.Dispose();
        (State as IDisposable)?.Dispose();
    }
}
