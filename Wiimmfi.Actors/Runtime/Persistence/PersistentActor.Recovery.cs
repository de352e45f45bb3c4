namespace Wiimmfi.Actors.Runtime.Persistence;

public abstract partial class PersistentActor
{
    private RecoveryRun? _recoveryRun;

    /// <summary>
    /// Starts recovery (on start and after a restart): user messages are held, a recovery slot is
    /// awaited, the snapshot and the highest sequence number are loaded, events are replayed page by
    /// page — all reads off the actor's turn; each page is applied on the actor's turn.
    /// </summary>
    private void StartRecovery()
    {
        _persistence = Persistence.Get(Context.System);
        var id = PersistenceId;
        if (string.IsNullOrEmpty(id)) throw new InvalidOperationException($"{GetType().Name} has no PersistenceId.");
        _persistenceId = id;
        _phase = Phase.Recovering;
        Cell.HoldUserMessages();
        var run = new RecoveryRun(this, _persistence, id, Recovery ?? Recovery.Default);
        _recoveryRun = run;
        run.Start();
    }

    private void CancelRecovery()
    {
        _recoveryRun?.Cancel();
        _recoveryRun = null;
    }

    /// <summary>One step of recovery arrived on the actor's turn: apply it, then ask for the next or finish.</summary>
    private void ApplyRecoveryStep(RecoveryStep step)
    {
        var run = step.Run;
        if (!ReferenceEquals(_recoveryRun, run) || !IsOwnTurn() || _phase != Phase.Recovering) return;
        if (step.Failure is { } failure)
        {
            FailRecovery(failure, null);
            return;
        }
        object? current = null;
        try
        {
            if (step.Snapshot is { } offer)
            {
                current = offer;
                _lastSequenceNr = offer.Metadata.SequenceNr;
                InvokeRecover(offer);
            }
            foreach (var (sequenceNr, @event) in step.Events)
            {
                current = @event;
                _lastSequenceNr = sequenceNr;
                InvokeRecover(@event);
            }
        }
        catch (Exception e)
        {
            FailRecovery(e, current);
            return;
        }
        run.Extension.Metrics.Replayed(step.Events.Count);
        if (!step.IsLast)
        {
            run.ReadNextPage(step.Events[^1].SequenceNr + 1);
            return;
        }
        _lastSequenceNr = Math.Max(_lastSequenceNr, run.HighestSequenceNr);
        _allocatedSequenceNr = _lastSequenceNr;
        run.Finish();
        _recoveryRun = null;
        run.Extension.Metrics.RecoveryCompleted();
        _phase = Phase.Running;
        try
        {
            InvokeRecover(RecoveryCompleted.Instance);
        }
        catch (Exception e)
        {
            FailRecovery(e, RecoveryCompleted.Instance);
            return;
        }
        // Persists made in the RecoveryCompleted handler go out now; held messages are released.
        FlushJournalBatch();
    }

    private void FailRecovery(Exception cause, object? @event)
    {
        Extension.Metrics.RecoveryFailed();
        _phase = Phase.Stopped;
        CancelRecovery();
        try
        {
            OnRecoveryFailure(cause, @event);
        }
        finally
        {
            StopSelf();
        }
    }

    /// <summary>What the off-turn reads hand to the actor: a snapshot, a page of events, or a failure.</summary>
    private sealed record RecoveryStep(RecoveryRun Run, SnapshotOffer? Snapshot, IReadOnlyList<(long SequenceNr, object Event)> Events, bool IsLast, Exception? Failure);

    /// <summary>
    /// The database side of one recovery, run on the thread pool. It holds a recovery slot from the
    /// moment it gets one until <see cref="Finish"/> or <see cref="Cancel"/>, whichever comes first —
    /// also when the actor stops mid-way, since its callbacks may never run then.
    /// </summary>
    private sealed class RecoveryRun(PersistentActor actor, Persistence extension, string persistenceId, Recovery recovery)
    {
        private const int NoSlot = 0;
        private const int HoldingSlot = 1;
        private const int Done = 2;

        private readonly CancellationTokenSource _cancellation = new();
        private int _slot;
        private long _upTo;
        private long _remaining = recovery.ReplayMax;

        public Persistence Extension { get; } = extension;

        /// <summary>The highest sequence number in the journal (known after the first step).</summary>
        public long HighestSequenceNr { get; private set; }

        public void Start() => _ = Task.Run(FirstStepAsync);

        public void ReadNextPage(long from) => _ = Task.Run(() => PageStepAsync(from));

        /// <summary>Recovery finished: hand the slot back.</summary>
        public void Finish() => ReleaseSlot();

        /// <summary>The actor stopped, restarted or failed: stop reading and hand the slot back.</summary>
        public void Cancel()
        {
            ReleaseSlot();
            _cancellation.Cancel();
        }

        private void ReleaseSlot()
        {
            if (Interlocked.Exchange(ref _slot, Done) == HoldingSlot) Extension.Recoveries.Release();
        }

        private async Task FirstStepAsync()
        {
            try
            {
                var token = _cancellation.Token;
                if (!await Extension.MayHaveEventsAsync(persistenceId).ConfigureAwait(false))
                {
                    // Certainly nothing stored (a sparse prefix): no queries, no recovery slot, a fresh numbering.
                    HighestSequenceNr = Extension.NextFreshSequenceBase();
                    Post(new RecoveryStep(this, null, [], true, null));
                    return;
                }
                await Extension.Recoveries.AcquireAsync(token).ConfigureAwait(false);
                if (Interlocked.CompareExchange(ref _slot, HoldingSlot, NoSlot) != NoSlot)
                {
                    Extension.Recoveries.Release(); // cancelled while waiting
                    return;
                }
                var snapshot = await LoadSnapshotAsync(token).ConfigureAwait(false);
                var from = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
                _upTo = recovery.ToSequenceNr;
                var page = await ReadPageAsync(from, first: true, token).ConfigureAwait(false);
                Post(new RecoveryStep(this, snapshot, page.Events, page.IsLast, null));
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Post(new RecoveryStep(this, null, [], true, e));
            }
        }

        private async Task PageStepAsync(long from)
        {
            try
            {
                var page = await ReadPageAsync(from, first: false, _cancellation.Token).ConfigureAwait(false);
                Post(new RecoveryStep(this, null, page.Events, page.IsLast, null));
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Post(new RecoveryStep(this, null, [], true, e));
            }
        }

        private async Task<SnapshotOffer?> LoadSnapshotAsync(CancellationToken token)
        {
            var record = await Extension.SnapshotStore.LoadAsync(persistenceId, recovery.Snapshot, token).ConfigureAwait(false);
            if (record is null) return null;
            object snapshot;
            try
            {
                snapshot = Extension.Serializer.Deserialize(record.Manifest, record.Payload);
            }
            catch (Exception e)
            {
                throw new RecoveryReadException($"The snapshot of [{persistenceId}] at #{record.Metadata.SequenceNr} ({record.Manifest}) cannot be read: {e.Message}", e);
            }
            return new SnapshotOffer(record.Metadata, snapshot);
        }

        /// <summary>
        /// Reads the next page of events. The first read also learns the highest sequence number (in the
        /// same query), which bounds the replay and is where numbering continues.
        /// </summary>
        private async Task<(IReadOnlyList<(long, object)> Events, bool IsLast)> ReadPageAsync(long from, bool first, CancellationToken token)
        {
            var pageSize = Math.Min(Extension.Settings.ReplayBatchSize, _remaining);
            var events = new List<(long, object)>();
            var serializer = Extension.Serializer;
            void OnEvent(PersistentRepresentation representation)
            {
                object @event;
                try
                {
                    @event = serializer.Deserialize(representation.Manifest, representation.Payload);
                }
                catch (Exception e)
                {
                    throw new RecoveryReadException($"Event #{representation.SequenceNr} of [{persistenceId}] ({representation.Manifest}) cannot be read: {e.Message}", e);
                }
                events.Add((representation.SequenceNr, @event));
            }
            if (first)
            {
                var highest = await Extension.Journal.ReplayAndReadHighestAsync(persistenceId, from, _upTo, Math.Max(0, pageSize), OnEvent, token).ConfigureAwait(false);
                HighestSequenceNr = Math.Max(highest, from - 1);
                _upTo = Math.Min(_upTo, highest);
            }
            else if (pageSize > 0 && from <= _upTo)
            {
                await Extension.Journal.ReplayAsync(persistenceId, from, _upTo, pageSize, OnEvent, token).ConfigureAwait(false);
            }
            _remaining -= events.Count;
            var isLast = events.Count < pageSize || _remaining <= 0 || events.Count == 0 || events[^1].Item1 >= _upTo;
            return (events, isLast);
        }

        private void Post(RecoveryStep step) =>
            actor.Cell.PostCallback(static state =>
            {
                var s = (RecoveryStep)state!;
                s.Run.Owner.ApplyRecoveryStep(s);
            }, step);

        private PersistentActor Owner => actor;
    }
}

/// <summary>A stored event or snapshot could not be read during recovery (unknown wire name, JSON that no longer fits).</summary>
public sealed class RecoveryReadException(string message, Exception inner) : Exception(message, inner);
