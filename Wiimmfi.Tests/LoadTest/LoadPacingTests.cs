using System.Net;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.LoadTest;

/// <summary>Closed-model users: pacing spaces a user's iterations; steps that never really wait cannot stall the run.</summary>
public sealed class LoadPacingTests
{
    private static readonly LoadTarget Loopback = new(IPAddress.Loopback);
    private static readonly LoadRunSettings Quiet = new() { SampleInterval = TimeSpan.Zero };

    private static Step Instant() => Step.Create("instant", _ => ValueTask.FromResult(Response.Ok()));

    [Fact]
    public async Task A_paced_user_starts_its_next_iteration_only_when_the_pacing_interval_has_passed()
    {
        var clock = new ManualTimeProvider();
        var scenario = Scenario.Create("paced", Instant())
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromHours(1))) with { Pacing = TimeSpan.FromSeconds(10) };

        var run = LoadRun.Start([scenario], Loopback, Quiet with { Time = clock, MaxDuration = TimeSpan.FromHours(2) });
        await Awaiting.ConditionAsync(() => run.Progress()[0].OkIterations == 1);
        clock.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(200);
        Assert.Equal(1, run.Progress()[0].OkIterations);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Awaiting.ConditionAsync(() => run.Progress()[0].OkIterations == 2);
        run.Stop();
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Users_whose_steps_complete_at_once_still_let_the_run_reach_its_end()
    {
        // 50 looping users of a step that never waits (a UDP send completes synchronously) must not hold the threads
        // the driver and the run's clock need.
        var scenario = Scenario.Create("instant", Instant())
            .WithLoadSimulations(LoadSimulation.KeepConstant(50, TimeSpan.FromSeconds(1)));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Quiet with { MaxIterations = 5_000_000 }).WaitAsync(TimeSpan.FromMinutes(2));

        var iterations = Assert.Single(report.Scenarios).Iterations;
        Assert.True(iterations.Ok > 0);
        Assert.Equal(0, iterations.Failed);
    }
}
