using Wiimmfi.Actors.Runtime.Io;

namespace Wiimmfi.Tests.Runtime.Io;

/// <summary>
/// The read loop's back-pressure: it may run at most <c>limit</c> frames ahead of its handler. A lost wake-up here
/// would freeze a console's connection; a credit counted twice would let a flooding client past the bound.
/// </summary>
public sealed class ReadCreditsTests
{
    [Fact]
    public async Task The_reader_waits_when_all_credits_are_out_and_goes_on_when_one_comes_back()
    {
        var credits = new ReadCredits(2);
        Assert.True(credits.TryTake());
        Assert.True(credits.TryTake());
        Assert.False(credits.TryTake());

        var waiting = credits.TakeAsync(CancellationToken.None).AsTask();
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);

        credits.Return();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, credits.Available);
    }

    [Fact]
    public async Task A_waiting_reader_is_released_by_its_stop_token()
    {
        var credits = new ReadCredits(1);
        Assert.True(credits.TryTake());
        using var stop = new CancellationTokenSource();
        var waiting = credits.TakeAsync(stop.Token).AsTask();
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Returning_more_than_was_taken_never_raises_the_bound()
    {
        var credits = new ReadCredits(3);
        credits.Return();
        credits.Return();
        Assert.Equal(3, credits.Available);
    }

    [Fact]
    public async Task Credits_returned_from_other_threads_while_the_reader_waits_are_never_lost()
    {
        // The reader takes 20,000 credits through a window of 4 while returners give each back from the thread pool,
        // racing the reader's moments of waiting. Every take must complete, and in the end all 4 credits are free.
        const int limit = 4;
        const int frames = 20_000;
        var credits = new ReadCredits(limit);
        var returns = new List<Task>(frames);
        for (var i = 0; i < frames; i++)
        {
            await credits.TakeAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            returns.Add(Task.Run(credits.Return));
        }
        await Task.WhenAll(returns).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(limit, credits.Available);
    }
}
