using System.Data.Common;
using System.Security.Cryptography;
using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// <see cref="IRaceStore"/> on SQLite or PostgreSQL. Rankings are index range scans on
/// (course, [region,] time, submitted); a score change is one transaction that also stores the new ghost and
/// deletes the replaced one. PostgreSQL serialises changes to one (course, player) with an advisory lock, SQLite
/// with its single write lock.
/// </summary>
internal sealed class SqlRaceStore(StoreDatabase database, TimeProvider time) : IRaceStore
{
    /// <summary>Game id the ghost files are stored under (Mario Kart Wii).</summary>
    public const int GhostGameId = 1687;

    // Advisory-lock key space of this store: "RC" in the top 16 bits, then the course (15 bits) and the profile.
    private const long ScoreLockPrefix = 0x5243L << 48;

    private const string EntryColumns = "course_id, profile_id, region_id, time_ms, player_info, ghost_file_id, submitted_ms";

    // Rank order: faster first, then whoever got there first, then the lower profile id (total order).
    private const string RankOrder = "time_ms, submitted_ms, profile_id";

    private bool IsPostgres => database.Kind == StoreKind.Postgres;

    private static string Region(int regionId) => regionId == 0 ? "" : " AND region_id = @RegionId";

    public async Task<RaceScoreOutcome> SubmitScoreAsync(RaceNewScore score, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentOutOfRangeException.ThrowIfNotEqual(score.PlayerInfo.Length, 0x50, nameof(score));
        var now = UnixMilliseconds.From(time.GetUtcNow());
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            if (IsPostgres)
            {
                await connection.ExecuteAsync(database.Command("SELECT pg_advisory_xact_lock(@Key)",
                    new { Key = ScoreLockPrefix | ((long)score.CourseId << 32) | score.ProfileId }, transaction, cancellationToken)).ConfigureAwait(false);
            }
            var key = new { score.CourseId, ProfileId = (long)score.ProfileId };
            var existing = await connection.QuerySingleOrDefaultAsync<ExistingScore>(database.Command(
                "SELECT time_ms, ghost_file_id FROM race_scores WHERE course_id = @CourseId AND profile_id = @ProfileId",
                key, transaction, cancellationToken)).ConfigureAwait(false);
            if (existing is not null && existing.TimeMs <= score.TimeMs)
            {
                return RaceScoreOutcome.KeptBetter;
            }
            long? ghostId = null;
            if (score.Ghost is { } ghost)
            {
                ghostId = await SqlSakeStore.InsertFileAsync(database, transaction,
                    new SakeNewFile(GhostGameId, score.ProfileId, SakeFileKind.MkwGhost, ghost), now, cancellationToken).ConfigureAwait(false);
            }
            var values = new
            {
                score.CourseId, ProfileId = (long)score.ProfileId, score.RegionId, score.TimeMs, score.PlayerInfo, GhostFileId = ghostId, Now = now,
            };
            if (existing is null)
            {
                await connection.ExecuteAsync(database.Command(
                    $"INSERT INTO race_scores ({EntryColumns}) VALUES (@CourseId, @ProfileId, @RegionId, @TimeMs, @PlayerInfo, @GhostFileId, @Now)",
                    values, transaction, cancellationToken)).ConfigureAwait(false);
                return RaceScoreOutcome.Added;
            }
            await connection.ExecuteAsync(database.Command(
                "UPDATE race_scores SET region_id = @RegionId, time_ms = @TimeMs, player_info = @PlayerInfo, ghost_file_id = @GhostFileId, " +
                "submitted_ms = @Now WHERE course_id = @CourseId AND profile_id = @ProfileId",
                values, transaction, cancellationToken)).ConfigureAwait(false);
            if (existing.GhostFileId is { } old)
            {
                // The old ghost belongs to the slower time; it goes with it, in this same transaction.
                await connection.ExecuteAsync(database.Command("DELETE FROM sake_files WHERE file_id = @Old", new { Old = old },
                    transaction, cancellationToken)).ConfigureAwait(false);
            }
            return RaceScoreOutcome.Improved;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<RaceScoreEntry>> TopAsync(int courseId, int regionId, int count, CancellationToken cancellationToken = default) =>
        RangeAsync(courseId, regionId, 0, count, cancellationToken);

    public async Task<IReadOnlyList<RaceScoreEntry>> RangeAsync(int courseId, int regionId, int skip, int count, CancellationToken cancellationToken = default)
    {
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<EntryRow>(database.Command(
            $"SELECT {EntryColumns} FROM race_scores WHERE course_id = @CourseId{Region(regionId)} ORDER BY {RankOrder} LIMIT @Count OFFSET @Skip",
            new { CourseId = courseId, RegionId = regionId, Count = Math.Max(0, count), Skip = Math.Max(0, skip) }, null, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return rows.Select(ToEntry).ToList();
    }

    public async Task<(RaceScoreEntry Entry, int Faster)?> FindScoreAsync(int courseId, int regionId, uint profileId, CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<EntryRow>(database.Command(
                $"SELECT {EntryColumns} FROM race_scores WHERE course_id = @CourseId AND profile_id = @ProfileId{Region(regionId)}",
                new { CourseId = courseId, ProfileId = (long)profileId, RegionId = regionId }, null, cancellationToken)).ConfigureAwait(false);
            if (row is null)
            {
                return ((RaceScoreEntry, int)?)null;
            }
            var faster = await connection.ExecuteScalarAsync<long>(database.Command(
                $"SELECT count(*) FROM race_scores WHERE course_id = @CourseId{Region(regionId)} AND (time_ms < @TimeMs OR (time_ms = @TimeMs AND " +
                "(submitted_ms < @SubmittedMs OR (submitted_ms = @SubmittedMs AND profile_id < @ProfileId))))",
                new { CourseId = courseId, RegionId = regionId, row.TimeMs, row.SubmittedMs, row.ProfileId }, null, cancellationToken)).ConfigureAwait(false);
            return (ToEntry(row), (int)faster);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RaceScoreEntry>> AmongAsync(int courseId, int regionId, IReadOnlyCollection<uint> profileIds, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        if (profileIds.Count == 0)
        {
            return [];
        }
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<EntryRow>(database.Command(
            $"SELECT {EntryColumns} FROM race_scores WHERE course_id = @CourseId{Region(regionId)} AND {database.InList("profile_id", "Ids")} " +
            $"ORDER BY {RankOrder} LIMIT @Count",
            new { CourseId = courseId, RegionId = regionId, Ids = profileIds.Select(id => (long)id).ToArray(), Count = Math.Max(0, count) },
            null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToEntry).ToList();
    }

    public Task<RaceGhost?> FindRivalGhostAsync(int courseId, int belowTimeMs, uint? excludeProfileId, CancellationToken cancellationToken = default) =>
        FindGhostAsync(RivalGhostQuery(courseId, belowTimeMs, excludeProfileId), cancellationToken);

    public Task<RaceGhost?> FindFastestGhostAsync(int courseId, int regionId, CancellationToken cancellationToken = default) =>
        FindGhostAsync(FastestGhostQuery(courseId, regionId), cancellationToken);

    /// <summary>The statement behind <see cref="FindRivalGhostAsync"/> (also used to show its query plan).</summary>
    internal static (string Sql, object Parameters) RivalGhostQuery(int courseId, int belowTimeMs, uint? excludeProfileId) => GhostQuery(
        "s.course_id = @CourseId AND s.time_ms < @Below" + (excludeProfileId is null ? "" : " AND s.profile_id <> @Exclude"),
        "s.time_ms DESC, s.submitted_ms, s.profile_id",
        new { CourseId = courseId, Below = belowTimeMs, Exclude = (long?)excludeProfileId });

    /// <summary>The statement behind <see cref="FindFastestGhostAsync"/> (also used to show its query plan).</summary>
    internal static (string Sql, object Parameters) FastestGhostQuery(int courseId, int regionId) => GhostQuery(
        "s.course_id = @CourseId" + (regionId == 0 ? "" : " AND s.region_id = @RegionId"),
        "s.time_ms, s.submitted_ms, s.profile_id",
        new { CourseId = courseId, RegionId = regionId });

    private static (string Sql, object Parameters) GhostQuery(string condition, string order, object parameters) => (
        "SELECT s.profile_id, s.time_ms, f.file_id, f.content FROM race_scores s JOIN sake_files f ON f.file_id = s.ghost_file_id " +
        $"WHERE {condition} ORDER BY {order} LIMIT 1", parameters);

    private async Task<RaceGhost?> FindGhostAsync((string Sql, object Parameters) query, CancellationToken cancellationToken)
    {
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<GhostRow>(database.Command(
            query.Sql, query.Parameters, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new RaceGhost((uint)row.ProfileId, (int)row.TimeMs, checked((int)row.FileId), row.Content);
    }

    public async Task UpsertCompetitionAsync(RaceNewCompetition competition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(competition);
        if (competition.CompetitionId is < 32 or > 32767)
        {
            throw new ArgumentOutOfRangeException(nameof(competition), "Competition ids are 32-32767 (never a standard course).");
        }
        if (competition.Ends <= competition.Starts)
        {
            throw new ArgumentException("A competition ends after it starts.", nameof(competition));
        }
        var now = UnixMilliseconds.From(time.GetUtcNow());
        await database.WriteAsync(transaction => transaction.Connection!.ExecuteAsync(database.Command(
            "INSERT INTO race_competitions (competition_id, title, starts_ms, ends_ms, file_name, content, size, sha256, uploaded_ms, published_ms) " +
            "VALUES (@CompetitionId, @Title, @StartsMs, @EndsMs, @FileName, @Content, @Size, @Sha256, @Now, NULL) " +
            "ON CONFLICT (competition_id) DO UPDATE SET title = excluded.title, starts_ms = excluded.starts_ms, ends_ms = excluded.ends_ms, " +
            "file_name = excluded.file_name, content = excluded.content, size = excluded.size, sha256 = excluded.sha256, " +
            "uploaded_ms = excluded.uploaded_ms, published_ms = NULL",
            new
            {
                competition.CompetitionId, competition.Title, StartsMs = UnixMilliseconds.From(competition.Starts),
                EndsMs = UnixMilliseconds.From(competition.Ends), competition.FileName, competition.Content,
                Size = (long)competition.Content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(competition.Content)), Now = now,
            }, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PublishCompetitionAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        var now = UnixMilliseconds.From(time.GetUtcNow());
        var changed = await database.WriteAsync(transaction => transaction.Connection!.ExecuteAsync(database.Command(
            "UPDATE race_competitions SET published_ms = COALESCE(published_ms, @Now) WHERE competition_id = @Id",
            new { Id = competitionId, Now = now }, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    private const string CompetitionColumns = "competition_id, title, starts_ms, ends_ms, file_name, size, sha256, uploaded_ms, published_ms";

    public async Task<IReadOnlyList<RaceCompetitionInfo>> ListCompetitionsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<CompetitionRow>(database.Command(
            $"SELECT {CompetitionColumns} FROM race_competitions ORDER BY starts_ms DESC, competition_id DESC LIMIT {StoreLimits.MaxRowsPerQuery}",
            null, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToInfo).ToList();
    }

    public Task<RaceCompetitionFile?> GetCompetitionAsync(int competitionId, CancellationToken cancellationToken = default) =>
        GetCompetitionFileAsync("competition_id = @Id", new { Id = competitionId }, cancellationToken);

    public Task<RaceCompetitionFile?> GetActiveCompetitionAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        GetCompetitionFileAsync("published_ms IS NOT NULL AND starts_ms <= @Now AND ends_ms > @Now",
            new { Now = UnixMilliseconds.From(now) }, cancellationToken);

    private async Task<RaceCompetitionFile?> GetCompetitionFileAsync(string condition, object parameters, CancellationToken cancellationToken)
    {
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<CompetitionRow>(database.Command(
            $"SELECT {CompetitionColumns}, content FROM race_competitions WHERE {condition} ORDER BY starts_ms DESC, competition_id DESC LIMIT 1",
            parameters, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new RaceCompetitionFile(ToInfo(row), row.Content);
    }

    private static RaceScoreEntry ToEntry(EntryRow row) => new(
        (int)row.CourseId, (uint)row.ProfileId, (int)row.RegionId, (int)row.TimeMs, row.PlayerInfo,
        row.GhostFileId is { } id ? (int)id : null, UnixMilliseconds.ToTime(row.SubmittedMs));

    private static RaceCompetitionInfo ToInfo(CompetitionRow row) => new(
        (int)row.CompetitionId, row.Title, UnixMilliseconds.ToTime(row.StartsMs), UnixMilliseconds.ToTime(row.EndsMs), row.FileName,
        row.Size, row.Sha256, UnixMilliseconds.ToTime(row.UploadedMs), UnixMilliseconds.ToTime(row.PublishedMs));

    private sealed class ExistingScore
    {
        public long TimeMs { get; set; }
        public long? GhostFileId { get; set; }
    }

    private sealed class EntryRow
    {
        public long CourseId { get; set; }
        public long ProfileId { get; set; }
        public long RegionId { get; set; }
        public long TimeMs { get; set; }
        public byte[] PlayerInfo { get; set; } = [];
        public long? GhostFileId { get; set; }
        public long SubmittedMs { get; set; }
    }

    private sealed class GhostRow
    {
        public long ProfileId { get; set; }
        public long TimeMs { get; set; }
        public long FileId { get; set; }
        public byte[] Content { get; set; } = [];
    }

    private sealed class CompetitionRow
    {
        public long CompetitionId { get; set; }
        public string Title { get; set; } = "";
        public long StartsMs { get; set; }
        public long EndsMs { get; set; }
        public string FileName { get; set; } = "";
        public long Size { get; set; }
        public string Sha256 { get; set; } = "";
        public long UploadedMs { get; set; }
        public long? PublishedMs { get; set; }
        public byte[] Content { get; set; } = [];
    }
}
