namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// Events of one persistence id, with consecutive sequence numbers, that land in the journal together
/// or not at all: one <c>Persist</c> (one event) or one <c>PersistAll</c> (several).
/// </summary>
public sealed class AtomicWrite
{
    public AtomicWrite(IReadOnlyList<PersistentRepresentation> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) throw new ArgumentException("An atomic write needs at least one event.", nameof(events));
        var first = events[0];
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].PersistenceId != first.PersistenceId)
                throw new ArgumentException("The events of an atomic write belong to one persistence id.", nameof(events));
            if (events[i].SequenceNr != first.SequenceNr + i)
                throw new ArgumentException("The events of an atomic write have consecutive sequence numbers.", nameof(events));
        }
        Events = events;
    }

    public AtomicWrite(PersistentRepresentation single) : this([single]) { }

    public IReadOnlyList<PersistentRepresentation> Events { get; }

    public string PersistenceId => Events[0].PersistenceId;

    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;

    public override string ToString() => $"AtomicWrite({PersistenceId} #{LowestSequenceNr}..{HighestSequenceNr})";
}
