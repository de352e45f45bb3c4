using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class StashAndBecomeTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new(new ActorSystemSettings { StashCapacity = 3 });

    public void Dispose() => _kit.Dispose();

    private sealed record Open;
    private sealed record Close;

    /// <summary>A gate: while closed it stashes work; opening it replays the stash in order.</summary>
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate(IActorRef probe)
        {
            Closed(probe);
        }

        private void Closed(IActorRef probe)
        {
            Receive<Open>(_ =>
            {
                Become(() => Opened(probe));
                Stash.UnstashAll();
                probe.Tell("opened");
            });
            Receive<string>(_ => Stash.Stash());
        }

        private void Opened(IActorRef probe)
        {
            Receive<Close>(_ => Become(() => Closed(probe)));
            Receive<string>(s => probe.Tell($"work {s}"));
        }
    }

    [Fact]
    public async Task Stashed_messages_are_replayed_in_order_after_Become()
    {
        var probe = _kit.CreateTestProbe();
        var gate = _kit.System.ActorOf(Props.Create(() => new Gate(probe)));
        gate.Tell("1");
        gate.Tell("2");
        gate.Tell(new Open());
        gate.Tell("3");
        Assert.Equal("opened", await probe.ExpectMsgAsync<string>());
        Assert.Equal("work 1", await probe.ExpectMsgAsync<string>());
        Assert.Equal("work 2", await probe.ExpectMsgAsync<string>());
        Assert.Equal("work 3", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Stashing_beyond_the_capacity_fails_with_StashOverflowException()
    {
        var probe = _kit.CreateTestProbe();
        var gate = _kit.System.ActorOf(Props.Create(() => new Gate(probe)));
        for (var i = 0; i < 4; i++) gate.Tell(i.ToString());
        await _kit.AwaitAssertAsync(() => Assert.Contains(_kit.Log.Entries, e => e.Exception is StashOverflowException));
    }

    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Receive<string>(s => s == "push", _ => BecomeStacked(() =>
            {
                Receive<string>(m => m == "pop", _ => UnbecomeStacked());
                Receive<string>(m => Sender.Tell("upper " + m));
            }));
            Receive<string>(s => Sender.Tell("base " + s));
        }
    }

    [Fact]
    public async Task BecomeStacked_and_UnbecomeStacked_switch_behaviours()
    {
        var actor = _kit.System.ActorOf(Props.Create<Switch>());
        Assert.Equal("base a", await actor.Ask<string>("a"));
        actor.Tell("push");
        Assert.Equal("upper b", await actor.Ask<string>("b"));
        actor.Tell("pop");
        Assert.Equal("base c", await actor.Ask<string>("c"));
    }

    private sealed class Untyped(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "mute") Context.Become(m => { probe.Tell($"muted {m}"); return true; });
            else probe.Tell(message);
        }
    }

    [Fact]
    public async Task Context_Become_replaces_the_behaviour_of_an_untyped_actor()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new Untyped(probe)));
        actor.Tell("x");
        actor.Tell("mute");
        actor.Tell("y");
        Assert.Equal("x", await probe.ExpectMsgAsync<string>());
        Assert.Equal("muted y", await probe.ExpectMsgAsync<string>());
    }

    private sealed class Unhandling : ReceiveActor
    {
        public Unhandling() => Receive<int>(_ => { });
    }

    [Fact]
    public async Task Unhandled_message_is_published_and_counted()
    {
        var probe = _kit.CreateTestProbe();
        _kit.System.EventStream.Subscribe(probe, typeof(UnhandledMessage));
        var actor = _kit.System.ActorOf(Props.Create<Unhandling>());
        actor.Tell("what?", probe);
        var unhandled = await probe.ExpectMsgAsync<UnhandledMessage>();
        Assert.Equal("what?", unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(1, _kit.System.Metrics.UnhandledMessages);
    }

    private sealed class AsyncWorker : ReceiveActor
    {
        private int _inside;

        public AsyncWorker(IActorRef probe)
        {
            ReceiveAsync<string>(async s =>
            {
                if (Interlocked.Increment(ref _inside) != 1) probe.Tell("re-entered!");
                await Task.Delay(5);
                await Task.Yield();
                probe.Tell($"{s} from {Sender.Path.Name}");
                Interlocked.Decrement(ref _inside);
            });
            ReceiveAsync<int>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            });
        }

        protected override void PostRestart(Exception reason) => Self.Tell("restarted", ActorRefs.NoSender);
    }

    [Fact]
    public async Task ReceiveAsync_processes_one_message_at_a_time_with_the_same_sender_after_await()
    {
        var probe = _kit.CreateTestProbe("sender");
        var actor = _kit.System.ActorOf(Props.Create(() => new AsyncWorker(probe)));
        for (var i = 0; i < 5; i++) actor.Tell($"m{i}", probe);
        for (var i = 0; i < 5; i++) Assert.Equal($"m{i} from sender", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Failed_task_of_ReceiveAsync_goes_through_supervision()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new AsyncWorker(probe)));
        actor.Tell(1);
        Assert.Equal("restarted from deadLetters", await probe.ExpectMsgAsync<string>());
        Assert.Contains(_kit.Log.Entries, e => e.Exception?.Message == "async failure");
    }
}
