using Wiimmfi.Actors.Runtime.Persistence;

namespace Wiimmfi.Tests.Persistence;

/// <summary>
/// A journal decorator for tests: it can hold writes (and the first read of each recovery) behind a
/// gate, count how many run at once, and fail writes — everything else goes to the real journal.
/// </summary>
public sealed class ControllableJournal(IJournal inner) : IJournal
{
    private readonly object _gate = new();
    private TaskCompletionSource? _writeGate;
    private TaskCompletionSource? _readGate;
    private int _writesWaiting;
    private int _readsRunning;
    private int _peakReadsRunning;

    public int MaxParallelWrites => inner.MaxParallelWrites;

    /// <summary>When set, every write fails with it (the outcome "unknown" case).</summary>
    public Exception? FailWritesWith { get; set; }

    /// <summary>Writes waiting at the closed write gate now.</summary>
    public int WritesWaiting => Volatile.Read(ref _writesWaiting);

    /// <summary>Recoveries inside their first read now, and the most there ever were at once.</summary>
    public int ReadsRunning => Volatile.Read(ref _readsRunning);

    public int PeakReadsRunning => Volatile.Read(ref _peakReadsRunning);

    public void HoldWrites()
    {
        lock (_gate) _writeGate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseWrites()
    {
        TaskCompletionSource? gate;
        lock (_gate)
        {
            gate = _writeGate;
            _writeGate = null;
        }
        gate?.TrySetResult();
    }

    public void HoldReads()
    {
        lock (_gate) _readGate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseReads()
    {
        TaskCompletionSource? gate;
        lock (_gate)
        {
            gate = _readGate;
            _readGate = null;
        }
        gate?.TrySetResult();
    }

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        Task? gate;
        lock (_gate) gate = _writeGate?.Task;
        if (gate is not null)
        {
            Interlocked.Increment(ref _writesWaiting);
            try
            {
                await gate;
            }
            finally
            {
                Interlocked.Decrement(ref _writesWaiting);
            }
        }
        if (FailWritesWith is { } failure) throw failure;
        return await inner.WriteAsync(writes, cancellationToken);
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        var running = Interlocked.Increment(ref _readsRunning);
        int seen;
        while (running > (seen = Volatile.Read(ref _peakReadsRunning)) && Interlocked.CompareExchange(ref _peakReadsRunning, running, seen) != seen) { }
        try
        {
            Task? gate;
            lock (_gate) gate = _readGate?.Task;
            if (gate is not null) await gate;
            return await inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _readsRunning);
        }
    }

    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onEvent, CancellationToken cancellationToken = default) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onEvent, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
}
