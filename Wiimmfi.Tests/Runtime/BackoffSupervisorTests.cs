using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class BackoffSupervisorTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ActorSystemFixture _kit;

    public BackoffSupervisorTests() => _kit = new ActorSystemFixture(new ActorSystemSettings { TimeProvider = _clock });

    public void Dispose() => _kit.Dispose();

    private sealed class Flaky(IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => probe.Tell("started");
        protected override void OnReceive(object message)
        {
            if (message is "fail") throw new InvalidOperationException("flaky");
            if (message is "quit") Context.Stop(Self);
            else probe.Tell($"echo {message}");
        }
    }

    [Fact]
    public void Delay_doubles_from_min_to_max_and_is_stretched_by_the_random_factor()
    {
        var options = BackoffOptions.OnFailure(Props.Create(() => new Flaky(ActorRefs.Nobody)), "c", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.5);
        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayFor(0, 0));
        Assert.Equal(TimeSpan.FromSeconds(4), options.DelayFor(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), options.DelayFor(10, 0));
        Assert.Equal(TimeSpan.FromSeconds(15), options.DelayFor(10, 1));
    }

    [Fact]
    public async Task Failing_child_is_restarted_after_a_growing_delay()
    {
        var probe = _kit.CreateTestProbe();
        var options = BackoffOptions.OnFailure(Props.Create(() => new Flaky(probe)), "flaky", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 0);
        var supervisor = _kit.System.ActorOf(BackoffSupervisor.Props(options), "backoff");
        await probe.ExpectMsgAsync("started");

        supervisor.Tell("hi");
        Assert.Equal("echo hi", await probe.ExpectMsgAsync<string>());

        supervisor.Tell("fail");
        await _kit.AwaitConditionAsync(() => _clock.ActiveTimers == 1); // the restart is scheduled
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, probe);
        Assert.Null((await probe.ExpectMsgAsync<BackoffSupervisor.CurrentChild>()).Ref);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await probe.ExpectMsgAsync("started");

        // Second failure right away: the delay doubles.
        supervisor.Tell("fail");
        await _kit.AwaitConditionAsync(() => _clock.ActiveTimers == 1);
        _clock.Advance(TimeSpan.FromSeconds(3));
        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, probe);
        Assert.Equal(2, (await probe.ExpectMsgAsync<BackoffSupervisor.RestartCount>()).Count);
        Assert.False(probe.HasMessages);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync("started");
        supervisor.Tell("again");
        Assert.Equal("echo again", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task On_failure_supervisor_stops_when_its_child_stops_on_purpose()
    {
        var probe = _kit.CreateTestProbe();
        var options = BackoffOptions.OnFailure(Props.Create(() => new Flaky(probe)), "flaky", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0.2);
        var supervisor = _kit.System.ActorOf(BackoffSupervisor.Props(options));
        await probe.ExpectMsgAsync("started");
        probe.Watch(supervisor);
        supervisor.Tell("quit");
        Assert.Equal(supervisor, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);
    }
}
