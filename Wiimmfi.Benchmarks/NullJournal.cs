using Wiimmfi.Actors.Runtime.Persistence;

namespace Wiimmfi.Benchmarks;

/// <summary>
/// A journal that stores nothing and answers at once (after a hop to the thread pool, as a database
/// call would): the baseline that shows what the actor side and the writer cost without a database.
/// </summary>
public sealed class NullJournal : IJournal
{
    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return new Exception?[writes.Count];
    }

    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>A snapshot store that has nothing and keeps nothing (for the no-database baseline).</summary>
public sealed class NullSnapshotStore : ISnapshotStore
{
    public static NullSnapshotStore Instance { get; } = new();

    public Task<SnapshotRecord?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        Task.FromResult<SnapshotRecord?>(null);

    public Task SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
