using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Runtime.Persistence;

public abstract partial class PersistentActor
{
    // Events persisted but not yet handed to the journal writer (sent when no request is in flight).
    private List<AtomicWrite>? _journalBatch;
    // Handlers waiting for their event to be durable, and deferred handlers, in call order. A list with
    // a moving head: dequeuing is O(1) and a failed command can cut off what it added.
    private List<PendingInvocation>? _invocations;
    private int _invocationHead;
    private int _stashingInvocations;
    private long _allocatedSequenceNr;
    private bool _writeInFlight;

    /// <summary>
    /// Persists <paramref name="event"/> and runs <paramref name="handler"/> with it once it is durable;
    /// until then, later messages wait (no command sees state that is not durable). Call it from a
    /// command handler or a persist handler.
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        PersistInternal([@event], handler, stashing: true);

    /// <summary>Persists several events atomically (all or none); <paramref name="handler"/> runs for each, in order, once durable.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        PersistInternal(Materialize(events), handler, stashing: true);

    /// <summary>
    /// Persists <paramref name="event"/> without holding later messages back: they are processed while
    /// the write runs; <paramref name="handler"/> still runs once durable, in persist order.
    /// </summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        PersistInternal([@event], handler, stashing: false);

    /// <summary>Like <see cref="PersistAll{TEvent}"/> without holding later messages back.</summary>
    protected void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        PersistInternal(Materialize(events), handler, stashing: false);

    /// <summary>
    /// Runs <paramref name="handler"/> with <paramref name="event"/> (which is not stored) after the
    /// handlers of every persist called before it — at once when none is pending.
    /// </summary>
    protected void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!CanPersist()) return;
        if (PendingInvocations == 0)
        {
            handler(@event);
            return;
        }
        AddInvocation(new Invocation<TEvent>(@event, handler, Sender, stashing: false, deferred: true));
    }

    private static TEvent[] Materialize<TEvent>(IEnumerable<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events as TEvent[] ?? events.ToArray();
    }

    /// <summary>False (after a failure) when the actor is stopping; throws during recovery.</summary>
    private bool CanPersist()
    {
        switch (_phase)
        {
            case Phase.Running:
                return true;
            case Phase.Stopped:
                return false; // a failed write is stopping this actor; later persists are dropped
            default:
                throw new InvalidOperationException($"[{_persistenceId}] cannot persist during recovery; persist from a command handler.");
        }
    }

    private void PersistInternal<TEvent>(TEvent[] events, Action<TEvent> handler, bool stashing) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!CanPersist() || events.Length == 0) return;
        var extension = Extension;
        var representations = new PersistentRepresentation[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            SerializedMessage serialized;
            try
            {
                serialized = extension.Serializer.Serialize(events[i]);
            }
            catch (MessageSerializationException e)
            {
                // Rejected before anything is written: no sequence number is used up, nothing is held.
                extension.Metrics.EventRejected(events.Length);
                for (var j = 0; j < events.Length; j++) OnPersistRejected(e, events[j], _allocatedSequenceNr + 1 + j);
                return;
            }
            representations[i] = new PersistentRepresentation(_persistenceId, _allocatedSequenceNr + 1 + i, serialized.Manifest, serialized.Payload, extension.WriterId);
        }
        _allocatedSequenceNr += events.Length;
        extension.Writer.Reserve(events.Length);
        (_journalBatch ??= []).Add(new AtomicWrite(representations));
        var sender = Sender;
        foreach (var e in events) AddInvocation(new Invocation<TEvent>(e, handler, sender, stashing, deferred: false));
        if (stashing) _stashingInvocations += events.Length;
    }

    private int PendingInvocations => _invocations is null ? 0 : _invocations.Count - _invocationHead;

    private void AddInvocation(PendingInvocation invocation) => (_invocations ??= []).Add(invocation);

    private PendingInvocation? PeekInvocation() => PendingInvocations > 0 ? _invocations![_invocationHead] : null;

    private PendingInvocation DequeueInvocation()
    {
        var list = _invocations!;
        var invocation = list[_invocationHead];
        list[_invocationHead] = null!;
        _invocationHead++;
        if (_invocationHead == list.Count)
        {
            // Let go of the list: an entity waits idle far more often than it persists (a session per console).
            _invocations = null;
            _invocationHead = 0;
        }
        else if (_invocationHead >= 64 && _invocationHead * 2 >= list.Count)
        {
            // An actor that always has something in flight (PersistAsync) never empties the list:
            // drop the handled front now and then. Never during a command, so its mark stays valid.
            list.RemoveRange(0, _invocationHead);
            _invocationHead = 0;
        }
        return invocation;
    }

    private readonly record struct BatchMark(int Writes, int Invocations, int Stashing, long Sequence);

    private BatchMark MarkJournalBatch() =>
        new(_journalBatch?.Count ?? 0, _invocations?.Count ?? 0, _stashingInvocations, _allocatedSequenceNr);

    private void DiscardJournalBatchSince(BatchMark mark)
    {
        if (_journalBatch is { } batch && batch.Count > mark.Writes)
        {
            Extension.Writer.Unreserve(CountEvents(batch, mark.Writes));
            batch.RemoveRange(mark.Writes, batch.Count - mark.Writes);
        }
        if (_invocations is { } list && list.Count > mark.Invocations) list.RemoveRange(mark.Invocations, list.Count - mark.Invocations);
        _stashingInvocations = mark.Stashing;
        _allocatedSequenceNr = mark.Sequence;
    }

    /// <summary>
    /// After a command or a round of handlers: hands the pending writes to the journal writer if none
    /// is in flight, and holds or releases user messages.
    /// </summary>
    private void FlushJournalBatch()
    {
        if (_phase != Phase.Running) return;
        if (!_writeInFlight && _journalBatch is { Count: > 0 } batch)
        {
            _journalBatch = null;
            var request = new ActorWriteRequest(this, batch);
            if (!Extension.Writer.TryEnqueue(request, out var refusal))
            {
                Extension.Writer.Unreserve(request.EventCount);
                PersistFailed(batch[0], refusal!);
                return;
            }
            _writeInFlight = true;
        }
        UpdateHold();
    }

    /// <summary>The journal answered this actor's request (on the actor's turn, via its mailbox).</summary>
    private void OnWriteCompleted(ActorWriteRequest request)
    {
        if (!IsOwnTurn() || _phase != Phase.Running) return;
        _writeInFlight = false;
        var writes = request.Writes;
        for (var w = 0; w < writes.Count; w++)
        {
            var write = writes[w];
            if ((request.Failure ?? request.Results![w]) is { } error)
            {
                PersistFailed(write, error);
                return;
            }
            foreach (var representation in write.Events)
            {
                var invocation = DequeueInvocation();
                if (invocation.Stashing) _stashingInvocations--;
                _lastSequenceNr = representation.SequenceNr;
                Cell.SetCurrentSender(invocation.Sender);
                try
                {
                    invocation.Invoke();
                }
                finally
                {
                    Cell.SetCurrentSender(null);
                }
                RunReadyDeferred();
            }
        }
        FlushJournalBatch();
    }

    /// <summary>Runs the deferred handlers now at the head of the queue (everything before them has run).</summary>
    private void RunReadyDeferred()
    {
        while (PeekInvocation() is { Deferred: true })
        {
            var deferred = DequeueInvocation();
            Cell.SetCurrentSender(deferred.Sender);
            try
            {
                deferred.Invoke();
            }
            finally
            {
                Cell.SetCurrentSender(null);
            }
        }
    }

    private void PersistFailed(AtomicWrite write, Exception cause)
    {
        var extension = Extension;
        extension.Metrics.WriteFailed();
        var first = PeekInvocation();
        _phase = Phase.Stopped;
        try
        {
            OnPersistFailure(cause, first?.Event, write.LowestSequenceNr);
        }
        finally
        {
            StopSelf();
        }
    }

    /// <summary>
    /// The actor stops or restarts. Events it persisted that still wait behind its request in flight (PersistAsync
    /// lets the actor go on, so a passivation or shutdown can overtake them) are handed to the writer now, as Akka's
    /// journal would already have them: a stop must not lose what the actor decided. Their handlers never run. After
    /// a failed write or recovery (<paramref name="wasRunning"/> false) nothing more is written.
    /// </summary>
    private void HandOverUnsentEvents(bool wasRunning)
    {
        var batch = _journalBatch;
        _journalBatch = null;
        if (batch is not { Count: > 0 } || _persistence is not { } extension) return;
        // Written after the request in flight on SQLite (one writer, queue order); on PostgreSQL it may share a
        // moment with it in another transaction — if that earlier one then failed, the stream would have a gap,
        // which recovery reads past (state as if the missing events never happened).
        if (wasRunning && extension.Writer.TryEnqueue(new OrphanWriteRequest(batch), out _)) return;
        extension.Writer.Unreserve(CountEvents(batch, 0));
    }

    /// <summary>The last writes of a stopped actor: nobody waits for the answer (a failure is logged by the writer).</summary>
    private sealed class OrphanWriteRequest(IReadOnlyList<AtomicWrite> writes) : JournalWriteRequest(writes)
    {
        public override void Completed(IReadOnlyList<Exception?>? results, Exception? failure) { }
    }

    private static int CountEvents(List<AtomicWrite> writes, int from)
    {
        var count = 0;
        for (var i = from; i < writes.Count; i++) count += writes[i].Events.Count;
        return count;
    }

    /// <summary>A handler waiting for its event (or a deferred one).</summary>
    private abstract class PendingInvocation(IActorRef sender, bool stashing, bool deferred)
    {
        public IActorRef Sender { get; } = sender;
        public bool Stashing { get; } = stashing;
        public bool Deferred { get; } = deferred;
        public abstract object? Event { get; }
        public abstract void Invoke();
    }

    private sealed class Invocation<TEvent>(TEvent @event, Action<TEvent> handler, IActorRef sender, bool stashing, bool deferred)
        : PendingInvocation(sender, stashing, deferred)
    {
        public override object? Event => @event;
        public override void Invoke() => handler(@event);
    }

    /// <summary>One journal request of this actor; its answer comes back through the actor's mailbox.</summary>
    private sealed class ActorWriteRequest(PersistentActor actor, IReadOnlyList<AtomicWrite> writes)
        : JournalWriteRequest(writes)
    {
        public IReadOnlyList<Exception?>? Results { get; private set; }
        public Exception? Failure { get; private set; }

        public override void Completed(IReadOnlyList<Exception?>? results, Exception? failure)
        {
            Results = results;
            Failure = failure ?? (results is null ? new InvalidOperationException("The journal gave no answer.") : null);
            // A system message, so the answer runs even while commands are held.
            actor.Cell.PostCallback(static state =>
            {
                var request = (ActorWriteRequest)state!;
                request.Owner.OnWriteCompleted(request);
            }, this);
        }

        private PersistentActor Owner => actor;
    }
}
