namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// A scenario's load simulations laid out on a timeline, answering two pure questions for any elapsed time:
/// how many open-model arrivals are due by then (<see cref="ArrivalsDueBy"/>, cumulative) and how many closed-model
/// users should be running then (<see cref="CopiesAt"/>). The engine's driver asks both on every tick; tests ask
/// them at chosen instants, with no clock at all.
/// <para>
/// Arrivals are spread evenly over each interval rather than started in a burst at its beginning (NBomber bursts):
/// an even stream measures the server, not the generator's own burst. A ramp starts from the rate (or population)
/// the previous stage ended with when that stage was of the same model, else from zero.
/// </para>
/// </summary>
public sealed class LoadSchedule
{
    // Rounding guard: a cumulative count that is 99.9999999999 because of floating point is 100.
    private const double Epsilon = 1e-9;

    private LoadSchedule(IReadOnlyList<ScheduleStage> stages)
    {
        Stages = stages;
        Duration = stages.Count == 0 ? TimeSpan.Zero : stages[^1].End;
        TotalArrivals = stages.Count == 0 ? 0 : ArrivalsDueBy(Duration);
    }

    public IReadOnlyList<ScheduleStage> Stages { get; }

    public TimeSpan Duration { get; }

    /// <summary>Every open-model arrival the schedule asks for, start to end.</summary>
    public long TotalArrivals { get; }

    /// <summary>Validates the simulations and lays them out. Throws <see cref="ArgumentException"/> with the reason.</summary>
    public static LoadSchedule Build(IReadOnlyList<LoadSimulation> simulations)
    {
        if (simulations.Count == 0) throw new ArgumentException("a scenario needs at least one load simulation");
        var stages = new List<ScheduleStage>(simulations.Count);
        var start = TimeSpan.Zero;
        double rate = 0, arrivals = 0;
        int copies = 0;
        foreach (var simulation in simulations)
        {
            simulation.Validate();
            ScheduleStage stage;
            switch (simulation)
            {
                case InjectSimulation inject:
                {
                    var perSecond = inject.Rate / inject.Interval.TotalSeconds;
                    stage = new ScheduleStage(simulation, start, StageModel.Open, perSecond, perSecond, 0, 0, arrivals);
                    break;
                }
                case RampingInjectSimulation ramp:
                    stage = new ScheduleStage(simulation, start, StageModel.Open, rate, ramp.Rate / ramp.Interval.TotalSeconds, 0, 0, arrivals);
                    break;
                case KeepConstantSimulation keep:
                    stage = new ScheduleStage(simulation, start, StageModel.Closed, 0, 0, keep.Copies, keep.Copies, arrivals);
                    break;
                case RampingConstantSimulation ramp:
                    stage = new ScheduleStage(simulation, start, StageModel.Closed, 0, 0, copies, ramp.Copies, arrivals);
                    break;
                case PauseSimulation:
                    stage = new ScheduleStage(simulation, start, StageModel.Pause, 0, 0, 0, 0, arrivals);
                    break;
                default:
                    throw new ArgumentException($"unknown load simulation {simulation.GetType().Name}");
            }
            stages.Add(stage);
            arrivals = stage.ArrivalsAt(stage.During);
            rate = stage.Model == StageModel.Open ? stage.RateTo : 0;
            copies = stage.Model == StageModel.Closed ? stage.CopiesTo : 0;
            start = stage.End;
        }
        return new LoadSchedule(stages);
    }

    /// <summary>The first <paramref name="length"/> of this schedule (a warm-up runs the same shape for less time).</summary>
    public LoadSchedule Truncate(TimeSpan length)
    {
        var stages = new List<ScheduleStage>();
        foreach (var stage in Stages)
        {
            if (stage.Start >= length) break;
            if (stage.End <= length)
            {
                stages.Add(stage);
                continue;
            }
            // Cut the stage short but keep its slope: a ramp cut at half way reaches half of its change.
            var cut = length - stage.Start;
            var fraction = cut / stage.During;
            stages.Add(stage with
            {
                During = cut,
                RateTo = stage.RateFrom + (stage.RateTo - stage.RateFrom) * fraction,
                CopiesTo = (int)Math.Round(stage.CopiesFrom + (stage.CopiesTo - stage.CopiesFrom) * fraction, MidpointRounding.AwayFromZero),
            });
            break;
        }
        return new LoadSchedule(stages);
    }

    /// <summary>Open-model arrivals due by <paramref name="elapsed"/>, counted from the start of the schedule.</summary>
    public long ArrivalsDueBy(TimeSpan elapsed)
    {
        if (Stages.Count == 0 || elapsed <= TimeSpan.Zero) return 0;
        var stage = StageAt(elapsed);
        var within = elapsed >= Duration ? stage.During : elapsed - stage.Start;
        return (long)Math.Floor(stage.ArrivalsAt(within) + Epsilon);
    }

    /// <summary>Closed-model users that should be running at <paramref name="elapsed"/> (zero once the schedule is over).</summary>
    public int CopiesAt(TimeSpan elapsed)
    {
        if (Stages.Count == 0 || elapsed < TimeSpan.Zero || elapsed >= Duration) return 0;
        return StageAt(elapsed).CopiesAt(elapsed - StageAt(elapsed).Start);
    }

    /// <summary>The highest population any closed stage asks for.</summary>
    public int PeakCopies => Stages.Count == 0 ? 0 : Stages.Max(s => Math.Max(s.CopiesFrom, s.CopiesTo));

    private ScheduleStage StageAt(TimeSpan elapsed)
    {
        foreach (var stage in Stages)
            if (elapsed < stage.End) return stage;
        return Stages[^1];
    }
}

public enum StageModel
{
    Open,
    Closed,
    Pause,
}

/// <summary>One laid-out stage: where it starts, its model, the rates (per second) or populations at both ends.</summary>
public sealed record ScheduleStage(
    LoadSimulation Simulation,
    TimeSpan Start,
    StageModel Model,
    double RateFrom,
    double RateTo,
    int CopiesFrom,
    int CopiesTo,
    double ArrivalsBefore)
{
    public TimeSpan During { get; init; } = Simulation.During;

    public TimeSpan End => Start + During;

    /// <summary>Cumulative arrivals (schedule-wide) at <paramref name="within"/> into this stage: the integral of a linear rate.</summary>
    public double ArrivalsAt(TimeSpan within)
    {
        if (Model != StageModel.Open) return ArrivalsBefore;
        var t = within.TotalSeconds;
        var d = During.TotalSeconds;
        return ArrivalsBefore + RateFrom * t + (RateTo - RateFrom) * t * t / (2 * d);
    }

    public int CopiesAt(TimeSpan within)
    {
        if (Model != StageModel.Closed) return 0;
        var fraction = within / During;
        return (int)Math.Round(CopiesFrom + (CopiesTo - CopiesFrom) * fraction, MidpointRounding.AwayFromZero);
    }
}
