namespace Wiimmfi.Actors.Storage;

/// <summary>A Mario Kart Wii score to record.</summary>
/// <param name="CourseId">0–31, or a competition id 32–32767.</param>
/// <param name="ProfileId">The player's profile id.</param>
/// <param name="RegionId">1–7 from a ghost upload; 0–7 from RACE SubmitScores.</param>
/// <param name="TimeMs">Total time, 1–359,999 ms.</param>
/// <param name="PlayerInfo">The 0x50-byte player info as uploaded.</param>
/// <param name="Ghost">The (already checked and scrubbed) RKGD, or null for a score without a ghost.</param>
public sealed record RaceNewScore(int CourseId, uint ProfileId, int RegionId, int TimeMs, byte[] PlayerInfo, byte[]? Ghost);

/// <summary>What <see cref="IRaceStore.SubmitScoreAsync"/> did. Frozen numbers; append only.</summary>
public enum RaceScoreOutcome
{
    /// <summary>First score of the player on that course.</summary>
    Added = 0,
    /// <summary>Faster than the stored one, which it replaced (with its ghost).</summary>
    Improved = 1,
    /// <summary>Not faster than the stored score, which stays (the best time per player and course is kept).</summary>
    KeptBetter = 2,
}

/// <summary>A stored score, as rankings list it.</summary>
public sealed record RaceScoreEntry(int CourseId, uint ProfileId, int RegionId, int TimeMs, byte[] PlayerInfo, int? GhostFileId, DateTimeOffset Submitted);

/// <summary>A ghost found for a rival or fastest search: whose, how fast, and the file.</summary>
public sealed record RaceGhost(uint ProfileId, int TimeMs, int FileId, byte[] Content);
