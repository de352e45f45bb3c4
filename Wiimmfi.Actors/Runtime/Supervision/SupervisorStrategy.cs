namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// How a parent treats its failing children. <see cref="OneForOneStrategy"/> applies the decision to
/// the failed child only; <see cref="AllForOneStrategy"/> to all children. A restart budget
/// (<c>maxNrOfRetries</c> within <c>withinTimeRange</c>) turns a restart into a stop once exceeded.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; -1 = no limit, 0 = never restart.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window of the restart budget; zero or infinite = the whole lifetime.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Akka's default decision: stop on initialization failures, <see cref="Kill"/> and death pacts, restart on anything else.</summary>
    public static Directive DefaultDecider(Exception e) => e switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, static _ => Directive.Stop);

    /// <summary>True when the decision applies to every child, false when only to the failed one.</summary>
    internal abstract bool AppliesToAllChildren { get; }
}

/// <summary>Applies the decision to the failed child only (the usual choice).</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider) { }

    public OneForOneStrategy(Func<Exception, Directive> decider) : base(-1, Timeout.InfiniteTimeSpan, decider) { }

    internal override bool AppliesToAllChildren => false;
}

/// <summary>Applies the decision to every child of the supervisor (children that only make sense together).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider) { }

    public AllForOneStrategy(Func<Exception, Directive> decider) : base(-1, Timeout.InfiniteTimeSpan, decider) { }

    internal override bool AppliesToAllChildren => true;
}

/// <summary>INTERNAL API. The restart budget of one child.</summary>
internal sealed class ChildRestartStats
{
    private int _count;
    private long _windowStart;

    /// <summary>Counts one more restart; false when the budget is used up (then the child is stopped).</summary>
    public bool RequestRestartPermission(SupervisorStrategy strategy, TimeProvider clock)
    {
        if (strategy.MaxNrOfRetries < 0) return true;
        if (strategy.MaxNrOfRetries == 0) return false;
        var window = strategy.WithinTimeRange;
        if (window <= TimeSpan.Zero || window == Timeout.InfiniteTimeSpan)
            return ++_count <= strategy.MaxNrOfRetries;
        var now = clock.GetTimestamp();
        if (_count == 0 || clock.GetElapsedTime(_windowStart, now) > window)
        {
            _windowStart = now;
            _count = 1;
            return true;
        }
        return ++_count <= strategy.MaxNrOfRetries;
    }
}
