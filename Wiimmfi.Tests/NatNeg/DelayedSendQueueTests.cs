using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>The reply queue on its own: bounded, timed, early on overflow, never early otherwise.</summary>
public sealed class DelayedSendQueueTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(20);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void A_reply_is_not_due_before_its_delay_and_is_due_once_it_has_passed()
    {
        var queue = new DelayedSendQueue<string>(10, Delay, _clock);
        Assert.False(queue.Enqueue("connect", out _));

        _clock.Advance(TimeSpan.FromMilliseconds(19));
        Assert.False(queue.TryTakeDue(out _));
        Assert.Equal(TimeSpan.FromMilliseconds(1), queue.TimeUntilNextDue());

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(queue.TryTakeDue(out var due));
        Assert.Equal("connect", due);
        Assert.Null(queue.TimeUntilNextDue());
    }

    [Fact]
    public void Each_reply_waits_the_delay_from_its_own_queueing_and_they_leave_in_order()
    {
        var queue = new DelayedSendQueue<int>(10, Delay, _clock);
        queue.Enqueue(1, out _);
        _clock.Advance(TimeSpan.FromMilliseconds(5));
        queue.Enqueue(2, out _);
        _clock.Advance(TimeSpan.FromMilliseconds(15));

        Assert.True(queue.TryTakeDue(out var first));
        Assert.False(queue.TryTakeDue(out _));
        _clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.True(queue.TryTakeDue(out var second));
        Assert.Equal((1, 2), (first, second));
    }

    [Fact]
    public void A_full_queue_hands_back_its_oldest_reply_to_send_early_and_keeps_the_new_one_waiting()
    {
        var queue = new DelayedSendQueue<int>(2, Delay, _clock);
        Assert.False(queue.Enqueue(1, out _));
        Assert.False(queue.Enqueue(2, out _));

        Assert.True(queue.Enqueue(3, out var early));

        Assert.Equal(1, early);
        Assert.Equal(1, queue.SentEarly);
        Assert.Equal(2, queue.Count);
        Assert.False(queue.TryTakeDue(out _));
        _clock.Advance(Delay);
        Assert.True(queue.TryTakeDue(out var a));
        Assert.True(queue.TryTakeDue(out var b));
        Assert.Equal((2, 3), (a, b));
    }

    [Fact]
    public void Nothing_is_ever_dropped_however_far_the_queue_overflows()
    {
        var queue = new DelayedSendQueue<int>(3, Delay, _clock);
        var sent = new List<int>();
        for (var i = 0; i < 100; i++)
            if (queue.Enqueue(i, out var early)) sent.Add(early);
        _clock.Advance(Delay);
        while (queue.TryTakeDue(out var due)) sent.Add(due);

        Assert.Equal(Enumerable.Range(0, 100), sent);
        Assert.Equal(97, queue.SentEarly);
        Assert.Equal(3, queue.HighWaterMark);
    }

    [Fact]
    public void With_no_delay_a_reply_is_due_at_once()
    {
        var queue = new DelayedSendQueue<string>(4, TimeSpan.Zero, _clock);
        queue.Enqueue("x", out _);

        Assert.Equal(TimeSpan.Zero, queue.TimeUntilNextDue());
        Assert.True(queue.TryTakeDue(out _));
    }

    [Fact]
    public void Drain_sends_every_waiting_reply_oldest_first_regardless_of_time()
    {
        var queue = new DelayedSendQueue<int>(4, Delay, _clock);
        queue.Enqueue(1, out _);
        queue.Enqueue(2, out _);
        var sent = new List<int>();

        queue.Drain(sent.Add);

        Assert.Equal([1, 2], sent);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Nonsense_sizes_and_negative_delays_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DelayedSendQueue<int>(0, Delay, _clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DelayedSendQueue<int>(2_000_000, Delay, _clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DelayedSendQueue<int>(4, TimeSpan.FromMilliseconds(-1), _clock));
    }
}
