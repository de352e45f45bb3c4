using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Tests.Persistence;

// Events and snapshots of the test entity: stored, so they carry frozen wire names.

[WireName("test.counter.added")]
public sealed record Added(int Amount);

[WireName("test.counter.snapshot")]
public sealed record CounterSnapshot(int Total);

/// <summary>Not serializable on purpose (no wire name): persisting it is rejected.</summary>
public sealed record Unregistered(int Amount);

// Commands and replies (local only).
public sealed record Add(int Amount);
public sealed record AddAsync(int Amount);
public sealed record AddMany(int[] Amounts);
public sealed record AddAfterAwait(int Amount);
public sealed record AddManyAsync(int[] Amounts);
public sealed record AddUnregistered(int Amount);
public sealed record AddThenThrow(int Amount);
public sealed record AddWithFailingHandler(int Amount);
public sealed record DeferTag(string Tag);
public sealed record TakeSnapshot;
public sealed record DeleteEventsUpTo(long ToSequenceNr);
public sealed record DeleteSnapshotsUpTo(long MaxSequenceNr);
public sealed record GetCounter;
public sealed record PassivateMe;

public sealed record Ack(long SequenceNr, int Total);
public sealed record CounterView(int Total, long LastSequenceNr);
public sealed record Deferred(string Tag, long LastSequenceNr);
public sealed record Continued(int Total);

/// <summary>Sent to the observer when recovery finished: what the actor recovered and how.</summary>
public sealed record Recovered(string PersistenceId, int Total, long LastSequenceNr, int EventsReplayed, long? SnapshotSequenceNr);

/// <summary>
/// The test entity: a counter whose every change is an <see cref="Added"/> event. It reports its
/// recovery to an observer, answers every persisted command with <see cref="Ack"/> from the persist
/// handler (so the reply proves the event is durable), and exposes the rest of the API through commands.
/// </summary>
public sealed class CounterActor : PersistentActor
{
    private readonly string _persistenceId;
    private int _total;
    private int _replayed;
    private long? _snapshotSequenceNr;
    private IActorRef? _requester;

    public CounterActor(string persistenceId, IActorRef? observer = null)
    {
        _persistenceId = persistenceId;

        Recover<Added>(e =>
        {
            _total += e.Amount;
            _replayed++;
        });
        Recover<SnapshotOffer>(offer =>
        {
            _total = ((CounterSnapshot)offer.Snapshot).Total;
            _snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<RecoveryCompleted>(_ => observer?.Tell(new Recovered(PersistenceId, _total, LastSequenceNr, _replayed, _snapshotSequenceNr)));

        Command<Add>(c => Persist(new Added(c.Amount), Apply));
        Command<AddAsync>(c => PersistAsync(new Added(c.Amount), Apply));
        CommandAsync<AddAfterAwait>(async c =>
        {
            await Task.Delay(5);
            Persist(new Added(c.Amount), Apply);
        });
        Command<AddMany>(c => PersistAll(c.Amounts.Select(a => new Added(a)), Apply));
        Command<AddManyAsync>(c => PersistAllAsync(c.Amounts.Select(a => new Added(a)), Apply));
        Command<AddUnregistered>(c =>
        {
            Persist(new Unregistered(c.Amount), e =>
            {
                _total += e.Amount;
                Sender.Tell(new Ack(LastSequenceNr, _total));
            });
            Sender.Tell(new Continued(_total));
        });
        Command<AddThenThrow>(c =>
        {
            Persist(new Added(c.Amount), Apply);
            throw new InvalidOperationException("The command failed after persisting.");
        });
        Command<AddWithFailingHandler>(c => Persist(new Added(c.Amount), e =>
        {
            _total += e.Amount;
            throw new InvalidOperationException("The persist handler failed.");
        }));
        Command<DeferTag>(c => DeferAsync(c.Tag, tag => Sender.Tell(new Deferred(tag, LastSequenceNr))));
        Command<GetCounter>(_ => Sender.Tell(new CounterView(_total, LastSequenceNr)));
        Command<TakeSnapshot>(_ =>
        {
            _requester = Sender;
            SaveSnapshot(new CounterSnapshot(_total));
        });
        Command<SaveSnapshotSuccess>(m => _requester?.Tell(m));
        Command<SaveSnapshotFailure>(m => _requester?.Tell(m));
        Command<DeleteEventsUpTo>(c =>
        {
            _requester = Sender;
            DeleteMessages(c.ToSequenceNr);
        });
        Command<DeleteMessagesSuccess>(m => _requester?.Tell(m));
        Command<DeleteMessagesFailure>(m => _requester?.Tell(m));
        Command<DeleteSnapshotsUpTo>(c =>
        {
            _requester = Sender;
            DeleteSnapshots(new SnapshotSelectionCriteria(c.MaxSequenceNr));
        });
        Command<DeleteSnapshotsSuccess>(m => _requester?.Tell(m));
        Command<PassivateMe>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public override string PersistenceId => _persistenceId;

    private void Apply(Added e)
    {
        _total += e.Amount;
        Sender.Tell(new Ack(LastSequenceNr, _total));
    }

    public static Props Props(string persistenceId, IActorRef? observer = null) =>
        Actors.Runtime.Props.Create(() => new CounterActor(persistenceId, observer));
}
