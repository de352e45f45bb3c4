using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class ContextTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed class Recorder(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message) => probe.Tell(message);
        protected override void PostStop() => probe.Tell("post-stop");
    }

    [Fact]
    public async Task PoisonPill_stops_the_actor_after_the_messages_queued_before_it()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new Recorder(probe)));
        actor.Tell("1");
        actor.Tell("2");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after");
        Assert.Equal("1", await probe.ExpectMsgAsync<string>());
        Assert.Equal("2", await probe.ExpectMsgAsync<string>());
        Assert.Equal("post-stop", await probe.ExpectMsgAsync<string>());
        await _kit.AwaitConditionAsync(() => _kit.System.Metrics.DeadLetters >= 1);
    }

    private sealed class Family(IActorRef probe) : ReceiveActor
    {
        public Family() : this(ActorRefs.Nobody) { }

        protected override void PreStart()
        {
            Context.ActorOf(Props.Create(() => new Recorder(probe)));
            Context.ActorOf(Props.Create(() => new Recorder(probe)));
            Context.ActorOf(Props.Create(() => new Recorder(probe)), "named");
            probe.Tell(string.Join(",", Context.Children.Select(c => c.Path.Name).Order()));
            probe.Tell(Context.Child("named").Path.ToStringWithoutAddress());
            probe.Tell(Context.Child("missing").Equals(ActorRefs.Nobody));
            probe.Tell(Context.Parent.Path.ToStringWithoutAddress());
            probe.Tell(Context.Sender.Equals(Context.System.DeadLetters));
        }
    }

    [Fact]
    public async Task Children_get_generated_names_and_can_be_found_by_name()
    {
        var probe = _kit.CreateTestProbe();
        _kit.System.ActorOf(Props.Create(() => new Family(probe)), "family");
        Assert.Equal("$a,$b,named", await probe.ExpectMsgAsync<string>());
        Assert.Equal("/user/family/named", await probe.ExpectMsgAsync<string>());
        Assert.True(await probe.ExpectMsgAsync<bool>());
        Assert.Equal("/user", await probe.ExpectMsgAsync<string>());
        Assert.True(await probe.ExpectMsgAsync<bool>()); // no current message: Sender is dead letters
    }

    [Fact]
    public void System_actors_live_under_system()
    {
        var actor = _kit.System.SystemActorOf(Props.Create(() => new Recorder(ActorRefs.Nobody)), "io-manager");
        Assert.Equal("/system/io-manager", actor.Path.ToStringWithoutAddress());
    }

    private sealed record Gone(string Who);

    private sealed class CustomWatcher(IActorRef target, IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => Context.WatchWith(target, new Gone("target"));
        protected override void OnReceive(object message) => probe.Tell(message);
    }

    [Fact]
    public async Task WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var probe = _kit.CreateTestProbe();
        var target = _kit.System.ActorOf(Props.Create(() => new Recorder(ActorRefs.Nobody)));
        _kit.System.ActorOf(Props.Create(() => new CustomWatcher(target, probe)));
        target.Tell(PoisonPill.Instance);
        Assert.Equal(new Gone("target"), await probe.ExpectMsgAsync<Gone>());
    }

    private sealed class OneByOne : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public OneByOne(IActorRef probe)
        {
            Receive<string>(s => s == "next", _ => Stash.Unstash());
            Receive<string>(s => s.StartsWith("keep", StringComparison.Ordinal), _ => { Stash.Stash(); probe.Tell($"stashed {Stash.Count}"); });
            Receive<string>(s => probe.Tell(s));
            Receive<int>(_ => throw new InvalidOperationException("restart with a full stash"));
        }
    }

    [Fact]
    public async Task Unstash_returns_the_oldest_stashed_message_first()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new OneByOne(probe)));
        actor.Tell("keep-1");
        actor.Tell("keep-2");
        Assert.Equal("stashed 1", await probe.ExpectMsgAsync<string>());
        Assert.Equal("stashed 2", await probe.ExpectMsgAsync<string>());
        actor.Tell("next");
        // keep-1 comes back, is stashed again (now behind keep-2).
        Assert.Equal("stashed 2", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Stashed_messages_survive_a_restart()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new OneByOne(probe)));
        actor.Tell("keep-1");
        Assert.Equal("stashed 1", await probe.ExpectMsgAsync<string>());
        actor.Tell(1);
        // The new instance receives the stashed message first and stashes it in its own, empty stash.
        Assert.Equal("stashed 1", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task A_stopped_event_stream_subscriber_does_not_make_dead_letters_loop()
    {
        var probe = _kit.CreateTestProbe();
        var subscriber = _kit.System.ActorOf(Props.Create(() => new Recorder(ActorRefs.Nobody)));
        _kit.System.EventStream.Subscribe(subscriber, typeof(DeadLetter));
        _kit.System.EventStream.Subscribe(probe, typeof(DeadLetter));
        Assert.True(await subscriber.GracefulStop(TimeSpan.FromSeconds(15)));
        _kit.System.DeadLetters.Tell("lost");
        Assert.Equal("lost", (await probe.ExpectMsgAsync<DeadLetter>()).Message);
        probe.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>());
        Assert.Equal(1, _kit.System.Metrics.DeadLetters);
    }
}

public sealed class DeliveryReceiptTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed class Receipt(string name) : IDeliveryReceipt
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public string Name => name;
        public void Delivered() => Interlocked.Increment(ref _count);
    }

    private sealed class StashOnce : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public StashOnce(IActorRef probe, TaskCompletionSource gate)
        {
            Receive<Receipt>(r => r.Name == "stash", _ => Stash.Stash());
            Receive<string>(s => s == "unstash", _ => Stash.UnstashAll());
            ReceiveAsync<Receipt>(async r =>
            {
                probe.Tell($"async {r.Count}");
                await gate.Task;
            }, r => r.Name == "async");
            Receive<Receipt>(r => probe.Tell($"{r.Name} {r.Count}"));
        }
    }

    [Fact]
    public async Task Receipt_comes_once_per_message_after_it_was_really_processed()
    {
        var probe = _kit.CreateTestProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = _kit.System.ActorOf(Props.Create(() => new StashOnce(probe, gate)));
        var stashed = new Receipt("stash");
        var plain = new Receipt("plain");
        var async = new Receipt("async");
        actor.Tell(stashed);
        actor.Tell(plain);
        Assert.Equal("plain 0", await probe.ExpectMsgAsync<string>());
        await Awaiting.ConditionAsync(() => plain.Count == 1);
        Assert.Equal(0, stashed.Count); // set aside, not yet dealt with

        actor.Tell(async);
        Assert.Equal("async 0", await probe.ExpectMsgAsync<string>());
        actor.Tell("unstash");
        Assert.Equal(0, async.Count); // its handler is still awaiting
        gate.SetResult();
        await Awaiting.ConditionAsync(() => async.Count == 1);
        // After the async handler, the unstash runs; the stashed receipt is handled by the stash rule again.
        await Awaiting.ConditionAsync(() => !probe.HasMessages);
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(15)));
        Assert.Equal(1, stashed.Count); // it ended in the stash again and became a dead letter at the stop
        Assert.Equal(1, plain.Count);
        Assert.Equal(1, async.Count);
    }
}
