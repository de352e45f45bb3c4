using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class AskAndPipeTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<int>(n => Sender.Tell(n * 2));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant()));
        }
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        Assert.Equal(42, await responder.Ask<int>(21));
    }

    [Fact]
    public async Task Ask_without_a_reply_times_out_with_AskTimeoutException()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        await Assert.ThrowsAsync<AskTimeoutException>(() => responder.Ask<string>("silent", TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Ask_with_a_reply_of_another_type_throws_InvalidCastException()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        await Assert.ThrowsAsync<InvalidCastException>(() => responder.Ask<int>("text"));
    }

    [Fact]
    public async Task Ask_answered_with_Status_Failure_throws_the_carried_exception()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => responder.Ask<string>("fail"));
        Assert.Equal("refused", error.Message);
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        using var cts = new CancellationTokenSource();
        var ask = responder.Ask<string>("silent", TimeSpan.FromMinutes(1), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task Ask_of_a_dead_actor_times_out_and_counts_a_dead_letter()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        Assert.True(await responder.GracefulStop(TimeSpan.FromSeconds(15)));
        var before = _kit.System.Metrics.DeadLetters;
        await Assert.ThrowsAsync<AskTimeoutException>(() => responder.Ask<int>(1, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(before + 1, _kit.System.Metrics.DeadLetters);
    }

    [Fact]
    public async Task Reply_to_an_ask_can_be_addressed_by_its_path()
    {
        var relay = _kit.System.ActorOf(Props.Create(() => new ReplyByPath()));
        Assert.Equal("via path", await relay.Ask<string>("go"));
    }

    private sealed class ReplyByPath : UntypedActor
    {
        protected override void OnReceive(object message) =>
            Context.System.ResolveActorRef(Sender.Path.ToSerializationFormat()).Tell("via path");
    }

    [Fact]
    public async Task PipeTo_sends_the_result_of_a_task()
    {
        var probe = _kit.CreateTestProbe();
        await Task.FromResult(5).PipeTo(probe);
        Assert.Equal(5, await probe.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task PipeTo_sends_Status_Failure_for_a_failed_task()
    {
        var probe = _kit.CreateTestProbe();
        await Task.FromException<int>(new TimeoutException("slow")).PipeTo(probe);
        var failure = await probe.ExpectMsgAsync<Status.Failure>();
        Assert.IsType<TimeoutException>(failure.Cause);
    }

    private sealed class Piper : ReceiveActor
    {
        public Piper(IActorRef probe)
        {
            Receive<string>(s => s == "start", _ => Task.Run(() => "done").PipeTo(Self));
            Receive<string>(s => probe.Tell($"{s} from {Sender.Path.Name}"));
        }
    }

    [Fact]
    public async Task PipeTo_inside_an_actor_uses_the_actor_as_sender()
    {
        var probe = _kit.CreateTestProbe();
        var piper = _kit.System.ActorOf(Props.Create(() => new Piper(probe)), "piper");
        piper.Tell("start");
        Assert.Equal("done from piper", await probe.ExpectMsgAsync<string>());
    }

    private sealed class Forwarder(IActorRef target) : UntypedActor
    {
        protected override void OnReceive(object message) => target.Forward(message);
    }

    [Fact]
    public async Task Forward_keeps_the_original_sender()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        var forwarder = _kit.System.ActorOf(Props.Create(() => new Forwarder(responder)));
        Assert.Equal("HI", await forwarder.Ask<string>("hi"));
    }

    [Fact]
    public async Task GracefulStop_completes_true_once_the_actor_has_stopped()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>());
        Assert.True(await responder.GracefulStop(TimeSpan.FromSeconds(15)));
        Assert.True(((IInternalActorRef)responder).IsTerminated);
    }

    private sealed class Stubborn : UntypedActor
    {
        protected override void OnReceive(object message) { } // ignores the stop message
    }

    [Fact]
    public async Task GracefulStop_completes_false_when_the_actor_does_not_stop_in_time()
    {
        var stubborn = _kit.System.ActorOf(Props.Create<Stubborn>());
        Assert.False(await stubborn.GracefulStop(TimeSpan.FromMilliseconds(100), stopMessage: "please stop"));
        Assert.False(((IInternalActorRef)stubborn).IsTerminated);
    }

    [Fact]
    public async Task Identify_answers_with_the_actor_reference()
    {
        var responder = _kit.System.ActorOf(Props.Create<Responder>(), "who");
        var identity = await _kit.System.ResolveActorRef("/user/who").Ask<ActorIdentity>(new Identify(7));
        Assert.Equal(7, identity.MessageId);
        Assert.Equal(responder, identity.Subject);
    }
}
