using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class DeathWatchTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed class Idle : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);
    }

    private sealed record WatchIt(IActorRef Target);
    private sealed record UnwatchIt(IActorRef Target);

    private sealed class Watcher(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case WatchIt w:
                    Context.Watch(w.Target);
                    probe.Tell("watching");
                    break;
                case UnwatchIt u:
                    Context.Unwatch(u.Target);
                    probe.Tell("unwatched");
                    break;
                case Terminated t:
                    probe.Tell(t);
                    break;
                default:
                    probe.Tell(message);
                    break;
            }
        }
    }

    [Fact]
    public async Task Watcher_receives_Terminated_when_the_watched_actor_stops()
    {
        var probe = _kit.CreateTestProbe();
        var target = _kit.System.ActorOf(Props.Create<Idle>());
        var watcher = _kit.System.ActorOf(Props.Create(() => new Watcher(probe)));
        watcher.Tell(new WatchIt(target));
        await probe.ExpectMsgAsync("watching");
        _kit.System.Stop(target);
        var terminated = await probe.ExpectMsgAsync<Terminated>();
        Assert.Equal(target, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public async Task Watching_an_actor_that_is_already_dead_delivers_Terminated_at_once()
    {
        var probe = _kit.CreateTestProbe();
        var target = _kit.System.ActorOf(Props.Create<Idle>());
        Assert.True(await target.GracefulStop(TimeSpan.FromSeconds(15)));
        var watcher = _kit.System.ActorOf(Props.Create(() => new Watcher(probe)));
        watcher.Tell(new WatchIt(target));
        await probe.ExpectMsgAsync("watching");
        var terminated = await probe.ExpectMsgAsync<Terminated>();
        Assert.Equal(target, terminated.ActorRef);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Watching_a_path_that_names_no_actor_delivers_Terminated_at_once()
    {
        var probe = _kit.CreateTestProbe();
        var nobody = _kit.System.ResolveActorRef("/user/never-existed");
        var watcher = _kit.System.ActorOf(Props.Create(() => new Watcher(probe)));
        watcher.Tell(new WatchIt(nobody));
        await probe.ExpectMsgAsync("watching");
        Assert.Equal(nobody.Path, (await probe.ExpectMsgAsync<Terminated>()).ActorRef.Path);
    }

    [Fact]
    public async Task After_unwatch_no_Terminated_is_delivered()
    {
        var probe = _kit.CreateTestProbe();
        var target = _kit.System.ActorOf(Props.Create<Idle>());
        var watcher = _kit.System.ActorOf(Props.Create(() => new Watcher(probe)));
        watcher.Tell(new WatchIt(target));
        await probe.ExpectMsgAsync("watching");
        watcher.Tell(new UnwatchIt(target));
        await probe.ExpectMsgAsync("unwatched");
        Assert.True(await target.GracefulStop(TimeSpan.FromSeconds(15)));
        // A marker sent after the stop completed arrives with nothing before it.
        watcher.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>());
    }

    private sealed class ForgetfulWatcher(IActorRef target, IActorRef probe) : ReceiveActor
    {
        protected override void PreStart() => Context.Watch(target);
        protected override void PostStop() => probe.Tell("watcher-stopped");
    }

    [Fact]
    public async Task Unhandled_Terminated_is_a_death_pact_that_stops_the_watcher()
    {
        var probe = _kit.CreateTestProbe();
        var target = _kit.System.ActorOf(Props.Create<Idle>());
        _kit.System.ActorOf(Props.Create(() => new ForgetfulWatcher(target, probe)));
        _kit.System.Stop(target);
        await probe.ExpectMsgAsync("watcher-stopped");
        await _kit.AwaitAssertAsync(() => Assert.Contains(_kit.Log.Entries, e => e.Exception is DeathPactException));
    }

    [Fact]
    public async Task Stopping_a_parent_stops_its_children_first()
    {
        var probe = _kit.CreateTestProbe();
        var parent = _kit.System.ActorOf(Props.Create(() => new Nest(probe, 2)), "nest");
        Assert.Equal("ready", await probe.ExpectMsgAsync<string>());
        var grandchild = await _kit.AwaitChild("/user/nest/n1/n0");
        probe.Watch(grandchild);
        Assert.True(await parent.GracefulStop(TimeSpan.FromSeconds(15)));
        var received = new List<object>();
        for (var i = 0; i < 4; i++) received.Add(await probe.ReceiveOneAsync());
        Assert.Equal(grandchild, Assert.Single(received.OfType<Terminated>()).ActorRef);
        var order = received.OfType<string>().ToList();
        Assert.Equal(["stopped n0", "stopped n1", "stopped nest"], order);
    }

    private sealed class Nest(IActorRef probe, int depth) : UntypedActor
    {
        protected override void PreStart()
        {
            if (depth > 0) Context.ActorOf(Props.Create(() => new Nest(probe, depth - 1)), $"n{depth - 1}");
            else probe.Tell("ready");
        }

        protected override void PostStop() => probe.Tell($"stopped {Self.Path.Name}");
        protected override void OnReceive(object message) { }
    }
}

internal static class FixtureExtensions
{
    /// <summary>Waits until a path resolves to a live actor and returns it.</summary>
    public static async Task<IActorRef> AwaitChild(this ActorSystemFixture kit, string path)
    {
        IActorRef? found = null;
        await kit.AwaitConditionAsync(() =>
        {
            var r = kit.System.ResolveActorRef(path);
            if (r.Path.Uid == 0) return false;
            found = r;
            return true;
        });
        return found!;
    }
}
