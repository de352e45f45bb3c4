using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

/// <summary>Timers on a manual clock: each Advance fires exactly the timers due, on the test thread.</summary>
public sealed class TimerTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ActorSystemFixture _kit;

    public TimerTests() => _kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = _clock });

    public void Dispose() => _kit.Dispose();

    private sealed record Single(string Key, string Message, TimeSpan Delay);
    private sealed record Periodic(string Key, string Message, TimeSpan Interval);
    private sealed record CancelTimer(string Key);
    private sealed record HoldThen(ManualResetEventSlim Gate, object Then);
    private sealed record IsActive(string Key);

    private sealed class TimedActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public TimedActor(IActorRef probe)
        {
            Receive<Single>(s => { Timers.StartSingleTimer(s.Key, s.Message, s.Delay); probe.Tell("ok"); });
            Receive<Periodic>(p => { Timers.StartPeriodicTimer(p.Key, p.Message, p.Interval); probe.Tell("ok"); });
            Receive<CancelTimer>(c => { Timers.Cancel(c.Key); probe.Tell("ok"); });
            Receive<IsActive>(a => probe.Tell(Timers.IsTimerActive(a.Key)));
            Receive<HoldThen>(h =>
            {
                h.Gate.Wait(TimeSpan.FromSeconds(30));
                switch (h.Then)
                {
                    case CancelTimer c: Timers.Cancel(c.Key); break;
                    case Single s: Timers.StartSingleTimer(s.Key, s.Message, s.Delay); break;
                }
            });
            Receive<string>(s => probe.Tell(s));
        }
    }

    private async Task<(IActorRef actor, TestProbe probe)> Start()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new TimedActor(probe)));
        return (actor, probe);
    }

    [Fact]
    public async Task Single_timer_delivers_its_message_once_after_the_delay()
    {
        var (actor, probe) = await Start();
        actor.Tell(new Single("k", "tick", TimeSpan.FromSeconds(5)));
        await probe.ExpectMsgAsync("ok");
        _clock.Advance(TimeSpan.FromSeconds(4));
        actor.Tell("marker-1");
        Assert.Equal("marker-1", await probe.ExpectMsgAsync<string>());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("tick", await probe.ExpectMsgAsync<string>());
        _clock.Advance(TimeSpan.FromSeconds(60));
        actor.Tell("marker-2");
        Assert.Equal("marker-2", await probe.ExpectMsgAsync<string>());
        actor.Tell(new IsActive("k"));
        Assert.False(await probe.ExpectMsgAsync<bool>());
    }

    [Fact]
    public async Task Periodic_timer_delivers_every_interval_until_cancelled()
    {
        var (actor, probe) = await Start();
        actor.Tell(new Periodic("p", "beat", TimeSpan.FromSeconds(2)));
        await probe.ExpectMsgAsync("ok");
        _clock.Advance(TimeSpan.FromSeconds(6));
        for (var i = 0; i < 3; i++) Assert.Equal("beat", await probe.ExpectMsgAsync<string>());
        actor.Tell(new IsActive("p"));
        Assert.True(await probe.ExpectMsgAsync<bool>());
        actor.Tell(new CancelTimer("p"));
        await probe.ExpectMsgAsync("ok");
        _clock.Advance(TimeSpan.FromSeconds(10));
        actor.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Cancelled_timer_message_already_in_the_mailbox_is_never_delivered()
    {
        var (actor, probe) = await Start();
        actor.Tell(new Single("k", "too-late", TimeSpan.FromSeconds(1)));
        await probe.ExpectMsgAsync("ok");
        using var gate = new ManualResetEventSlim();
        actor.Tell(new HoldThen(gate, new CancelTimer("k")));
        _clock.Advance(TimeSpan.FromSeconds(1)); // the timer message is queued behind HoldThen
        gate.Set();
        actor.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Restarting_a_key_replaces_the_old_timer_even_if_its_message_is_queued()
    {
        var (actor, probe) = await Start();
        actor.Tell(new Single("k", "first", TimeSpan.FromSeconds(1)));
        await probe.ExpectMsgAsync("ok");
        using var gate = new ManualResetEventSlim();
        actor.Tell(new HoldThen(gate, new Single("k", "second", TimeSpan.FromSeconds(3))));
        _clock.Advance(TimeSpan.FromSeconds(1)); // "first" is queued
        gate.Set();
        actor.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>());
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("second", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Timers_stop_with_the_actor()
    {
        var (actor, probe) = await Start();
        actor.Tell(new Periodic("p", "beat", TimeSpan.FromSeconds(1)));
        await probe.ExpectMsgAsync("ok");
        Assert.Equal(1, _clock.ActiveTimers);
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(15)));
        Assert.Equal(0, _clock.ActiveTimers);
    }

    [Fact]
    public async Task Scheduler_tells_once_and_repeatedly_and_can_be_cancelled()
    {
        var probe = _kit.CreateTestProbe();
        _kit.System.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), probe, "once");
        var repeated = _kit.System.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), probe, "again");
        _clock.Advance(TimeSpan.FromSeconds(2));
        var got = new List<string>();
        for (var i = 0; i < 3; i++) got.Add(await probe.ExpectMsgAsync<string>());
        got.Sort(StringComparer.Ordinal);
        Assert.Equal(["again", "again", "once"], got);
        repeated.Cancel();
        Assert.True(repeated.IsCancellationRequested);
        Assert.Equal(0, _clock.ActiveTimers);
    }
}
