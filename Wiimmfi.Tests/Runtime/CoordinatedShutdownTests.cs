using System.Collections.Concurrent;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class CoordinatedShutdownTests
{
    [Fact]
    public async Task Phases_run_in_order_and_tasks_of_one_phase_run_together()
    {
        var kit = new ActorSystemFixture();
        var log = new ConcurrentQueue<string>();
        var cs = kit.System.CoordinatedShutdown;
        var bothStarted = new TaskCompletionSource();
        var started = 0;
        async Task Parallel(string name)
        {
            log.Enqueue($"{name} start");
            if (Interlocked.Increment(ref started) == 2) bothStarted.SetResult();
            await bothStarted.Task; // completes only if both tasks of the phase run at the same time
            log.Enqueue($"{name} end");
        }
        cs.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "persist", () => { log.Enqueue("persist"); return Task.CompletedTask; });
        cs.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain", () => { log.Enqueue("drain"); return Task.CompletedTask; });
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "gpcm", () => Parallel("gpcm"));
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "natneg", () => Parallel("natneg"));
        cs.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "announce", () => { log.Enqueue("announce"); return Task.CompletedTask; });
        await kit.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        var order = log.ToList();
        Assert.Equal("announce", order[0]);
        Assert.Equal(["drain", "persist"], order.Skip(5));
        Assert.Equal(2, order.Skip(1).Take(2).Count(e => e.EndsWith("start", StringComparison.Ordinal)));
        Assert.Equal(CoordinatedShutdown.ActorSystemTerminateReason, cs.ShutdownReason);
    }

    [Fact]
    public async Task Run_is_idempotent_and_a_failing_or_late_task_does_not_block_the_shutdown()
    {
        var kit = new ActorSystemFixture(new ActorSystemSettings
        {
            ShutdownPhaseTimeouts = new Dictionary<string, TimeSpan> { [CoordinatedShutdown.PhaseServiceStop] = TimeSpan.FromMilliseconds(100) },
        });
        var cs = kit.System.CoordinatedShutdown;
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "broken", () => throw new InvalidOperationException("bad"));
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "hangs", () => new TaskCompletionSource().Task);
        var ran = false;
        cs.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "after", () => { ran = true; return Task.CompletedTask; });
        var first = cs.Run(new CoordinatedShutdown.Reason("test"));
        var second = cs.Run(CoordinatedShutdown.UnknownReason);
        Assert.Same(first, second);
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ran);
        Assert.True(kit.System.WhenTerminated.IsCompleted);
        Assert.Equal("test", cs.ShutdownReason!.Name);
        Assert.Contains(kit.Log.Entries, e => e.EventId.Id == 1032);
        Assert.Contains(kit.Log.Entries, e => e.EventId.Id == 1031);
    }

    [Fact]
    public void Unknown_phase_is_refused()
    {
        using var kit = new ActorSystemFixture();
        Assert.Throws<ArgumentException>(() => kit.System.CoordinatedShutdown.AddTask("no-such-phase", "x", () => Task.CompletedTask));
    }

    [Fact]
    public async Task Terminate_stops_every_actor_and_runs_their_PostStop()
    {
        var kit = new ActorSystemFixture();
        var stopped = 0;
        for (var i = 0; i < 20; i++) kit.System.ActorOf(Props.Create(() => new Counting(() => Interlocked.Increment(ref stopped))));
        await kit.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(20, stopped);
        Assert.Equal(0, kit.System.Metrics.LiveActors);
        Assert.Throws<InvalidOperationException>(() => kit.System.ActorOf(Props.Create(() => new Counting(() => 0))));
    }

    private sealed class Counting(Func<int> onStop) : UntypedActor
    {
        protected override void PostStop() => onStop();
        protected override void OnReceive(object message) { }
    }
}
