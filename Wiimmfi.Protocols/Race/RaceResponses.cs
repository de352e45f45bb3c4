namespace Wiimmfi.Protocols.Race;

// RACE answers (race.md §2–3). Only the ranking list is confirmed for MKW.

/// <summary>One ranking entry.</summary>
/// <param name="OwnerId">Profile id.</param>
/// <param name="Rank">1-based position.</param>
/// <param name="Time">Total time in milliseconds.</param>
/// <param name="UserData">The 0x50-byte player info (Mii personal data already scrubbed), sent as standard base64.</param>
/// <param name="GhostFile">SAKE file id of the ghost; WiiLink omits it and MKW accepts that. When set,
/// <c>&lt;ghostfile&gt;</c> is written (the GameSpy SDK parser requires it).</param>
public sealed record RaceRankingEntry(int OwnerId, int Rank, int Time, byte[] UserData, int? GhostFile = null)
{
    public bool Equals(RaceRankingEntry? other) =>
        other is not null && OwnerId == other.OwnerId && Rank == other.Rank && Time == other.Time
        && GhostFile == other.GhostFile && UserData.AsSpan().SequenceEqual(other.UserData);

    public override int GetHashCode() => HashCode.Combine(OwnerId, Rank, Time, GhostFile);
}

/// <summary>Answer to GetTopTenRankings (and the SDK's GetTenAboveRankings / GetFriendRankings).</summary>
public sealed record RaceRankingResponse(RaceResponseCode Code, IReadOnlyList<RaceRankingEntry> Entries)
{
    /// <summary>An error answer: the code and an empty data array.</summary>
    public static RaceRankingResponse Error(RaceResponseCode code) => new(code, []);

    public bool Equals(RaceRankingResponse? other) =>
        other is not null && Code == other.Code && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => HashCode.Combine(Code, Entries.Count);
}

/// <summary>One region of GetRegionalData (SDK, unconfirmed); the name is at most 32 characters.</summary>
public sealed record RaceRegion(int RegionId, string RegionName);

/// <summary>One ghost of GetContestData (SDK, unconfirmed); <see cref="RawData"/> travels as hex (≤ 16,000 bytes).</summary>
public sealed record RaceContestGhost(int ProfileId, int CourseId, int Level, byte[] RawData);
