using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.Matchmaking;

// How a table survives restarts and crashes.
//
// Write-behind. Every decided TableEvent is applied at once (state, index, replies) and then handed to the journal
// with PersistAsync, whose handler only advances a second copy of the state, the durable one. Nothing waits for the
// disk: a table serves every host and every search of its game, and holding them all behind one commit per changed
// heartbeat would tie the game's matchmaking to the database's latency. Ordering argument: PersistAsync keeps this
// actor's events in the order they were applied (one journal request in flight, the next one after it), so the
// journal always holds a prefix of the table's history. A crash loses at most the events of the last moment; the
// recovered table is one the table really was a moment earlier, and the next heartbeat of each host (parsed, since
// its last bytes are not kept) brings its record up to date. A smart restart loses nothing: the predecessor flushes
// before its journal is fenced.
//
// Unchanged heartbeats are not events (the fast path in OnHeartbeat touches liveness only), so the journal grows
// with real changes: registrations, authentications, key changes, removals.
//
// Snapshots are of the durable copy, at the sequence number that copy reflects, every SnapshotEvery events and when
// an empty table passivates; after each one the events and older snapshots it covers are deleted.
//
// Recovery: the hosts come back as records. Their liveness is not state; it restarts at recovery, so a host that
// never reports again expires after the usual expiry (the challenge timeout while unauthenticated), and until then
// it is listed as before. Replies to a recovered host wait for its next packet to learn the front-end.
public sealed partial class MatchmakingTable
{
    private TableState _durable = TableState.Empty("");
    private long _snapshotSequenceNr;
    private bool _snapshotInFlight;
    private bool _passivateAfterSnapshot;

    private void RegisterPersistenceHandlers()
    {
        _durable = _state;
        Recover<TableEvent>(e => _state = _state.Apply(e));
        Recover<SnapshotOffer>(offer =>
        {
            _state = ((TableSnapshot)offer.Snapshot).ToState();
            _snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(_ => OnSnapshotFailed());
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    private void OnRecovered()
    {
        _durable = _state;
        if (_state.Hosts.Count == 0)
            return;
        // Interned again (the journal's strings are fresh copies), so searches recognise the key names.
        var hosts = _state.Hosts.ToBuilder();
        foreach (var host in _state.Hosts.Values)
            hosts[host.Address] = host with { Keys = InternKeys(host.Keys) };
        _state = _state with { Hosts = hosts.ToImmutable() };
        long now = _clock.GetTimestamp();
        foreach (var host in _state.Hosts.Values)
        {
            _sessions[host.Address] = new HostSession(now, ActorRefs.Nobody);
            _index.Set(host);
        }
        _metrics.Add(MatchmakingCounter.Qr2HostsRecovered, _state.Hosts.Count);
        MatchmakingLog.TableRecovered(Context.Logger, _gameName, _state.Hosts.Count, _state.PendingCount, LastSequenceNr);
    }

    /// <summary>Hands an applied event to the journal; its handler keeps the durable copy in step.</summary>
    private void Journal(TableEvent change) => PersistAsync(change, OnDurable);

    private void OnDurable(TableEvent change)
    {
        _durable = _durable.Apply(change);
        if (!_snapshotInFlight && LastSequenceNr - _snapshotSequenceNr >= SnapshotEvery)
            SaveTableSnapshot();
    }

    private void SaveTableSnapshot()
    {
        _snapshotInFlight = true;
        SaveSnapshot(TableSnapshot.Of(_durable));
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        _snapshotInFlight = false;
        long covered = saved.Metadata.SequenceNr;
        _snapshotSequenceNr = Math.Max(_snapshotSequenceNr, covered);
        // The snapshot replaces what it covers: recovery reads one row instead of the table's whole history.
        DeleteMessages(covered);
        if (covered > 1)
            DeleteSnapshots(new SnapshotSelectionCriteria(MaxSequenceNr: covered - 1));
        if (_passivateAfterSnapshot)
            Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
    }

    private void OnSnapshotFailed()
    {
        _snapshotInFlight = false;
        if (_passivateAfterSnapshot)
            Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self); // recovery replays the events instead
    }

    /// <summary>
    /// An empty table stops; first, once every event is durable, it leaves a snapshot (of no hosts) so the next
    /// start of the table reads one row. Without events since the last snapshot it stops at once.
    /// </summary>
    private void PassivateAfterSnapshot()
    {
        if (_passivateAfterSnapshot)
            return;
        _passivateAfterSnapshot = true;
        DeferAsync(0, _ =>
        {
            if (LastSequenceNr > _snapshotSequenceNr && !_snapshotInFlight)
                SaveTableSnapshot();
            else if (!_snapshotInFlight)
                Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
        });
    }

    /// <summary>A fenced journal (smart restart) is expected, not an error: the successor owns the table now.</summary>
    protected override void OnPersistFailure(Exception cause, object? @event, long sequenceNr)
    {
        if (cause is JournalFencedException)
            return;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
