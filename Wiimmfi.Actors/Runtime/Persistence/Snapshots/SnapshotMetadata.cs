namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>Which snapshot: of <paramref name="PersistenceId"/>, taken after event <paramref name="SequenceNr"/>, at <paramref name="Timestamp"/>.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);

/// <summary>A snapshot as the store keeps it: its metadata, its wire name and its JSON.</summary>
public sealed record SnapshotRecord(SnapshotMetadata Metadata, string Manifest, byte[] Payload);

/// <summary>
/// Which snapshots match: sequence number and time within the given bounds (all inclusive). Recovery
/// takes the newest match; <see cref="DeleteSnapshots"/> deletes every match.
/// </summary>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr = long.MaxValue, DateTimeOffset? MaxTimestamp = null, long MinSequenceNr = 0, DateTimeOffset? MinTimestamp = null)
{
    /// <summary>Any snapshot (recovery takes the newest).</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new();

    /// <summary>No snapshot at all (recovery replays the whole journal).</summary>
    public static SnapshotSelectionCriteria None { get; } = new(MaxSequenceNr: -1);

    /// <summary>True when nothing can match.</summary>
    public bool MatchesNothing => MaxSequenceNr < MinSequenceNr || MaxSequenceNr < 0 ||
                                  (MaxTimestamp is { } max && MinTimestamp is { } min && max < min);

    /// <summary>Whether a snapshot with this metadata matches.</summary>
    public bool Matches(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.SequenceNr >= MinSequenceNr &&
        (MaxTimestamp is not { } max || metadata.Timestamp <= max) &&
        (MinTimestamp is not { } min || metadata.Timestamp >= min);
}
