using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class MailboxOrderingTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed record Numbered(int Sender, int N);
    private sealed record Report(int[] LastSeenPerSender, int Total, bool InOrder);

    private sealed class Recorder : ReceiveActor
    {
        private readonly int[] _last;
        private int _total;
        private bool _inOrder = true;

        public Recorder(int senders, int perSender, IActorRef reportTo)
        {
            _last = Enumerable.Repeat(-1, senders).ToArray();
            Receive<Numbered>(m =>
            {
                if (m.N != _last[m.Sender] + 1) _inOrder = false;
                _last[m.Sender] = m.N;
                if (++_total == senders * perSender) reportTo.Tell(new Report(_last, _total, _inOrder));
            });
        }
    }

    [Fact]
    public async Task Messages_from_each_sender_arrive_in_the_order_they_were_sent()
    {
        const int senders = 8, perSender = 20_000;
        var probe = _kit.CreateTestProbe();
        var recorder = _kit.System.ActorOf(Props.Create(() => new Recorder(senders, perSender, probe)));
        var threads = Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var n = 0; n < perSender; n++) recorder.Tell(new Numbered(s, n));
        })).ToArray();
        await Task.WhenAll(threads);
        var report = await probe.ExpectMsgAsync<Report>(TimeSpan.FromSeconds(60));
        Assert.True(report.InOrder);
        Assert.Equal(senders * perSender, report.Total);
        Assert.All(report.LastSeenPerSender, last => Assert.Equal(perSender - 1, last));
    }

    [Fact]
    public async Task Actors_sending_to_each_other_keep_per_pair_order()
    {
        const int perSender = 5_000;
        var probe = _kit.CreateTestProbe();
        var recorder = _kit.System.ActorOf(Props.Create(() => new Recorder(4, perSender, probe)));
        for (var s = 0; s < 4; s++)
        {
            var sender = _kit.System.ActorOf(Props.Create(() => new Burst(recorder)));
            sender.Tell(new Numbered(s, perSender));
        }
        var report = await probe.ExpectMsgAsync<Report>(TimeSpan.FromSeconds(60));
        Assert.True(report.InOrder);
    }

    private sealed class Burst(IActorRef target) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var start = (Numbered)message;
            for (var n = 0; n < start.N; n++) target.Tell(new Numbered(start.Sender, n));
        }
    }

    private sealed record Ball(int Left);

    private sealed class Bouncer : ReceiveActor
    {
        public Bouncer(TaskCompletionSource done)
        {
            Receive<Ball>(b =>
            {
                if (b.Left == 0) done.TrySetResult();
                else Sender.Tell(new Ball(b.Left - 1));
            });
        }
    }

    [Fact]
    public async Task No_wake_up_is_lost_when_every_message_finds_its_actor_idle()
    {
        // One ball per pair: each message arrives at an idle actor, so each one goes through the
        // schedule / run / go-idle race. A lost wake-up would leave a pair stuck and the test hanging.
        const int pairs = 200, bounces = 1_000;
        var done = new List<Task>();
        for (var p = 0; p < pairs; p++)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = _kit.System.ActorOf(Props.Create(() => new Bouncer(tcs)));
            var b = _kit.System.ActorOf(Props.Create(() => new Bouncer(tcs)));
            a.Tell(new Ball(bounces), b);
            done.Add(tcs.Task);
        }
        await Task.WhenAll(done).WaitAsync(TimeSpan.FromSeconds(120));
    }
}
