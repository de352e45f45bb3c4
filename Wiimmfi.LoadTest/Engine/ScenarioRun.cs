using Wiimmfi.LoadTest.Stats;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// Runs one scenario: an optional warm-up phase (the schedule's first <see cref="Scenario.WarmUp"/>, measured into
/// recorders that are then thrown away), then the measured phase (the whole schedule).
/// <para>
/// Each phase has a driver loop on the run's clock. Every tick it asks <see cref="LoadDriver"/> what is due:
/// open-model arrivals are started as fresh users (init → one iteration → clean), unless the scenario's
/// <see cref="Scenario.MaxConcurrentUsers"/> are already alive, in which case the arrival is dropped and counted;
/// the closed-model population is grown with new users or shrunk by retiring the newest ones after their current
/// iteration. The loop ends when the schedule ends or the run is told to stop.
/// </para>
/// <para>
/// Then the phase drains: no user starts another iteration; running iterations get the run's drain timeout to
/// finish; after it their steps are cancelled (recorded as <c>cancelled</c>); users still alive after the abandon
/// grace are left behind and counted. The measured window — what rates are computed over — runs from the phase's
/// start to the end of its drain.
/// </para>
/// What can go wrong: a generator that cannot keep up (too little CPU) ticks late and so starts arrivals late; they
/// are still all started (a late tick hands out every arrival due), but the report's driver lag and the
/// generator's own CPU say so.
/// </summary>
internal sealed partial class ScenarioRun : IDisposable
{
    private readonly Scenario _scenario;
    private readonly LoadSchedule _schedule;
    private readonly RunControl _control;
    private readonly LoadRunSettings _settings;
    private readonly LoadTarget _target;
    private Phase? _current;

    public ScenarioRun(Scenario scenario, LoadSchedule schedule, RunControl control, LoadRunSettings settings, LoadTarget target)
    {
        _scenario = scenario;
        _schedule = schedule;
        _control = control;
        _settings = settings;
        _target = target;
        Measured = new Phase(scenario, schedule, isWarmUp: false, control);
        WarmUp = scenario.WarmUp > TimeSpan.Zero ? new Phase(scenario, schedule.Truncate(scenario.WarmUp), isWarmUp: true, control) : null;
    }

    public Scenario Scenario => _scenario;

    public LoadSchedule Schedule => _schedule;

    public Phase Measured { get; }

    public Phase? WarmUp { get; }

    public long AbandonedUsers => Measured.AbandonedUsers + (WarmUp?.AbandonedUsers ?? 0);

    /// <summary>The phase running now (for the live progress display); null before the start.</summary>
    public Phase? Current => Volatile.Read(ref _current);

    public async Task RunAsync()
    {
        if (WarmUp is not null)
        {
            await RunPhaseAsync(WarmUp).ConfigureAwait(false);
            if (_control.StopRequested) return; // a stopped run does not begin a measured phase it cannot finish
        }
        await RunPhaseAsync(Measured).ConfigureAwait(false);
    }

    private async Task RunPhaseAsync(Phase phase)
    {
        var time = _settings.Time;
        var driver = new LoadDriver(phase.Schedule);
        var closedUsers = new List<ClosedUser>();
        phase.Started(time.GetTimestamp());
        Volatile.Write(ref _current, phase); // shown as running only once its clock has started
        var previousTick = TimeSpan.Zero;
        try
        {
            while (!phase.Stopping.IsCancellationRequested)
            {
                var elapsed = time.GetElapsedTime(phase.StartTimestamp);
                phase.NoteTickLag(elapsed - previousTick - _settings.TickInterval);
                previousTick = elapsed;
                var tick = driver.Advance(elapsed);
                StartArrivals(phase, tick.Arrivals);
                AdjustPopulation(phase, closedUsers, tick.Copies);
                if (tick.Finished) break;
                await Task.Delay(_settings.TickInterval, time, phase.Stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Told to stop between ticks.
        }
        await DrainAsync(phase, closedUsers).ConfigureAwait(false);
        phase.Ended(time.GetElapsedTime(phase.StartTimestamp));
    }

    private void StartArrivals(Phase phase, long arrivals)
    {
        for (long i = 0; i < arrivals; i++)
        {
            if (phase.Stopping.IsCancellationRequested) return;
            if (phase.Users.Live >= _scenario.MaxConcurrentUsers)
            {
                Interlocked.Increment(ref phase.DroppedArrivals);
                continue;
            }
            if (!_control.TryTakeIteration()) return;
            phase.Users.Enter();
            // Task.Run, not a direct call: a step that blocks before its first await must not stall the driver.
            _ = Task.Run(() => RunOpenUserAsync(phase));
        }
    }

    private void AdjustPopulation(Phase phase, List<ClosedUser> users, int target)
    {
        users.RemoveAll(static user => user.Exited);
        var active = 0;
        foreach (var user in users)
            if (!user.Retiring) active++;
        while (active < target && !phase.Stopping.IsCancellationRequested && phase.Users.Live < _scenario.MaxConcurrentUsers)
        {
            var user = new ClosedUser();
            users.Add(user);
            phase.Users.Enter();
            _ = Task.Run(() => RunClosedUserAsync(user, phase));
            active++;
        }
        // Retire the newest users first, so the longest-lived consoles stay (as real ones would).
        for (var i = users.Count - 1; i >= 0 && active > target; i--)
        {
            if (users[i].Retiring) continue;
            users[i].Retiring = true;
            active--;
        }
    }

    private async Task DrainAsync(Phase phase, List<ClosedUser> users)
    {
        phase.StopStarting();
        foreach (var user in users) user.Retiring = true;
        var drained = phase.Users.WhenDrained();
        if (await CompletesWithinAsync(drained, _settings.DrainTimeout).ConfigureAwait(false)) return;
        phase.AbortSteps();
        if (await CompletesWithinAsync(drained, _settings.AbandonAfter).ConfigureAwait(false)) return;
        phase.AbandonedUsers = phase.Users.Live;
    }

    // Real time, not the run's clock: this waits for real tasks, and a test clock that nobody advances would wait forever.
    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        if (task.IsCompleted) return true;
        using var cancel = new CancellationTokenSource();
        var winner = await Task.WhenAny(task, Task.Delay(timeout, cancel.Token)).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        return winner == task;
    }

    public void Dispose()
    {
        Measured.Dispose();
        WarmUp?.Dispose();
    }

    /// <summary>A closed-model user as the driver sees it: retired by the driver, exited by itself.</summary>
    private sealed class ClosedUser
    {
        public volatile bool Retiring;
        public volatile bool Exited;
    }
}
