using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

/// <summary>
/// Instances of one actor class share their handler tables (the runtime re-binds them to the instance at dispatch).
/// Whatever is shared, each instance must still act on its own state, its own Become and its own constructor
/// arguments.
/// </summary>
public sealed class SharedBehaviourTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed record Add(int Amount);
    private sealed record Report;
    private sealed record Lock;
    private sealed record Ping;

    /// <summary>Handlers are its own methods and lambdas over its fields (the shareable kind), plus a Become.</summary>
    private sealed class Counter : ReceiveActor
    {
        private readonly string _name;
        private int _total;

        public Counter(string name)
        {
            _name = name;
            Open();
        }

        private void Open()
        {
            Receive<Add>(OnAdd, a => a.Amount > 0);
            Receive<Add>(_ => Sender.Tell($"{_name} refuses"));
            Receive<Report>(_ => Sender.Tell($"{_name} {_total}"));
            Receive<Lock>(_ => Become(Locked));
            ReceiveAsync<Ping>(async _ =>
            {
                await Task.Yield();
                Sender.Tell($"{_name} pong {_total}");
            });
        }

        private void Locked()
        {
            Receive<Report>(_ => Sender.Tell($"{_name} locked at {_total}"));
            Receive<Add>(_ => Sender.Tell($"{_name} is locked"));
        }

        private void OnAdd(Add add) => _total += add.Amount;
    }

    /// <summary>A handler that captures a constructor argument (not shareable: keeps its own table).</summary>
    private sealed class Greeter : ReceiveActor
    {
        public Greeter(string greeting) => Receive<string>(who => Sender.Tell($"{greeting}, {who}"));
    }

    [Fact]
    public async Task Instances_of_one_class_keep_their_own_state_and_their_own_behaviour()
    {
        var probe = _kit.CreateTestProbe();
        var a = _kit.System.ActorOf(Props.Create(() => new Counter("a")));
        var b = _kit.System.ActorOf(Props.Create(() => new Counter("b")));
        a.Tell(new Add(2), probe.Ref);
        b.Tell(new Add(40), probe.Ref);
        a.Tell(new Add(3), probe.Ref);
        a.Tell(new Add(-1), probe.Ref);
        Assert.Equal("a refuses", await probe.ExpectMsgAsync<string>());
        a.Tell(new Report(), probe.Ref);
        Assert.Equal("a 5", await probe.ExpectMsgAsync<string>());
        b.Tell(new Report(), probe.Ref);
        Assert.Equal("b 40", await probe.ExpectMsgAsync<string>());

        b.Tell(new Lock(), probe.Ref);
        b.Tell(new Add(1), probe.Ref);
        Assert.Equal("b is locked", await probe.ExpectMsgAsync<string>());
        a.Tell(new Add(1), probe.Ref);
        a.Tell(new Report(), probe.Ref);
        Assert.Equal("a 6", await probe.ExpectMsgAsync<string>());
        b.Tell(new Report(), probe.Ref);
        Assert.Equal("b locked at 40", await probe.ExpectMsgAsync<string>());

        a.Tell(new Ping(), probe.Ref);
        Assert.Equal("a pong 6", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Handlers_that_capture_constructor_arguments_answer_with_their_own()
    {
        var probe = _kit.CreateTestProbe();
        var hello = _kit.System.ActorOf(Props.Create(() => new Greeter("hello")));
        var hi = _kit.System.ActorOf(Props.Create(() => new Greeter("hi")));
        hello.Tell("mario", probe.Ref);
        Assert.Equal("hello, mario", await probe.ExpectMsgAsync<string>());
        hi.Tell("luigi", probe.Ref);
        Assert.Equal("hi, luigi", await probe.ExpectMsgAsync<string>());
    }
}
