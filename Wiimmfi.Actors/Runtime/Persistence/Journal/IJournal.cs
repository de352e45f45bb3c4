namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// Where events live (Akka's <c>AsyncWriteJournal</c> in four calls). Implementations:
/// <see cref="Sql.SqliteJournal"/> and <see cref="Sql.PostgresJournal"/>; both pass the same
/// conformance suite. Actors never call a journal directly: <see cref="PersistentActor"/> goes through
/// the <see cref="Persistence"/> extension, which batches the writes of many actors into one call.
///
/// <para>Rules every implementation keeps: an (persistence id, sequence number) pair is stored at most
/// once — a second write of it is refused, which is what stops a second writer of the same entity;
/// deleting events never lowers the highest sequence number of a persistence id.</para>
/// </summary>
public interface IJournal
{
    /// <summary>How many <see cref="WriteAsync"/> calls may usefully run at once (SQLite: one writer at a time).</summary>
    int MaxParallelWrites => int.MaxValue;

    /// <summary>
    /// Writes each atomic write whole or not at all, as few transactions as it can (ideally one).
    /// The result has one entry per write, in order: null when the write landed, or the exception that
    /// refused it (<see cref="JournalConflictException"/> for a sequence number that is already taken);
    /// a refused write does not keep the others from landing. A thrown exception means the outcome
    /// of every write is unknown (the connection broke, the commit may or may not have happened).
    /// The list is only read during the call.
    /// </summary>
    Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onEvent"/> for the stored, not deleted events of <paramref name="persistenceId"/>
    /// with <paramref name="fromSequenceNr"/> ≤ sequence number ≤ <paramref name="toSequenceNr"/>, in
    /// sequence order, at most <paramref name="max"/> of them.
    /// </summary>
    Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onEvent, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever stored for <paramref name="persistenceId"/> (deleted events count), or 0.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recovery's first read: <see cref="ReplayAsync"/> and <see cref="ReadHighestSequenceNrAsync"/>
    /// together, in one round trip where the store can (a restart storm is round trips).
    /// </summary>
    async Task<long> ReplayAndReadHighestAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onEvent, CancellationToken cancellationToken = default)
    {
        var highest = await ReadHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false);
        await ReplayAsync(persistenceId, fromSequenceNr, Math.Min(toSequenceNr, highest), max, onEvent, cancellationToken).ConfigureAwait(false);
        return highest;
    }

    /// <summary>
    /// The persistence ids starting with <paramref name="prefix"/> that have stored, not deleted events, or null when
    /// this journal cannot list them (then nothing may skip recovery).
    /// </summary>
    Task<IReadOnlySet<string>?> ReadIdsWithEventsAsync(string prefix, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<string>?>(null);

    /// <summary>
    /// Deletes the events of <paramref name="persistenceId"/> up to and including <paramref name="toSequenceNr"/>
    /// (beyond the highest means all). The newest stored event stays as a hidden tombstone, so the
    /// highest sequence number is never reused.
    /// </summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
