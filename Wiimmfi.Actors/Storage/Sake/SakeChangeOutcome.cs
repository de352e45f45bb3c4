namespace Wiimmfi.Actors.Storage;

/// <summary>Outcome of a SAKE write. Frozen numbers; append only.</summary>
public enum SakeChangeOutcome
{
    Done = 0,
    /// <summary>No record with that id in that game and table.</summary>
    RecordNotFound = 1,
    /// <summary>The record belongs to another profile.</summary>
    NotOwned = 2,
    /// <summary>The owner already has as many records (or files) as allowed.</summary>
    LimitReached = 3,
    /// <summary>The profile already rated the record.</summary>
    AlreadyRated = 4,
}

/// <summary>Outcome of CreateRecord: the new id when <see cref="Outcome"/> is Done.</summary>
public sealed record SakeCreateResult(SakeChangeOutcome Outcome, int RecordId);

/// <summary>Outcome of RateRecord: the totals after the vote when <see cref="Outcome"/> is Done.</summary>
public sealed record SakeRateResult(SakeChangeOutcome Outcome, int NumRatings, float AverageRating);
