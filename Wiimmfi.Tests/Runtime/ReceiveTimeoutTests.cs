using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class ReceiveTimeoutTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ActorSystemFixture _kit;

    public ReceiveTimeoutTests() => _kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = _clock });

    public void Dispose() => _kit.Dispose();

    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe)
        {
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout"));
            Receive<string>(s => s == "off", _ => { Context.SetReceiveTimeout(null); probe.Tell("off"); });
            Receive<string>(s => probe.Tell(s));
        }

        protected override void PreStart() => Context.SetReceiveTimeout(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Idle_actor_receives_ReceiveTimeout_and_activity_postpones_it()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new Sleepy(probe)));
        actor.Tell("started");
        await probe.ExpectMsgAsync("started"); // t = 0: the last activity
        _clock.Advance(TimeSpan.FromSeconds(6));
        actor.Tell("busy"); // t = 6
        await probe.ExpectMsgAsync("busy");
        _clock.Advance(TimeSpan.FromSeconds(5)); // t = 11: only 5 s idle, the timer re-arms for the rest
        actor.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>()); // t = 11 activity again
        // The first tick (t = 10) found only 5 s of idleness and re-armed for t = 16; by t = 21 the actor
        // has been idle for 10 s since the marker.
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("timeout", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Receive_timeout_can_be_turned_off()
    {
        var probe = _kit.CreateTestProbe();
        var actor = _kit.System.ActorOf(Props.Create(() => new Sleepy(probe)));
        actor.Tell("off");
        await probe.ExpectMsgAsync("off");
        _clock.Advance(TimeSpan.FromMinutes(5));
        actor.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>());
        Assert.Equal(0, _clock.ActiveTimers);
    }
}
