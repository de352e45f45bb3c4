using Wiimmfi.LoadTest.Monitoring;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// A running load test: every scenario at once, each on its own schedule, under the run's shared bounds. Start one
/// with <see cref="Start"/> (or <see cref="LoadRunner.RunAsync"/>), watch it with <see cref="Progress"/>, stop it
/// with <see cref="Stop"/> (graceful: running iterations finish) or <see cref="Abort"/> (running steps are
/// cancelled); <see cref="Completion"/> gives the report either way, partial when the run was stopped early.
/// </summary>
public sealed class LoadRun
{
    public const string GeneratorLabel = "load-generator";
    public const string TargetLabel = "target";

    private readonly IReadOnlyList<ScenarioRun> _runs;
    private readonly RunControl _control;
    private readonly LoadRunSettings _settings;
    private readonly LoadTarget _target;
    private readonly TimeSpan _maxDuration;
    private readonly ProcessSampler _sampler;
    private long _startTimestamp;

    private LoadRun(IReadOnlyList<ScenarioRun> runs, RunControl control, LoadRunSettings settings, LoadTarget target, TimeSpan maxDuration)
    {
        _runs = runs;
        _control = control;
        _settings = settings;
        _target = target;
        _maxDuration = maxDuration;
        var watched = new List<(int, string)> { (Environment.ProcessId, GeneratorLabel) };
        foreach (var pid in settings.SamplePids) watched.Add((pid, TargetLabel));
        _sampler = new ProcessSampler(watched, settings.Time, LiveUsers);
        Completion = Task.FromCanceled<LoadReport>(new CancellationToken(canceled: true)); // replaced by Start before anyone sees it
    }

    /// <summary>The report, when every scenario has finished (or been stopped) and drained.</summary>
    public Task<LoadReport> Completion { get; private set; }

    /// <summary>The hard duration bound in force (given, or derived from the schedules).</summary>
    public TimeSpan MaxDuration => _maxDuration;

    /// <summary>
    /// Validates everything and starts the run. A scenario or setting that cannot run throws
    /// <see cref="ArgumentException"/> here, before any user starts; the target was checked for loopback when it was made.
    /// Cancelling <paramref name="stop"/> stops gracefully; cancelling <paramref name="abort"/> also cancels running steps.
    /// </summary>
    public static LoadRun Start(IReadOnlyList<Scenario> scenarios, LoadTarget target, LoadRunSettings? settings = null,
        CancellationToken stop = default, CancellationToken abort = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        settings ??= new LoadRunSettings();
        settings.Validate();
        if (scenarios.Count == 0) throw new ArgumentException("a run needs at least one scenario");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var schedules = new List<LoadSchedule>();
        foreach (var scenario in scenarios)
        {
            var schedule = scenario.Validate();
            if (!names.Add(scenario.Name)) throw new ArgumentException($"two scenarios are named '{scenario.Name}'");
            if (schedule.PeakCopies > scenario.MaxConcurrentUsers)
                throw new ArgumentException($"scenario '{scenario.Name}' asks for {schedule.PeakCopies} users but allows at most {scenario.MaxConcurrentUsers} at once");
            schedules.Add(schedule);
        }
        var planned = TimeSpan.Zero;
        for (var i = 0; i < scenarios.Count; i++)
        {
            var length = scenarios[i].WarmUp + schedules[i].Duration;
            if (length > planned) planned = length;
        }
        var maxDuration = settings.MaxDuration ?? planned + TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, planned.Ticks / 10));

        var control = new RunControl(settings.MaxIterations, settings.UserIdOffset);
        var runs = new List<ScenarioRun>(scenarios.Count);
        for (var i = 0; i < scenarios.Count; i++) runs.Add(new ScenarioRun(scenarios[i], schedules[i], control, settings, target));
        var run = new LoadRun(runs, control, settings, target, maxDuration);
        run.Completion = Task.Run(() => run.RunCoreAsync(stop, abort));
        return run;
    }

    /// <summary>Stops starting iterations; running ones finish (bounded by the drain timeout).</summary>
    public void Stop() => _control.RequestStop(StopReason.Cancelled);

    /// <summary>Stops and cancels the steps that are running.</summary>
    public void Abort() => _control.Abort(StopReason.Cancelled);

    /// <summary>Time since the run started, on the run's clock.</summary>
    public TimeSpan Elapsed => Volatile.Read(ref _startTimestamp) == 0 ? TimeSpan.Zero : _settings.Time.GetElapsedTime(_startTimestamp);

    /// <summary>Live figures per scenario, for a progress display. Safe to call from any thread at any time.</summary>
    public IReadOnlyList<ScenarioProgress> Progress()
    {
        var list = new List<ScenarioProgress>(_runs.Count);
        foreach (var run in _runs)
        {
            var phase = run.Current;
            var state = phase is null ? "starting" : phase.HasEnded && phase == run.Measured ? "done" : phase.IsWarmUp ? "warm-up" : "measured";
            list.Add(new ScenarioProgress(run.Scenario.Name, state,
                phase?.Users.Live ?? 0, phase?.Users.Started ?? 0,
                phase is null ? 0 : Volatile.Read(ref phase.OkIterations),
                phase is null ? 0 : Volatile.Read(ref phase.FailedIterations),
                phase is null ? 0 : Volatile.Read(ref phase.DroppedArrivals)));
        }
        return list;
    }

    private long LiveUsers()
    {
        long users = 0;
        foreach (var run in _runs) users += run.Current?.Users.Live ?? 0;
        return users;
    }

    private async Task<LoadReport> RunCoreAsync(CancellationToken stop, CancellationToken abort)
    {
        var time = _settings.Time;
        var startedUtc = time.GetUtcNow();
        Volatile.Write(ref _startTimestamp, time.GetTimestamp());
        try
        {
            _sampler.Start();
            using var samplerStop = new CancellationTokenSource();
            var sampling = _sampler.RunAsync(_settings.SampleInterval, samplerStop.Token);
            using (time.CreateTimer(static state => ((RunControl)state!).RequestStop(StopReason.MaxDuration), _control, _maxDuration, Timeout.InfiniteTimeSpan))
            using (stop.Register(static state => ((RunControl)state!).RequestStop(StopReason.Cancelled), _control))
            using (abort.Register(static state => ((RunControl)state!).Abort(StopReason.Cancelled), _control))
            {
                var tasks = new Task[_runs.Count];
                for (var i = 0; i < _runs.Count; i++) tasks[i] = _runs[i].RunAsync();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            await samplerStop.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
            _sampler.SampleNow();
            var endedUtc = time.GetUtcNow();
            return ReportBuilder.Build(new ReportBuilder.RunFacts(
                RunId: Guid.NewGuid().ToString("N"),
                StartedUtc: startedUtc,
                EndedUtc: endedUtc,
                Duration: time.GetElapsedTime(_startTimestamp),
                StopReason: _control.Reason ?? StopReason.Completed,
                Target: _target,
                Settings: _settings), _runs, _sampler.Report());
        }
        finally
        {
            // Users left behind may still touch their phase's signals and recorders; then the GC cleans up instead.
            if (_runs.All(run => run.AbandonedUsers == 0))
            {
                foreach (var run in _runs) run.Dispose();
                _control.Dispose();
            }
        }
    }
}

/// <summary>Live figures of one scenario: its phase, users alive and started, iterations done, arrivals dropped.</summary>
public sealed record ScenarioProgress(string Name, string Phase, long LiveUsers, long StartedUsers, long OkIterations, long FailedIterations, long DroppedArrivals);

/// <summary>The one-call form: start a run and wait for its report.</summary>
public static class LoadRunner
{
    public static Task<LoadReport> RunAsync(IReadOnlyList<Scenario> scenarios, LoadTarget target, LoadRunSettings? settings = null,
        CancellationToken stop = default, CancellationToken abort = default) =>
        LoadRun.Start(scenarios, target, settings, stop, abort).Completion;
}
