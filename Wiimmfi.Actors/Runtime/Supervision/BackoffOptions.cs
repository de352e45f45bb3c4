namespace Wiimmfi.Actors.Runtime;

/// <summary>When a <see cref="BackoffSupervisor"/> restarts its child.</summary>
public enum BackoffKind
{
    /// <summary>Restart after the child failed (threw); a child that stops by itself stops the supervisor too.</summary>
    OnFailure = 0,
    /// <summary>Restart after the child stopped, for whatever reason.</summary>
    OnStop = 1,
}

/// <summary>
/// The recipe of a <see cref="BackoffSupervisor"/>: the child, and a delay between restarts that
/// doubles from <see cref="MinBackoff"/> up to <see cref="MaxBackoff"/>, stretched by up to
/// <see cref="RandomFactor"/> so that many children failing together do not restart together.
/// </summary>
public sealed record BackoffOptions(
    Props ChildProps,
    string ChildName,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    double RandomFactor,
    BackoffKind Kind)
{
    /// <summary>Restarts allowed before the supervisor gives up and stops; -1 = no limit.</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    /// <summary>A child that ran this long without failing starts the back-off from the beginning again (default: <see cref="MinBackoff"/>).</summary>
    public TimeSpan? ResetBackoffAfter { get; init; }

    public static BackoffOptions OnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        Validated(new BackoffOptions(childProps, childName, minBackoff, maxBackoff, randomFactor, BackoffKind.OnFailure));

    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor) =>
        Validated(new BackoffOptions(childProps, childName, minBackoff, maxBackoff, randomFactor, BackoffKind.OnStop));

    public BackoffOptions WithMaxNrOfRetries(int maxNrOfRetries) => this with { MaxNrOfRetries = maxNrOfRetries };

    public BackoffOptions WithAutoReset(TimeSpan resetBackoffAfter) => this with { ResetBackoffAfter = resetBackoffAfter };

    /// <summary>The delay before restart number <paramref name="restartCount"/> (0-based).</summary>
    public TimeSpan DelayFor(int restartCount, double random01)
    {
        var factor = Math.Pow(2, Math.Min(restartCount, 30));
        var baseTicks = Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * factor);
        return TimeSpan.FromTicks((long)Math.Min(long.MaxValue / 2, baseTicks * (1 + random01 * RandomFactor)));
    }

    private static BackoffOptions Validated(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.ChildProps);
        ActorNames.Validate(options.ChildName);
        if (options.MinBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MinBackoff), "must be positive");
        if (options.MaxBackoff < options.MinBackoff) throw new ArgumentOutOfRangeException(nameof(MaxBackoff), "must not be less than MinBackoff");
        if (options.RandomFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(RandomFactor), "must be between 0 and 1");
        return options;
    }
}
