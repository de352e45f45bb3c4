using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class SupervisionTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed record Fail(string Why);
    private sealed record Hold(ManualResetEventSlim Gate);
    private sealed record Incarnation(int Number, string Event);

    private static int s_instances;

    /// <summary>Counts messages in its state; reports its life cycle and every message to a probe.</summary>
    private sealed class Worker : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly int _incarnation = Interlocked.Increment(ref s_instances);
        private int _seen;

        public Worker(IActorRef probe)
        {
            _probe = probe;
            Receive<Fail>(f => throw new InvalidOperationException(f.Why));
            Receive<Hold>(h => h.Gate.Wait(TimeSpan.FromSeconds(30)));
            Receive<string>(s => _probe.Tell($"{s}:{++_seen}"));
        }

        protected override void PreStart() => _probe.Tell(new Incarnation(_incarnation, "started"));
        protected override void PostStop() => _probe.Tell(new Incarnation(_incarnation, "stopped"));
        protected override void PostRestart(Exception reason) => _probe.Tell(new Incarnation(_incarnation, "restarted"));
    }

    private sealed class Parent : UntypedActor
    {
        private readonly SupervisorStrategy _strategy;
        private readonly Props _childProps;
        private readonly int _children;

        public Parent(SupervisorStrategy strategy, Props childProps, int children = 1)
        {
            _strategy = strategy;
            _childProps = childProps;
            _children = children;
        }

        protected override void PreStart()
        {
            for (var i = 0; i < _children; i++) Context.ActorOf(_childProps, $"child{i}");
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;

        protected override void OnReceive(object message)
        {
            if (message is string name) Sender.Tell(Context.Child(name));
            else Unhandled(message);
        }
    }

    private async Task<(IActorRef parent, IActorRef child)> StartParent(SupervisorStrategy strategy, TestProbe probe)
    {
        var parent = _kit.System.ActorOf(Props.Create(() => new Parent(strategy, Props.Create(() => new Worker(probe)))));
        await probe.ExpectMsgAsync<Incarnation>(i => i.Event == "started");
        var child = await parent.Ask<IActorRef>("child0");
        return (parent, child);
    }

    [Fact]
    public async Task Restarted_actor_gets_a_fresh_instance_and_keeps_processing_its_mailbox()
    {
        var probe = _kit.CreateTestProbe();
        var (_, child) = await StartParent(SupervisorStrategy.Default, probe);
        using var gate = new ManualResetEventSlim();
        child.Tell("a");
        child.Tell(new Hold(gate));
        child.Tell(new Fail("boom"));
        child.Tell("b");
        child.Tell("c");
        gate.Set();

        Assert.Equal("a:1", await probe.ExpectMsgAsync<string>());
        var stopped = await probe.ExpectMsgAsync<Incarnation>();
        Assert.Equal("stopped", stopped.Event); // PostStop of the failed instance (default PreRestart)
        var restarted = await probe.ExpectMsgAsync<Incarnation>();
        Assert.Equal("restarted", restarted.Event);
        Assert.NotEqual(stopped.Number, restarted.Number);
        // The failing message is dropped; the ones queued behind it reach the new instance, whose state starts over.
        Assert.Equal("b:1", await probe.ExpectMsgAsync<string>());
        Assert.Equal("c:2", await probe.ExpectMsgAsync<string>());
        Assert.Equal(1, _kit.System.Metrics.ActorRestarts);
    }

    [Fact]
    public async Task Failure_is_logged_with_the_actor_path_and_the_message_type()
    {
        var probe = _kit.CreateTestProbe();
        var (_, child) = await StartParent(SupervisorStrategy.Default, probe);
        child.Tell(new Fail("logged"));
        await probe.ExpectMsgAsync<Incarnation>(i => i.Event == "stopped");
        await _kit.AwaitAssertAsync(() =>
        {
            var entry = Assert.Single(_kit.Log.Entries, e => e.EventId.Id == 1000);
            Assert.Equal(LogLevel.Error, entry.Level);
            Assert.Contains(child.Path.ToString(), entry.Message);
            Assert.Contains(nameof(Fail), entry.Message);
            Assert.Contains("Restart", entry.Message);
            Assert.Equal("logged", entry.Exception!.Message);
        });
    }

    [Fact]
    public async Task Resume_keeps_the_instance_and_its_state()
    {
        var probe = _kit.CreateTestProbe();
        var (_, child) = await StartParent(new OneForOneStrategy(_ => Directive.Resume), probe);
        child.Tell("a");
        child.Tell(new Fail("ignored"));
        child.Tell("b");
        Assert.Equal("a:1", await probe.ExpectMsgAsync<string>());
        Assert.Equal("b:2", await probe.ExpectMsgAsync<string>());
        Assert.Equal(0, _kit.System.Metrics.ActorRestarts);
    }

    [Fact]
    public async Task Stop_directive_stops_the_child_and_its_pending_messages_become_dead_letters()
    {
        var probe = _kit.CreateTestProbe();
        var (_, child) = await StartParent(new OneForOneStrategy(_ => Directive.Stop), probe);
        probe.Watch(child);
        child.Tell(new Fail("fatal"));
        await probe.ExpectMsgAsync<Incarnation>(i => i.Event == "stopped");
        var terminated = await probe.ExpectMsgAsync<Terminated>();
        Assert.Equal(child, terminated.ActorRef);
        var before = _kit.System.Metrics.DeadLetters;
        child.Tell("late");
        Assert.Equal(before + 1, _kit.System.Metrics.DeadLetters);
    }

    [Fact]
    public async Task Escalate_fails_the_parent_whose_supervisor_restarts_it_and_its_children()
    {
        var probe = _kit.CreateTestProbe();
        var (parent, child) = await StartParent(new OneForOneStrategy(_ => Directive.Escalate), probe);
        child.Tell(new Fail("up"));
        // The parent restarts (default strategy of /user): its default PreRestart stops the child, then a
        // new parent instance starts a new child.
        await probe.ExpectMsgAsync<Incarnation>(i => i.Event == "stopped");
        await probe.ExpectMsgAsync<Incarnation>(i => i.Event == "started");
        var newChild = await parent.Ask<IActorRef>("child0");
        Assert.NotEqual(child, newChild);
        Assert.Equal(child.Path, newChild.Path);
    }

    [Fact]
    public async Task Restart_budget_exceeded_stops_the_child()
    {
        var probe = _kit.CreateTestProbe();
        var (_, child) = await StartParent(new OneForOneStrategy(1, TimeSpan.FromMinutes(1), _ => Directive.Restart), probe);
        probe.Watch(child);
        child.Tell(new Fail("1"));
        await probe.FishForMessageAsync<Incarnation>(i => i.Event == "restarted");
        child.Tell(new Fail("2"));
        await probe.FishForMessageAsync<Terminated>(t => t.ActorRef.Equals(child));
    }

    [Fact]
    public async Task All_for_one_restarts_every_child_when_one_fails()
    {
        var probe = _kit.CreateTestProbe();
        var parent = _kit.System.ActorOf(Props.Create(() => new Parent(new AllForOneStrategy(_ => Directive.Restart), Props.Create(() => new Worker(probe)), 2)));
        await probe.ExpectMsgAsync<Incarnation>(i => i.Event == "started");
        await probe.ExpectMsgAsync<Incarnation>(i => i.Event == "started");
        var first = await parent.Ask<IActorRef>("child0");
        first.Tell(new Fail("one"));
        var restarted = 0;
        while (restarted < 2)
        {
            var m = await probe.ExpectMsgAsync<Incarnation>();
            if (m.Event == "restarted") restarted++;
        }
        Assert.Equal(2, _kit.System.Metrics.ActorRestarts);
    }

    private sealed class FailsInConstructor : UntypedActor
    {
        public FailsInConstructor() => throw new InvalidOperationException("no");
        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task Constructor_failure_stops_the_actor_by_default()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new FailsInConstructor()));
        probe.Watch(actor);
        await probe.ExpectMsgAsync<Terminated>();
        await _kit.AwaitAssertAsync(() => Assert.Contains(_kit.Log.Entries, e => e.EventId.Id == 1000 && e.Exception is ActorInitializationException));
    }

    [Fact]
    public async Task Kill_fails_the_actor_with_ActorKilledException_and_stops_it()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new Worker(probe)));
        await probe.ExpectMsgAsync<Incarnation>();
        probe.Watch(actor);
        actor.Tell(Kill.Instance);
        await probe.FishForMessageAsync<Terminated>(t => t.ActorRef.Equals(actor));
        Assert.Contains(_kit.Log.Entries, e => e.EventId.Id == 1000 && e.Exception is ActorKilledException);
    }

    [Fact]
    public async Task A_failing_top_level_actor_does_not_stop_the_system()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new Worker(probe)));
        await probe.ExpectMsgAsync<Incarnation>();
        for (var i = 0; i < 5; i++) actor.Tell(new Fail("again"));
        actor.Tell("still-here");
        await probe.FishForMessageAsync<string>(s => s.StartsWith("still-here"));
        Assert.False(_kit.System.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Failure_of_the_user_guardian_stops_the_system_cleanly_with_a_critical_log()
    {
        var kit = new ActorSystemFixture();
        var probe = kit.CreateTestProbe();
        var worker = kit.System.ActorOf(Props.Create(() => new Worker(probe)));
        await probe.ExpectMsgAsync<Incarnation>();
        kit.System.ResolveActorRef("/user").Tell(Kill.Instance);
        await kit.System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(kit.Log.Entries, e => e.EventId.Id == 1021 && e.Level == LogLevel.Critical);
        // Its actors were stopped properly (PostStop ran) on the way down.
        Assert.Equal(0, kit.System.Metrics.LiveActors);
    }
}
