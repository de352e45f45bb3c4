using System.Diagnostics.Metrics;

namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// Counters of the persistence extension of one actor system: plain properties (the management API
/// shows them) and the observable instruments of the meter <c>Wiimmfi.Persistence</c>.
/// </summary>
public sealed class PersistenceMetrics : IDisposable
{
    public const string MeterName = "Wiimmfi.Persistence";

    private readonly Meter _meter;
    private long _eventsWritten;
    private long _writeBatches;
    private long _largestBatch;
    private long _writesFailed;
    private long _eventsRejected;
    private long _queuedEvents;
    private long _recoveriesWaiting;
    private long _recoveriesRunning;
    private long _peakRecoveriesRunning;
    private long _recoveriesCompleted;
    private long _recoveriesFailed;
    private long _eventsReplayed;
    private long _snapshotsSaved;
    private long _snapshotFailures;

    internal PersistenceMetrics(string systemName)
    {
        _meter = new Meter(MeterName);
        var tags = new KeyValuePair<string, object?>[] { new("system", systemName) };
        _meter.CreateObservableCounter("wiimmfi.persistence.events_written", () => new Measurement<long>(EventsWritten, tags), "{event}", "Events durably written to the journal");
        _meter.CreateObservableCounter("wiimmfi.persistence.write_batches", () => new Measurement<long>(WriteBatches, tags), "{transaction}", "Journal write transactions");
        _meter.CreateObservableCounter("wiimmfi.persistence.writes_failed", () => new Measurement<long>(WritesFailed, tags), "{write}", "Persist calls that failed (the actor stopped)");
        _meter.CreateObservableCounter("wiimmfi.persistence.events_rejected", () => new Measurement<long>(EventsRejected, tags), "{event}", "Events refused before writing (not serializable)");
        _meter.CreateObservableGauge("wiimmfi.persistence.queued_events", () => new Measurement<long>(QueuedEvents, tags), "{event}", "Events waiting for the journal writer");
        _meter.CreateObservableGauge("wiimmfi.persistence.recoveries_running", () => new Measurement<long>(RecoveriesRunning, tags), "{actor}", "Actors replaying their journal now");
        _meter.CreateObservableGauge("wiimmfi.persistence.recoveries_waiting", () => new Measurement<long>(RecoveriesWaiting, tags), "{actor}", "Actors waiting for a recovery slot");
        _meter.CreateObservableCounter("wiimmfi.persistence.recoveries_failed", () => new Measurement<long>(RecoveriesFailed, tags), "{actor}", "Recoveries that failed (the actor stopped)");
        _meter.CreateObservableCounter("wiimmfi.persistence.events_replayed", () => new Measurement<long>(EventsReplayed, tags), "{event}", "Events replayed during recoveries");
    }

    /// <summary>Events durably written since start.</summary>
    public long EventsWritten => Volatile.Read(ref _eventsWritten);

    /// <summary>Journal write transactions since start (events written ÷ batches = the average batch).</summary>
    public long WriteBatches => Volatile.Read(ref _writeBatches);

    /// <summary>The most events one transaction carried.</summary>
    public long LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>Atomic writes that failed or were refused (each stops its actor).</summary>
    public long WritesFailed => Volatile.Read(ref _writesFailed);

    /// <summary>Events refused before any write (they could not be serialized); the actor went on.</summary>
    public long EventsRejected => Volatile.Read(ref _eventsRejected);

    /// <summary>Events queued for the journal writer or in a transaction now.</summary>
    public long QueuedEvents => Volatile.Read(ref _queuedEvents);

    /// <summary>Actors waiting for a recovery slot now.</summary>
    public long RecoveriesWaiting => Volatile.Read(ref _recoveriesWaiting);

    /// <summary>Actors recovering now (at most <see cref="PersistenceSettings.MaxConcurrentRecoveries"/>).</summary>
    public long RecoveriesRunning => Volatile.Read(ref _recoveriesRunning);

    /// <summary>The most actors that recovered at the same time.</summary>
    public long PeakRecoveriesRunning => Volatile.Read(ref _peakRecoveriesRunning);

    public long RecoveriesCompleted => Volatile.Read(ref _recoveriesCompleted);

    public long RecoveriesFailed => Volatile.Read(ref _recoveriesFailed);

    public long EventsReplayed => Volatile.Read(ref _eventsReplayed);

    public long SnapshotsSaved => Volatile.Read(ref _snapshotsSaved);

    public long SnapshotFailures => Volatile.Read(ref _snapshotFailures);

    internal void BatchWritten(int events)
    {
        Interlocked.Add(ref _eventsWritten, events);
        Interlocked.Increment(ref _writeBatches);
        long seen;
        while (events > (seen = Volatile.Read(ref _largestBatch)) && Interlocked.CompareExchange(ref _largestBatch, events, seen) != seen) { }
    }

    internal void WriteFailed() => Interlocked.Increment(ref _writesFailed);
    internal void EventRejected(int count = 1) => Interlocked.Add(ref _eventsRejected, count);
    internal void Queued(int events) => Interlocked.Add(ref _queuedEvents, events);
    internal void RecoveryWaiting(int delta) => Interlocked.Add(ref _recoveriesWaiting, delta);

    internal void RecoveryStarted()
    {
        var now = Interlocked.Increment(ref _recoveriesRunning);
        long seen;
        while (now > (seen = Volatile.Read(ref _peakRecoveriesRunning)) && Interlocked.CompareExchange(ref _peakRecoveriesRunning, now, seen) != seen) { }
    }

    internal void RecoveryEnded() => Interlocked.Decrement(ref _recoveriesRunning);
    internal void RecoveryCompleted() => Interlocked.Increment(ref _recoveriesCompleted);
    internal void RecoveryFailed() => Interlocked.Increment(ref _recoveriesFailed);
    internal void Replayed(int events) => Interlocked.Add(ref _eventsReplayed, events);
    internal void SnapshotSaved() => Interlocked.Increment(ref _snapshotsSaved);
    internal void SnapshotFailed() => Interlocked.Increment(ref _snapshotFailures);

    public void Dispose() => _meter.Dispose();
}
