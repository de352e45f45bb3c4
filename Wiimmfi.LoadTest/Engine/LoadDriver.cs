namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// The decision half of a scenario's driver loop, kept free of clocks and threads so it can be tested with made-up
/// instants: given the elapsed time, how many arrivals to start now and how many closed-model users to have.
/// Ticks may come late or irregularly (a busy machine); arrivals missed in between are handed out on the next tick,
/// and the tick at or after the end hands out every arrival left, so a schedule that runs to its end always starts
/// exactly <see cref="LoadSchedule.TotalArrivals"/>.
/// </summary>
public sealed class LoadDriver(LoadSchedule schedule)
{
    public LoadSchedule Schedule { get; } = schedule;

    /// <summary>Arrivals handed out so far.</summary>
    public long ArrivalsIssued { get; private set; }

    public DriverTick Advance(TimeSpan elapsed)
    {
        var finished = elapsed >= Schedule.Duration;
        var due = Schedule.ArrivalsDueBy(finished ? Schedule.Duration : elapsed);
        var arrivals = Math.Max(0, due - ArrivalsIssued);
        ArrivalsIssued += arrivals;
        return new DriverTick(arrivals, Schedule.CopiesAt(elapsed), finished);
    }
}

/// <summary>What the driver should do now: start <see cref="Arrivals"/> open-model users, hold <see cref="Copies"/> closed-model users.</summary>
public readonly record struct DriverTick(long Arrivals, int Copies, bool Finished);
