using System.Net;
using System.Net.Sockets;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.LoadTest;

/// <summary>The engine end to end with in-process steps: counts, bounds, stops, failures. No assertion is about time.</summary>
public class LoadRunTests
{
    private static readonly LoadTarget Loopback = new(IPAddress.Loopback);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>No process sampling (it reads /proc each second) unless a test is about it.</summary>
    private static readonly LoadRunSettings Quiet = new() { SampleInterval = TimeSpan.Zero };

    private static Step Ok(string name = "ok") => Step.Create(name, _ => ValueTask.FromResult(Response.Ok(bytesOut: 10, bytesIn: 20)));

    private static void AssertCountsAddUp(LoadReport report)
    {
        foreach (var scenario in report.Scenarios)
            foreach (var line in scenario.Steps.Append(scenario.Iterations))
            {
                Assert.Equal(line.Requests, line.Ok + line.Failed);
                Assert.Equal(line.Ok, line.Latency.Count);
                Assert.Equal(line.Failed, line.FailedLatency.Count);
                Assert.Equal(line.Failed, line.Errors.Sum(e => e.Count));
            }
    }

    [Fact]
    public async Task An_inject_run_to_its_end_starts_exactly_the_scheduled_users_and_its_counts_add_up()
    {
        var scenario = Scenario.Create("inject", Ok("first"), Ok("second"))
            .WithLoadSimulations(LoadSimulation.Inject(50, Second, Second));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet);

        var result = Assert.Single(report.Scenarios);
        Assert.Equal("completed", report.Run.StopReason);
        Assert.Equal(50, result.Iterations.Requests);
        Assert.Equal(50, result.Iterations.Ok);
        Assert.All(result.Steps, step => Assert.Equal(50, step.Ok));
        Assert.Equal(50 * 2 * 20, result.Iterations.BytesIn);
        Assert.Equal(0, result.DroppedArrivals);
        AssertCountsAddUp(report);
    }

    [Fact]
    public async Task A_failed_step_is_counted_by_kind_and_ends_its_iteration()
    {
        var calls = 0;
        var scenario = Scenario.Create("failing",
                Step.Create("login", _ => ValueTask.FromResult(Interlocked.Increment(ref calls) % 3 == 0
                    ? Response.Fail("gpcm-error-260", "wrong response")
                    : Response.Ok())),
                Ok("status"))
            .WithLoadSimulations(LoadSimulation.Inject(30, Second, Second));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet);

        var result = Assert.Single(report.Scenarios);
        var login = result.Steps.Single(s => s.Name == "login");
        var status = result.Steps.Single(s => s.Name == "status");
        Assert.Equal(30, login.Requests);
        Assert.Equal(10, login.Failed);
        Assert.Equal(("gpcm-error-260", 10L), (login.Errors[0].Kind, login.Errors[0].Count));
        Assert.Equal(20, status.Requests); // never run after a failed login
        Assert.Equal(10, result.Iterations.Failed);
        Assert.Equal("login: gpcm-error-260", Assert.Single(result.Iterations.Errors).Kind);
        AssertCountsAddUp(report);
    }

    [Fact]
    public async Task Exceptions_and_timeouts_become_failures_of_their_kind()
    {
        var scenario = Scenario.Create("throwing",
                Step.Create("refused", ctx => ctx.UserId % 2 == 0
                    ? throw new SocketException((int)SocketError.ConnectionRefused)
                    : ValueTask.FromResult(Response.Ok())),
                Step.Create("hangs", async ctx =>
                {
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                    return Response.Ok();
                }))
            .WithStepTimeout(TimeSpan.FromMilliseconds(50))
            .WithLoadSimulations(LoadSimulation.Inject(10, Second, Second));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet);

        var steps = Assert.Single(report.Scenarios).Steps;
        Assert.Equal(("socket:ConnectionRefused", 5L), (steps[0].Errors.Single().Kind, steps[0].Errors.Single().Count));
        Assert.Equal(("timeout", 5L), (steps[1].Errors.Single().Kind, steps[1].Errors.Single().Count));
        AssertCountsAddUp(report);
    }

    [Fact]
    public async Task A_run_stops_by_itself_when_its_iteration_budget_is_spent()
    {
        var scenario = Scenario.Create("endless", Step.Create("yield", async _ =>
            {
                await Task.Yield();
                return Response.Ok();
            }))
            .WithLoadSimulations(LoadSimulation.KeepConstant(4, TimeSpan.FromHours(1)));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet with { MaxIterations = 200 });

        Assert.Equal("max-iterations", report.Run.StopReason);
        Assert.Equal(200, Assert.Single(report.Scenarios).Iterations.Requests);
        Assert.Contains(report.Hints, h => h.Contains("stopped early (max-iterations)"));
        AssertCountsAddUp(report);
    }

    [Fact]
    public async Task A_run_stops_by_itself_at_its_duration_bound_on_the_run_clock()
    {
        var clock = new ManualTimeProvider();
        var scenario = Scenario.Create("long", Step.Create("pause", async ctx =>
            {
                await Task.Delay(1, ctx.CancellationToken);
                return Response.Ok();
            }))
            .WithLoadSimulations(LoadSimulation.KeepConstant(2, TimeSpan.FromHours(1)));

        var run = LoadRun.Start([scenario], Loopback, Quiet with { Time = clock, MaxDuration = TimeSpan.FromSeconds(30) });
        await Awaiting.ConditionAsync(() => run.Progress()[0].OkIterations > 0);
        clock.Advance(TimeSpan.FromSeconds(31));
        var report = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("max-duration", report.Run.StopReason);
        Assert.True(Assert.Single(report.Scenarios).Iterations.Ok > 0);
        AssertCountsAddUp(report);
    }

    /// <summary>
    /// Moves the manual clock once the driver waits on it (its tick timer and the run's duration bound are both
    /// set), so a tick cannot slip in after the move and sleep past it.
    /// </summary>
    private static async Task AdvanceWhenDriverSleepsAsync(ManualTimeProvider clock, TimeSpan by)
    {
        await Awaiting.ConditionAsync(() => clock.ActiveTimers >= 2, message: "the driver never went to sleep");
        clock.Advance(by);
    }

    [Fact]
    public async Task On_a_manual_clock_an_inject_of_10_per_second_has_started_10_users_per_elapsed_second()
    {
        var clock = new ManualTimeProvider();
        var scenario = Scenario.Create("paced", Ok()).WithLoadSimulations(LoadSimulation.Inject(10, Second, TimeSpan.FromSeconds(5)));

        var run = LoadRun.Start([scenario], Loopback, Quiet with { Time = clock });
        await Awaiting.ConditionAsync(() => run.Progress()[0].Phase == "measured");
        for (var second = 1; second <= 5; second++)
        {
            var expected = 10 * second;
            await AdvanceWhenDriverSleepsAsync(clock, Second);
            // The driver may wake on another thread; wait for it to catch up with the clock.
            await Awaiting.ConditionAsync(() => run.Progress()[0].StartedUsers >= expected);
            Assert.Equal(expected, run.Progress()[0].StartedUsers);
        }
        // The tick at 5 s ended the schedule; the run completes without the clock moving further.
        var report = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("completed", report.Run.StopReason);
        Assert.Equal(50, report.Scenarios[0].Iterations.Ok);
        Assert.Equal(5, report.Scenarios[0].DurationSeconds, 1); // measured on the run's clock
        Assert.Equal(10, report.Scenarios[0].Iterations.RequestsPerSecond, 1);
    }

    [Fact]
    public async Task On_a_manual_clock_a_closed_population_follows_its_ramp_up_and_down()
    {
        var clock = new ManualTimeProvider();
        var scenario = Scenario.Create("population", Step.Create("pause", async ctx =>
            {
                await Task.Delay(2, ctx.CancellationToken);
                return Response.Ok();
            }))
            .WithLoadSimulations(LoadSimulation.RampingConstant(4, TimeSpan.FromSeconds(4)), LoadSimulation.RampingConstant(0, TimeSpan.FromSeconds(4)));

        var run = LoadRun.Start([scenario], Loopback, Quiet with { Time = clock });
        await Awaiting.ConditionAsync(() => run.Progress()[0].Phase == "measured");
        foreach (var (advance, users) in new[] { (2, 2), (2, 4), (2, 2) })
        {
            await AdvanceWhenDriverSleepsAsync(clock, TimeSpan.FromSeconds(advance));
            await Awaiting.ConditionAsync(() => run.Progress()[0].LiveUsers == users, message: $"expected {users} users");
        }
        // Past the schedule's end (8 s), short of the duration bound (9 s).
        await AdvanceWhenDriverSleepsAsync(clock, TimeSpan.FromSeconds(2.5));
        var report = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var result = Assert.Single(report.Scenarios);
        Assert.Equal(4, result.PeakUsers);
        Assert.True(result.Iterations.Ok > 0);
        AssertCountsAddUp(report);
    }

    [Fact]
    public async Task Warm_up_iterations_are_run_but_not_counted()
    {
        var scenario = Scenario.Create("warm", Ok())
            .WithWarmUp(TimeSpan.FromMilliseconds(500))
            .WithLoadSimulations(LoadSimulation.Inject(20, Second, Second));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet);

        var result = Assert.Single(report.Scenarios);
        Assert.Equal(10, result.WarmUpIterations); // the first half second of the same schedule
        Assert.Equal(20, result.Iterations.Requests);
        Assert.Equal("completed", report.Run.StopReason);
    }

    [Fact]
    public async Task Stopping_a_run_writes_a_partial_report_that_says_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var scenario = Scenario.Create("stopped", Step.Create("yield", async _ =>
            {
                await Task.Yield();
                return Response.Ok();
            }))
            .WithLoadSimulations(LoadSimulation.KeepConstant(2, TimeSpan.FromHours(1)));

        var run = LoadRun.Start([scenario], Loopback, Quiet, stop.Token);
        await Awaiting.ConditionAsync(() => run.Progress()[0].OkIterations >= 100);
        await stop.CancelAsync();
        var report = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("cancelled", report.Run.StopReason);
        Assert.True(report.Scenarios[0].Iterations.Ok >= 100);
        Assert.Equal(0, report.Scenarios[0].Iterations.Failed); // a graceful stop lets running iterations finish
        AssertCountsAddUp(report);
    }

    [Fact]
    public async Task After_the_drain_timeout_running_steps_are_cancelled_and_counted_as_cancelled()
    {
        var scenario = Scenario.Create("stuck", Step.Create("wait", async ctx =>
            {
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return Response.Ok();
            }))
            .WithStepTimeout(TimeSpan.FromHours(1))
            .WithLoadSimulations(LoadSimulation.Inject(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet with { DrainTimeout = TimeSpan.FromMilliseconds(100) });

        var wait = Assert.Single(report.Scenarios[0].Steps);
        Assert.Equal(("cancelled", 3L), (wait.Errors.Single().Kind, wait.Errors.Single().Count));
        Assert.Equal(0, report.Scenarios[0].AbandonedUsers);
        AssertCountsAddUp(report);
    }

    [Fact]
    public async Task A_step_that_ignores_cancellation_is_abandoned_and_the_run_still_ends()
    {
        var never = new TaskCompletionSource<Response>();
        var scenario = Scenario.Create("deaf", Step.Create("ignore", _ => new ValueTask<Response>(never.Task)))
            .WithLoadSimulations(LoadSimulation.Inject(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)));

        var report = await LoadRunner.RunAsync([scenario], Loopback,
            Quiet with { DrainTimeout = TimeSpan.FromMilliseconds(100), AbandonAfter = TimeSpan.FromMilliseconds(100) });

        Assert.Equal(2, report.Scenarios[0].AbandonedUsers);
        Assert.Contains(report.Hints, h => h.Contains("does not honour its cancellation token"));
    }

    [Fact]
    public async Task Arrivals_beyond_the_user_cap_are_dropped_and_counted()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = Scenario.Create("capped", Step.Create("gated", async ctx =>
            {
                await gate.Task.WaitAsync(ctx.CancellationToken);
                return Response.Ok();
            }))
            .WithMaxConcurrentUsers(2)
            .WithLoadSimulations(LoadSimulation.Inject(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)));

        var run = LoadRun.Start([scenario], Loopback, Quiet);
        await Awaiting.ConditionAsync(() => run.Progress()[0].DroppedArrivals == 8);
        gate.SetResult();
        var report = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var result = Assert.Single(report.Scenarios);
        Assert.Equal(8, result.DroppedArrivals);
        Assert.Equal(2, result.Iterations.Ok);
        Assert.Contains(report.Hints, h => h.Contains("dropped 8 arrivals"));
    }

    [Fact]
    public void A_population_above_the_user_cap_is_refused_before_the_run_starts()
    {
        var scenario = Scenario.Create("too-many", Ok()).WithMaxConcurrentUsers(5).WithLoadSimulations(LoadSimulation.KeepConstant(6, Second));

        var e = Assert.Throws<ArgumentException>(() => LoadRun.Start([scenario], Loopback, Quiet));
        Assert.Contains("asks for 6 users but allows at most 5", e.Message);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("clean")]
    public void A_step_may_not_take_a_reserved_name(string name) =>
        Assert.Throws<ArgumentException>(() => LoadRun.Start([Scenario.Create("reserved", Ok(name))], Loopback, Quiet));

    [Fact]
    public async Task Users_get_distinct_ids_from_the_offset_and_source_addresses_round_robin()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<long, IPAddress?>();
        var target = new LoadTarget(IPAddress.Loopback, sourceAddresses: [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")]);
        var scenario = Scenario.Create("ids", Step.Create("note", ctx =>
            {
                Assert.True(seen.TryAdd(ctx.UserId, ctx.SourceAddress));
                return ValueTask.FromResult(Response.Ok());
            }))
            .WithLoadSimulations(LoadSimulation.Inject(20, Second, Second));

        await LoadRunner.RunAsync([scenario], target, Quiet with { UserIdOffset = 1_000_000 });

        Assert.Equal(Enumerable.Range(1_000_000, 20).Select(i => (long)i), seen.Keys.Order());
        Assert.All(seen, pair => Assert.Equal(pair.Key % 2 == 0 ? "127.0.0.2" : "127.0.0.3", pair.Value!.ToString()));
    }

    [Fact]
    public async Task Init_and_clean_run_once_per_user_and_are_reported_as_their_own_lines()
    {
        var scenario = Scenario.Create("lifecycle", Ok())
            .WithInit(ctx =>
            {
                ctx.State = new object();
                return ValueTask.FromResult(Response.Ok(bytesOut: 1));
            })
            .WithClean(ctx => ValueTask.FromResult(ctx.State is null ? Response.Fail("no-state") : Response.Ok()))
            .WithLoadSimulations(LoadSimulation.Inject(12, Second, Second));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet);

        var steps = report.Scenarios[0].Steps;
        Assert.Equal(["init", "ok", "clean"], steps.Select(s => s.Name));
        Assert.Equal(["init", "step", "clean"], steps.Select(s => s.Kind));
        Assert.All(steps, s => Assert.Equal(12, s.Ok));
    }

    [Fact]
    public async Task The_generator_samples_its_own_memory_and_cpu_during_the_run()
    {
        var scenario = Scenario.Create("sampled", Ok()).WithLoadSimulations(LoadSimulation.Inject(5, Second, Second));

        var report = await LoadRunner.RunAsync([scenario], Loopback, new LoadRunSettings { SampleInterval = TimeSpan.FromMilliseconds(200) });

        var generator = Assert.Single(report.Processes, p => p.Label == LoadRun.GeneratorLabel);
        Assert.Equal(Environment.ProcessId, generator.Pid);
        Assert.True(generator.Samples.Count >= 2, "a sample at the start and one at the end at least");
        Assert.True(generator.RssPeakBytes > 0);
    }
}
