namespace Wiimmfi.Actors.Runtime.Persistence;

// What a PersistentActor receives from persistence itself. They stay inside the node (no [WireName]).

/// <summary>Recovery has finished (always sent to the recover handlers, even for an empty journal); commands follow.</summary>
public sealed class RecoveryCompleted
{
    public static RecoveryCompleted Instance { get; } = new();
    private RecoveryCompleted() { }
    public override string ToString() => "RecoveryCompleted";
}

/// <summary>Sent to the recover handlers first when recovery starts from a snapshot; later events follow.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>A <c>SaveSnapshot</c> has been stored.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>A <c>SaveSnapshot</c> could not be stored (the actor goes on; its journal is complete).</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>A <c>DeleteMessages</c> has deleted the events up to <paramref name="ToSequenceNr"/>.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>A <c>DeleteMessages</c> failed; nothing or only part was deleted (a retry is safe).</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>A <c>DeleteSnapshot</c> has deleted one snapshot.</summary>
public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>A <c>DeleteSnapshot</c> failed.</summary>
public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>A <c>DeleteSnapshots</c> has deleted every matching snapshot.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>A <c>DeleteSnapshots</c> failed.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);

/// <summary>
/// How an actor recovers (<see cref="PersistentActor.Recovery"/>): from the newest snapshot matching
/// <paramref name="FromSnapshot"/>, then the events after it up to <paramref name="ToSequenceNr"/>, at
/// most <paramref name="ReplayMax"/> of them. Whatever is replayed, new events continue after the
/// highest number the journal holds.
/// </summary>
public sealed record Recovery(SnapshotSelectionCriteria? FromSnapshot = null, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    /// <summary>Newest snapshot, then every later event.</summary>
    public static Recovery Default { get; } = new();

    /// <summary>No snapshot and no events: the actor starts empty, numbering after what is stored.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0, 0);

    internal SnapshotSelectionCriteria Snapshot => FromSnapshot ?? SnapshotSelectionCriteria.Latest;
}
