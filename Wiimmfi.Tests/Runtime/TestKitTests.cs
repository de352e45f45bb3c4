using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

/// <summary>The test kit must fail when expectations are not met, or tests built on it prove nothing.</summary>
public sealed class TestKitTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task ExpectMsg_fails_on_a_message_of_another_type_and_on_timeout()
    {
        var probe = _kit.CreateTestProbe();
        probe.Tell(1);
        await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync<string>());
        await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync<string>(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task ExpectNoMsg_fails_when_a_message_arrives()
    {
        var probe = _kit.CreateTestProbe();
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(20));
        probe.Tell("unexpected");
        await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectNoMsgAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task FishForMessage_skips_until_a_match()
    {
        var probe = _kit.CreateTestProbe();
        foreach (var n in new[] { 1, 2, 3, 4 }) probe.Tell(n);
        Assert.Equal(3, await probe.FishForMessageAsync<int>(n => n > 2));
        Assert.Equal(4, await probe.ExpectMsgAsync<int>());
    }

    [Fact]
    public void Sync_forms_work_from_a_test_thread()
    {
        var probe = _kit.CreateTestProbe();
        probe.Tell("sync");
        Assert.Equal("sync", probe.ExpectMsg<string>());
        probe.Tell(5);
        Assert.Equal(5, probe.ExpectMsg<int>(n => n == 5));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(10));
        var flag = false;
        ThreadPool.QueueUserWorkItem(_ => flag = true);
        probe.AwaitCondition(() => Volatile.Read(ref flag));
        probe.AwaitAssert(() => Assert.True(flag));
        Assert.Throws<TestKitException>(() => Awaiting.Condition(() => false, TimeSpan.FromMilliseconds(30)));
    }

    [Fact]
    public async Task Probe_reply_goes_to_the_last_sender()
    {
        var probe = _kit.CreateTestProbe();
        var ask = probe.Ref.Ask<string>("question");
        Assert.Equal("question", await probe.ExpectMsgAsync<string>());
        probe.Reply("answer");
        Assert.Equal("answer", await ask);
    }

    [Fact]
    public async Task Manual_clock_fires_timers_in_due_order_only_when_advanced()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["early", "early", "late", "early"], fired);
        Assert.Equal(TimeSpan.FromSeconds(6), clock.GetElapsedTime(clock.GetTimestamp() - TimeSpan.FromSeconds(6).Ticks));
        await Task.CompletedTask;
    }
}
