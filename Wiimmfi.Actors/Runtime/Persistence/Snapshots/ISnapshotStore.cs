namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// Where snapshots live (Akka's <c>SnapshotStore</c>). Implementation: <see cref="Sql.SqlSnapshotStore"/>
/// on SQLite and PostgreSQL; both pass the same conformance suite. Saving a snapshot with the same
/// persistence id and sequence number again replaces it.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The newest snapshot of <paramref name="persistenceId"/> that matches <paramref name="criteria"/>, or null.</summary>
    Task<SnapshotRecord?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot (replacing one with the same persistence id and sequence number).</summary>
    Task SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshot with this persistence id and sequence number (nothing if there is none).</summary>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> that matches <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
