using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// INTERNAL API. The one journal writer of a persistence extension: it collects the write requests of
/// every persistent actor and writes them as few, large transactions ("group commit").
///
/// <para><b>How batches form.</b> Requests go into a queue; each of <c>parallelism</c> worker loops
/// takes whatever is waiting, up to <see cref="PersistenceSettings.WriteBatchSize"/> events (a request
/// is never split), writes it in one <see cref="IJournal.WriteAsync"/> call and then answers every
/// request. Nothing waits on a timer: a lone write goes at once, and under load the queue fills while
/// the previous transaction runs, so the batch size follows the load.</para>
///
/// <para><b>Invariants.</b> Every request is answered exactly once, after its transaction ended. An
/// actor has at most one request in flight (<see cref="PersistentActor"/> waits for the answer before
/// it sends the next), so its events are written in order even with several workers. The queue holds
/// at most <see cref="PersistenceSettings.WriteBufferSize"/> events (a moment's count; concurrent
/// requests may pass it by a little); beyond that a request is refused
/// at once with <see cref="JournalOverloadedException"/> (back-pressure by failure, as Akka does: the
/// actor stops and its next incarnation recovers).</para>
///
/// <para><b>What can go wrong.</b> A journal call that throws fails every request of its batch with
/// that exception (the outcome is unknown: the actors stop). A request answered after the actor
/// stopped is dropped by the actor.</para>
/// </summary>
internal sealed class JournalWriter
{
    private readonly IJournal _journal;
    private readonly int _batchSize;
    private readonly int _bufferSize;
    private readonly PersistenceMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<JournalWriteRequest> _queue;
    private readonly Task[] _workers;
    private readonly object _idleGate = new();
    private List<TaskCompletionSource>? _idleWaiters;
    private int _outstandingEvents;
    private volatile bool _fenced;

    public JournalWriter(IJournal journal, PersistenceSettings settings, PersistenceMetrics metrics, ILogger logger)
    {
        _journal = journal;
        _batchSize = settings.WriteBatchSize;
        _bufferSize = settings.WriteBufferSize;
        _metrics = metrics;
        _logger = logger;
        Parallelism = Math.Max(1, Math.Min(settings.WriteParallelism, journal.MaxParallelWrites));
        _queue = Channel.CreateUnbounded<JournalWriteRequest>(new UnboundedChannelOptions
        {
            SingleReader = Parallelism == 1,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        _workers = new Task[Parallelism];
        for (var i = 0; i < Parallelism; i++) _workers[i] = Task.Run(WorkAsync);
    }

    /// <summary>Transactions that may run at once.</summary>
    public int Parallelism { get; }

    /// <summary>
    /// Counts events an actor has persisted but not yet handed over (it has a request in flight), so
    /// <see cref="WhenIdleAsync"/> waits for them too. Each reserved event is released exactly once:
    /// by the worker after its batch, or by <see cref="Unreserve"/> when it will never be sent.
    /// </summary>
    public void Reserve(int events) => Interlocked.Add(ref _outstandingEvents, events);

    /// <summary>Releases reserved events that will never be sent (their command failed, their actor stopped, the queue refused them).</summary>
    public void Unreserve(int events) => Release(events);

    /// <summary>
    /// Queues a request whose events were <see cref="Reserve"/>d; false (and nothing queued) when the
    /// buffer is full or the writer has stopped — the caller then unreserves them.
    /// </summary>
    public bool TryEnqueue(JournalWriteRequest request, out Exception? refusal)
    {
        if (_fenced)
        {
            refusal = new JournalFencedException();
            return false;
        }
        var queued = _metrics.QueuedEvents;
        if (queued > 0 && queued + request.EventCount > _bufferSize)
        {
            refusal = new JournalOverloadedException((int)queued);
            return false;
        }
        _metrics.Queued(request.EventCount);
        if (!_queue.Writer.TryWrite(request))
        {
            _metrics.Queued(-request.EventCount);
            refusal = new InvalidOperationException("The journal writer has stopped (the actor system is shutting down).");
            return false;
        }
        refusal = null;
        return true;
    }

    /// <summary>
    /// Completes when every event persisted so far — queued, being written, or waiting in an actor
    /// behind its request in flight — has been written or failed.
    /// </summary>
    public Task WhenIdleAsync()
    {
        lock (_idleGate)
        {
            if (Volatile.Read(ref _outstandingEvents) == 0) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_idleWaiters ??= []).Add(waiter);
            return waiter.Task;
        }
    }

    /// <summary>True once <see cref="Fence"/> was called (and not lifted).</summary>
    public bool IsFenced => _fenced;

    /// <summary>
    /// Refuses every request from now on (<see cref="JournalFencedException"/>); requests queued before
    /// are still written. A request racing with this call is either queued (and its events were reserved,
    /// so <see cref="WhenIdleAsync"/> waits for it) or refused — never lost in between.
    /// </summary>
    public void Fence(bool fenced = true) => _fenced = fenced;

    /// <summary>Accepts no more requests; the workers finish what is queued and end.</summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        return Task.WhenAll(_workers);
    }

    private async Task WorkAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<JournalWriteRequest>();
        var writes = new List<AtomicWrite>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            writes.Clear();
            var events = 0;
            while (reader.TryPeek(out var next) && (events == 0 || events + next.EventCount <= _batchSize) && reader.TryRead(out next))
            {
                batch.Add(next);
                writes.AddRange(next.Writes);
                events += next.EventCount;
            }
            if (batch.Count == 0) continue; // another worker took it
            await WriteBatchAsync(batch, writes, events).ConfigureAwait(false);
        }
    }

    private async Task WriteBatchAsync(List<JournalWriteRequest> batch, List<AtomicWrite> writes, int events)
    {
        IReadOnlyList<Exception?>? results = null;
        Exception? failure = null;
        try
        {
            results = await _journal.WriteAsync(writes).ConfigureAwait(false);
            if (results.Count != writes.Count)
                throw new InvalidOperationException($"The journal answered {results.Count} results for {writes.Count} writes.");
        }
        catch (Exception e)
        {
            failure = e;
            results = null;
            PersistenceLog.BatchFailed(_logger, batch.Count, events, e);
        }
        if (results is not null)
        {
            var written = 0;
            var index = 0;
            foreach (var request in batch)
                foreach (var write in request.Writes)
                    if (results[index++] is null) written += write.Events.Count;
            _metrics.BatchWritten(written);
        }
        _metrics.Queued(-events);
        var offset = 0;
        foreach (var request in batch)
        {
            var count = request.Writes.Count;
            IReadOnlyList<Exception?>? own = null;
            if (results is not null) own = offset == 0 && count == results.Count ? results : Slice(results, offset, count);
            offset += count;
            try
            {
                request.Completed(own, failure);
            }
            catch (Exception e)
            {
                PersistenceLog.CompletionFailed(_logger, e);
            }
        }
        Release(events);
    }

    private static Exception?[] Slice(IReadOnlyList<Exception?> results, int offset, int count)
    {
        var slice = new Exception?[count];
        for (var i = 0; i < count; i++) slice[i] = results[offset + i];
        return slice;
    }

    private void Release(int events)
    {
        if (Interlocked.Add(ref _outstandingEvents, -events) != 0) return;
        List<TaskCompletionSource>? waiters;
        lock (_idleGate)
        {
            if (Volatile.Read(ref _outstandingEvents) != 0) return;
            waiters = _idleWaiters;
            _idleWaiters = null;
        }
        if (waiters is null) return;
        foreach (var waiter in waiters) waiter.TrySetResult();
    }
}
