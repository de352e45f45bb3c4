namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// The limits and knobs of one run (all scenarios together). Both hard bounds are always in force:
/// <see cref="MaxDuration"/> stops new work when reached, and <see cref="MaxIterations"/> stops it when the run has
/// started that many iterations (each open-model arrival and each closed-model iteration counts one, warm-up
/// included). After a stop, users get <see cref="DrainTimeout"/> to finish, then their steps are cancelled, and
/// users still running <see cref="AbandonAfter"/> later are left behind and counted — so a run ends by itself even
/// when a step ignores its cancellation token: at the latest MaxDuration + DrainTimeout + AbandonAfter.
/// </summary>
public sealed record LoadRunSettings
{
    /// <summary>Null: the longest scenario's warm-up plus schedule, plus 10 % (at least a second) so a late timer cannot cut a normal run short.</summary>
    public TimeSpan? MaxDuration { get; init; }

    public long MaxIterations { get; init; } = 10_000_000;

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan AbandonAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each scenario's driver starts arrivals and adjusts its population. Smaller is smoother and costs more.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often watched processes are sampled; zero disables sampling.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pids to watch besides this process (the node under test).</summary>
    public IReadOnlyList<int> SamplePids { get; init; } = [];

    /// <summary>Added to every user id, so several load processes of one capacity run use distinct ids (profile ids, MACs).</summary>
    public long UserIdOffset { get; init; }

    /// <summary>Seeds every user's <see cref="UserContext.Random"/>, so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The clock that paces the schedule and the bounds. Latency is always measured in wall time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Recorded in the report so a reader can repeat the run.</summary>
    public string CommandLine { get; init; } = "";

    public void Validate()
    {
        if (MaxDuration is { } max && (max <= TimeSpan.Zero || max > TimeSpan.FromDays(7))) throw new ArgumentException("the maximum duration must be positive and at most a week");
        if (MaxIterations < 1) throw new ArgumentException("the maximum number of iterations must be at least 1");
        if (DrainTimeout < TimeSpan.Zero || AbandonAfter < TimeSpan.Zero) throw new ArgumentException("drain and abandon timeouts must not be negative");
        if (TickInterval < TimeSpan.FromMilliseconds(1) || TickInterval > TimeSpan.FromSeconds(1)) throw new ArgumentException("the tick interval must be between 1 ms and 1 s");
        if (SampleInterval < TimeSpan.Zero) throw new ArgumentException("the sample interval must not be negative");
        if (UserIdOffset < 0) throw new ArgumentException("the user id offset must not be negative");
    }
}
