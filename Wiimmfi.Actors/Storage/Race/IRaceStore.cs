namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Mario Kart Wii rankings (the best time per player and course, with its ghost when one was uploaded) and the
/// competitions operators publish. Filled by SAKE ghost uploads and RACE score submissions, read by RACE
/// rankings, SAKE ghost searches and ghost downloads.
/// </summary>
public interface IRaceStore
{
    /// <summary>
    /// Records a score; keeps the faster of the stored and the new one. A replaced ghost is deleted in the same
    /// transaction that stores the new one, so a failure leaves the old score and ghost untouched.
    /// </summary>
    Task<RaceScoreOutcome> SubmitScoreAsync(RaceNewScore score, CancellationToken cancellationToken = default);

    /// <summary>The fastest <paramref name="count"/> scores on a course, in one region (1–7) or all (0); ties: first submitted first.</summary>
    Task<IReadOnlyList<RaceScoreEntry>> TopAsync(int courseId, int regionId, int count, CancellationToken cancellationToken = default);

    /// <summary>A player's score on a course and the number of faster ones (rank − 1), or null without a score.</summary>
    Task<(RaceScoreEntry Entry, int Faster)?> FindScoreAsync(int courseId, int regionId, uint profileId, CancellationToken cancellationToken = default);

    /// <summary>Scores <paramref name="skip"/>…<paramref name="skip"/>+<paramref name="count"/> of the ranking.</summary>
    Task<IReadOnlyList<RaceScoreEntry>> RangeAsync(int courseId, int regionId, int skip, int count, CancellationToken cancellationToken = default);

    /// <summary>The fastest scores of the given players.</summary>
    Task<IReadOnlyList<RaceScoreEntry>> AmongAsync(int courseId, int regionId, IReadOnlyCollection<uint> profileIds, int count, CancellationToken cancellationToken = default);

    /// <summary>The ghost with the largest time strictly below <paramref name="belowTimeMs"/> on a standard course (any region), not of <paramref name="excludeProfileId"/>.</summary>
    Task<RaceGhost?> FindRivalGhostAsync(int courseId, int belowTimeMs, uint? excludeProfileId, CancellationToken cancellationToken = default);

    /// <summary>The fastest ghost on a course, in one region (1–7) or all (0).</summary>
    Task<RaceGhost?> FindFastestGhostAsync(int courseId, int regionId, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces a competition (a replaced one must be published again).</summary>
    Task UpsertCompetitionAsync(RaceNewCompetition competition, CancellationToken cancellationToken = default);

    /// <summary>Publishes a competition; false when there is none with that id.</summary>
    Task<bool> PublishCompetitionAsync(int competitionId, CancellationToken cancellationToken = default);

    /// <summary>Every competition, newest start first, without files.</summary>
    Task<IReadOnlyList<RaceCompetitionInfo>> ListCompetitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>One competition with its file, or null.</summary>
    Task<RaceCompetitionFile?> GetCompetitionAsync(int competitionId, CancellationToken cancellationToken = default);

    /// <summary>The published competition running at <paramref name="now"/> (the latest to start, if several), or null.</summary>
    Task<RaceCompetitionFile?> GetActiveCompetitionAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
