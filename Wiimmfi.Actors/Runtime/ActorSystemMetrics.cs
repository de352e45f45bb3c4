using System.Numerics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// Counters of one actor system, readable as plain properties (for the management API) and published
/// through the <c>System.Diagnostics.Metrics</c> meter <c>Wiimmfi.Actors</c> (tag <c>system</c>).
/// The per-message counters are striped by processor and added once per mailbox run, so counting costs
/// the hot path almost nothing; the instruments are observable, read only when a listener collects.
/// </summary>
public sealed class ActorSystemMetrics : IDisposable
{
    public const string MeterName = "Wiimmfi.Actors";

    private readonly StripedCounter _enqueued = new();
    private readonly StripedCounter _processed = new();
    private long _drained;
    private long _deadLetters;
    private long _restarts;
    private long _liveActors;
    private long _unhandled;
    private readonly Meter _meter;

    internal ActorSystemMetrics(string systemName)
    {
        _meter = new Meter(MeterName);
        var tags = new KeyValuePair<string, object?>[] { new("system", systemName) };
        _meter.CreateObservableCounter("wiimmfi.actors.messages_processed", () => new Measurement<long>(MessagesProcessedTotal, tags), "{message}", "User messages processed by actors");
        _meter.CreateObservableCounter("wiimmfi.actors.dead_letters", () => new Measurement<long>(DeadLetters, tags), "{message}", "Messages that could not be delivered");
        _meter.CreateObservableCounter("wiimmfi.actors.restarts", () => new Measurement<long>(ActorRestarts, tags), "{restart}", "Actor restarts after failures");
        _meter.CreateObservableCounter("wiimmfi.actors.unhandled", () => new Measurement<long>(UnhandledMessages, tags), "{message}", "Messages no behaviour handled");
        _meter.CreateObservableUpDownCounter("wiimmfi.actors.live", () => new Measurement<long>(LiveActors, tags), "{actor}", "Actors alive");
        _meter.CreateObservableGauge("wiimmfi.actors.mailbox_depth", () => new Measurement<long>(MailboxDepth, tags), "{message}", "User messages waiting in all mailboxes");
    }

    /// <summary>User messages processed by actors since start.</summary>
    public long MessagesProcessedTotal => _processed.Sum();

    /// <summary>Messages that became dead letters since start.</summary>
    public long DeadLetters => Volatile.Read(ref _deadLetters);

    /// <summary>Actor restarts (after failures) since start.</summary>
    public long ActorRestarts => Volatile.Read(ref _restarts);

    /// <summary>Actors currently alive (started and not yet terminated), guardians included.</summary>
    public long LiveActors => Volatile.Read(ref _liveActors);

    /// <summary>Messages no behaviour handled since start.</summary>
    public long UnhandledMessages => Volatile.Read(ref _unhandled);

    /// <summary>User messages waiting in all mailboxes together (queued minus taken; a moment's estimate).</summary>
    public long MailboxDepth => Math.Max(0, _enqueued.Sum() - _processed.Sum() - Volatile.Read(ref _drained));

    internal void MessageEnqueued() => _enqueued.Increment();
    internal void MessagesRequeued(int count) => _enqueued.Add(count);
    internal void MessagesProcessed(int count) => _processed.Add(count);
    internal void MessagesDrained(int count) => Interlocked.Add(ref _drained, count);
    internal void DeadLetter() => Interlocked.Increment(ref _deadLetters);
    internal void Restart() => Interlocked.Increment(ref _restarts);
    internal void ActorStarted() => Interlocked.Increment(ref _liveActors);
    internal void ActorStopped() => Interlocked.Decrement(ref _liveActors);
    internal void Unhandled() => Interlocked.Increment(ref _unhandled);

    public void Dispose() => _meter.Dispose();

    /// <summary>A counter split into cache-line-padded cells by processor, so cores do not fight over one line.</summary>
    private sealed class StripedCounter
    {
        private readonly PaddedLong[] _cells = new PaddedLong[Math.Max(1, (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount))];

        public void Increment() => Interlocked.Increment(ref _cells[Thread.GetCurrentProcessorId() & (_cells.Length - 1)].Value);
        public void Add(long n) => Interlocked.Add(ref _cells[Thread.GetCurrentProcessorId() & (_cells.Length - 1)].Value, n);

        public long Sum()
        {
            long sum = 0;
            for (var i = 0; i < _cells.Length; i++) sum += Volatile.Read(ref _cells[i].Value);
            return sum;
        }
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [FieldOffset(64)] public long Value;
    }
}
