namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// A write was refused because one of its sequence numbers is already stored for that persistence id:
/// another incarnation of the entity wrote it first (the journal's fence against two writers).
/// The actor that tried must stop; its state is out of date.
/// </summary>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(string persistenceId, long lowestSequenceNr, long highestSequenceNr, Exception? inner = null)
        : base($"Persistence id [{persistenceId}] already holds one of the sequence numbers {lowestSequenceNr}..{highestSequenceNr}: " +
               "another writer of the same entity got there first.", inner)
    {
        PersistenceId = persistenceId;
        LowestSequenceNr = lowestSequenceNr;
        HighestSequenceNr = highestSequenceNr;
    }

    public string PersistenceId { get; }
    public long LowestSequenceNr { get; }
    public long HighestSequenceNr { get; }
}

/// <summary>
/// A write was not attempted because an earlier write of the same persistence id in the same batch was
/// refused (its later events must not land after a gap).
/// </summary>
public sealed class JournalWriteSkippedException(string persistenceId, Exception cause)
    : Exception($"Not written: an earlier write of [{persistenceId}] in the same batch was refused.", cause);

/// <summary>
/// The journal's write queue is full (<see cref="PersistenceSettings.WriteBufferSize"/> events wait
/// already): the database cannot keep up, and the write is failed at once rather than queued without bound.
/// </summary>
public sealed class JournalOverloadedException(int queuedEvents)
    : Exception($"The journal write queue is full ({queuedEvents} events waiting); the database is not keeping up.");

/// <summary>
/// The journal is fenced (<see cref="Persistence.FenceAsync"/>): this node handed its entities to a successor
/// (smart restart), so nothing it persists from now on may land — the successor's recovered entities own the
/// streams. The actor that tried stops, as after any refused write.
/// </summary>
public sealed class JournalFencedException()
    : Exception("The journal is fenced: this node handed over to a successor and may not write any more.");
