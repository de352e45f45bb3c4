namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// A named sequence of steps that virtual users run, with an optional init (before a user's first iteration: connect,
/// log in) and clean (after its last: log out, close), the load that drives it, and its limits.
/// <para>
/// An iteration runs the steps in order and stops at the first failed step (later steps of a failed iteration would
/// only measure the failure again). In the closed model a user whose init or iteration failed waits
/// <see cref="RestartDelay"/>, cleans up and is replaced by a fresh user — a console that reconnects — so a server
/// that refuses everything is not hammered in a tight loop.
/// </para>
/// Init and clean are measured and reported like steps (named <c>init</c> and <c>clean</c>).
/// </summary>
public sealed record Scenario
{
    public const string InitName = "init";
    public const string CleanName = "clean";

    /// <summary>Longest scenario or step name: names become report rows and CSV cells.</summary>
    public const int MaxNameLength = 64;

    private Scenario(string name, IReadOnlyList<Step> steps)
    {
        Name = name;
        Steps = steps;
    }

    public static Scenario Create(string name, params Step[] steps) => new(name, steps);

    public string Name { get; }

    public IReadOnlyList<Step> Steps { get; }

    public Func<UserContext, ValueTask<Response>>? Init { get; init; }

    public Func<UserContext, ValueTask<Response>>? Clean { get; init; }

    public IReadOnlyList<LoadSimulation> LoadSimulations { get; init; } =
        [LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))];

    /// <summary>Runs the load for this long first and discards what it measured (JIT, connection pools, caches).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>A step (or init or clean) still running after this long is cancelled and counted as <c>timeout</c>.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Users of this scenario alive at once. Open-model arrivals beyond it are not started but counted as dropped
    /// (the report says so): each user holds sockets, and one process can hold 20,000 files at most.
    /// </summary>
    public int MaxConcurrentUsers { get; init; } = 10_000;

    /// <summary>
    /// Closed model: the shortest time from the start of one of a user's iterations to the start of its next (zero =
    /// back to back). Models consoles that act every so often rather than as fast as the server answers.
    /// </summary>
    public TimeSpan Pacing { get; init; } = TimeSpan.Zero;

    /// <summary>How long a failed closed-model user waits before it is replaced.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public Scenario WithInit(Func<UserContext, ValueTask<Response>> init) => this with { Init = init };

    public Scenario WithClean(Func<UserContext, ValueTask<Response>> clean) => this with { Clean = clean };

    public Scenario WithLoadSimulations(params LoadSimulation[] simulations) => this with { LoadSimulations = simulations };

    public Scenario WithWarmUp(TimeSpan warmUp) => this with { WarmUp = warmUp };

    public Scenario WithStepTimeout(TimeSpan timeout) => this with { StepTimeout = timeout };

    public Scenario WithMaxConcurrentUsers(int users) => this with { MaxConcurrentUsers = users };

    public Scenario WithRestartDelay(TimeSpan delay) => this with { RestartDelay = delay };

    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong; returns the schedule it will run.</summary>
    public LoadSchedule Validate()
    {
        CheckName(Name, "scenario");
        if (Steps.Count == 0) throw new ArgumentException($"scenario '{Name}' has no steps");
        var names = new HashSet<string>(StringComparer.Ordinal) { InitName, CleanName };
        foreach (var step in Steps)
        {
            CheckName(step.Name, $"a step of scenario '{Name}'");
            if (!names.Add(step.Name)) throw new ArgumentException($"scenario '{Name}': the step name '{step.Name}' is used twice or is reserved");
        }
        if (WarmUp < TimeSpan.Zero || WarmUp > LoadSimulation.MaxDuring) throw new ArgumentException($"scenario '{Name}': the warm-up must be between 0 and a day");
        if (StepTimeout <= TimeSpan.Zero) throw new ArgumentException($"scenario '{Name}': the step timeout must be positive");
        if (MaxConcurrentUsers is < 1 or > LoadSimulation.MaxCount) throw new ArgumentException($"scenario '{Name}': max concurrent users must be between 1 and {LoadSimulation.MaxCount}");
        if (Pacing < TimeSpan.Zero || Pacing > TimeSpan.FromHours(1)) throw new ArgumentException($"scenario '{Name}': the pacing must be 0 to 1 hour");
        if (RestartDelay < TimeSpan.Zero) throw new ArgumentException($"scenario '{Name}': the restart delay must not be negative");
        return LoadSchedule.Build(LoadSimulations);
    }

    private static void CheckName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl) || name.Contains(','))
            throw new ArgumentException($"{what} needs a name of 1-{MaxNameLength} printable characters without commas, not '{name}'");
    }
}
