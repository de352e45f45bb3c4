using Dapper;
using Wiimmfi.Actors.Storage;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Filter;
using Wiimmfi.Tests.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Services;

/// <summary>
/// The SAKE, RACE and GAMESTATS stores' specification, written once and run on SQLite (real file) and on the
/// throwaway PostgreSQL: ownership, limits, filters and sorts translated to SQL, votes, files, best-time scores with
/// their ghosts, competitions. Each test uses its own game id or course so tests sharing a database stay apart.
/// </summary>
public abstract class ServiceStoreConformanceTests : IAsyncLifetime
{
    private static int _lastGameId = Random.Shared.Next(100_000, 200_000);
    private static int _lastCourse = Random.Shared.Next(32, 20_000);

    protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected IWiimmfiStore Store { get; private set; } = null!;

    protected StoreOptions Options { get; private set; } = null!;

    protected abstract Task<StoreOptions> SharedDatabaseAsync();

    /// <summary>The dialect's query plan of a statement, as text (PostgreSQL: with sequential scans discouraged,
    /// since on a small test table a scan is cheaper and the planner would rightly choose it).</summary>
    protected abstract Task<string> ExplainAsync(string sql, DynamicParameters parameters);

    public async Task InitializeAsync()
    {
        Options = await SharedDatabaseAsync();
        await SchemaMigrator.MigrateAsync(Options);
        Store = WiimmfiStore.Create(Options, Clock);
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }

    private static int NewGameId() => Interlocked.Increment(ref _lastGameId);

    private static int NewCompetitionCourse() => Interlocked.Increment(ref _lastCourse);

    private static readonly SakeTableLayout Times = new(["course", "region", "time"]);

    private static SakeField Int(string name, int value) => new(name, SakeValue.FromInt32(value));

    private static SakeField Text(string name, string value) => new(name, SakeValue.FromAsciiString(value));

    private async Task<int> CreateAsync(int game, uint owner, params SakeField[] fields)
    {
        var created = await Store.Sake.CreateRecordAsync(new SakeNewRecord(game, "Runs", owner, fields, Times), new SakeOwnerLimits(96, 96));
        Assert.Equal(SakeChangeOutcome.Done, created.Outcome);
        return created.RecordId;
    }

    private static SakeRecordQuery Query(int game, string? filter = null, string? sort = null) => new(game, "Runs")
    {
        Filter = filter is null ? null : SakeFilterParser.Parse(filter).Filter,
        Sort = SakeSortParser.Parse(sort).Keys!,
        Layout = Times,
        FieldTypeOf = name => name is "course" or "region" or "time" or "laps" ? SakeFieldType.Int : SakeFieldType.AsciiString,
    };

    [PostgresAwareFact]
    public async Task A_created_record_reads_back_exactly_as_written_with_its_owner()
    {
        var game = NewGameId();
        var binary = SakeValue.FromBinary([0, 1, 2, 250]);
        var id = await CreateAsync(game, 1001, Int("course", 4), new SakeField("info", binary), Text("name", "Mario & <Luigi>"),
            new SakeField("flag", SakeValue.FromBoolean(true)));

        var page = await Store.Sake.SearchAsync(Query(game) with { RecordIds = [id] });

        var record = Assert.Single(page.Records);
        Assert.Equal(id, record.RecordId);
        Assert.Equal(1001u, record.OwnerId);
        Assert.Equal(binary, record.Fields["info"]);
        Assert.Equal("Mario & <Luigi>", record.Fields["name"].Text);
        Assert.Equal("true", record.Fields["flag"].Text);
        Assert.Equal(SakeFieldType.Int, record.Fields["course"].Type);
    }

    [PostgresAwareFact]
    public async Task Only_the_owner_updates_or_deletes_and_an_update_merges_fields()
    {
        var game = NewGameId();
        var id = await CreateAsync(game, 7, Int("course", 1), Int("time", 5000));

        Assert.Equal(SakeChangeOutcome.NotOwned, await Store.Sake.UpdateRecordAsync(game, "Runs", id, 8, [Int("time", 1)], Times));
        Assert.Equal(SakeChangeOutcome.RecordNotFound, await Store.Sake.UpdateRecordAsync(game, "Other", id, 7, [Int("time", 1)], Times));
        Assert.Equal(SakeChangeOutcome.Done, await Store.Sake.UpdateRecordAsync(game, "Runs", id, 7, [Int("time", 4000), Text("note", "pb")], Times));
        Assert.Equal(SakeChangeOutcome.NotOwned, await Store.Sake.DeleteRecordAsync(game, "Runs", id, 8));

        var record = Assert.Single((await Store.Sake.SearchAsync(Query(game, "time = 4000"))).Records);
        Assert.Equal("1", record.Fields["course"].Text);
        Assert.Equal("pb", record.Fields["note"].Text);

        Assert.Equal(SakeChangeOutcome.Done, await Store.Sake.DeleteRecordAsync(game, "Runs", id, 7));
        Assert.Empty((await Store.Sake.SearchAsync(Query(game))).Records);
        Assert.Equal(SakeChangeOutcome.RecordNotFound, await Store.Sake.DeleteRecordAsync(game, "Runs", id, 7));
    }

    [PostgresAwareFact]
    public async Task Per_owner_limits_hold_even_when_creates_race()
    {
        var game = NewGameId();
        var limits = new SakeOwnerLimits(PerTable: 3, PerGame: 96);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Store.Sake.CreateRecordAsync(new SakeNewRecord(game, "Runs", 42, [Int("course", 1)], Times), limits)));

        Assert.Equal(3, attempts.Count(a => a.Outcome == SakeChangeOutcome.Done));
        Assert.Equal(5, attempts.Count(a => a.Outcome == SakeChangeOutcome.LimitReached));
        Assert.Equal(3, await Store.Sake.CountOwnedAsync(game, "Runs", 42));
        // The per-game limit counts every table.
        var other = await Store.Sake.CreateRecordAsync(new SakeNewRecord(game, "Other", 42, [], SakeTableLayout.None), new SakeOwnerLimits(10, 3));
        Assert.Equal(SakeChangeOutcome.LimitReached, other.Outcome);
    }

    [PostgresAwareFact]
    public async Task A_filter_on_indexed_fields_with_a_descending_sort_offset_and_max_selects_the_right_records()
    {
        var game = NewGameId();
        var times = new[] { 70_000, 65_000, 80_000, 60_000, 99_000 };
        for (var i = 0; i < times.Length; i++)
        {
            await CreateAsync(game, (uint)(100 + i), Int("course", 3), Int("region", i % 2 + 1), Int("time", times[i]));
        }
        await CreateAsync(game, 200, Int("course", 4), Int("time", 1));

        var page = await Store.Sake.SearchAsync(Query(game, "course = 3 and time < 90000", "time desc") with { Offset = 1, Max = 2 });

        Assert.Equal(SakeResult.Success, page.Result);
        Assert.Equal([70_000L, 65_000L], page.Records.Select(r => r.Fields["time"].GetInteger()));
        var count = await Store.Sake.CountAsync(Query(game, "course = 3 and time < 90000"));
        Assert.Equal(4, count.Count);
        var region = await Store.Sake.SearchAsync(Query(game, "course = 3 and region = 2", "time"));
        Assert.Equal([60_000L, 65_000L], region.Records.Select(r => r.Fields["time"].GetInteger()));
    }

    [PostgresAwareFact]
    public async Task A_search_on_indexed_fields_is_an_index_range_scan_that_needs_no_sort()
    {
        var game = NewGameId();
        for (var i = 0; i < 50; i++)
        {
            await CreateAsync(game, (uint)(300 + i), Int("course", i % 4), Int("region", i % 3), Int("time", 60_000 + i));
        }
        var store = (SqlSakeStore)Store.Sake;

        Assert.True(store.TryBuildSearch(Query(game, "course = 3 and time < 90000", "time desc") with { Max = 1 }, out var sql, out var parameters, out _));
        var plan = await ExplainAsync(sql, parameters);
        Assert.True(store.TryBuildSearch(Query(game, "course = 3 and region = 2", "time") with { Max = 1 }, out var sqlRegion, out var parametersRegion, out _));
        var planRegion = await ExplainAsync(sqlRegion, parametersRegion);

        foreach (var text in new[] { plan, planRegion })
        {
            // One of the slot indexes, no full scan, no sort step (SQLite: a temporary B-tree; PostgreSQL: a Sort node).
            Assert.True(text.Contains("sake_records_by_k", StringComparison.Ordinal), text);
            Assert.False((text + " ").Contains("SCAN r ", StringComparison.Ordinal) || text.Contains("Seq Scan", StringComparison.Ordinal), text);
            Assert.False(text.Contains("TEMP B-TREE", StringComparison.Ordinal) || text.Contains("Sort", StringComparison.Ordinal), text);
        }
    }

    [PostgresAwareFact]
    public async Task Filters_on_unindexed_fields_strings_metadata_and_missing_fields_follow_the_sake_rules()
    {
        var game = NewGameId();
        await CreateAsync(game, 11, Text("name", "Koopa"), Int("laps", 3));
        await CreateAsync(game, 12, Text("name", "Boo' or 1=1 --"), Int("laps", 12));
        await CreateAsync(game, 13, Text("name", "Bowser"));

        async Task<long[]> Owners(string filter, string? sort = "recordid") =>
            [.. (await Store.Sake.SearchAsync(Query(game, filter, sort))).Records.Select(r => (long)r.OwnerId)];

        Assert.Equal(new long[] { 11L }, await Owners("name = 'Koopa'"));
        Assert.Equal(new long[] { 12L }, await Owners("name = 'Boo'' or 1=1 --'"));
        Assert.Equal(new long[] { 12L }, await Owners("laps > 5"));           // compared as integers, not text ("12" < "5")
        Assert.Equal(new long[] { 13L }, await Owners("laps = 0"));           // a missing field reads as '0'
        Assert.Equal(new long[] { 11L, 13L }, await Owners("ownerid != 12"));
        Assert.Equal(new long[] { 11L, 12L, 13L }, await Owners("name like 'Bo%' or laps = 3", "ownerid"));
        Assert.Equal(new long[] { 12L, 13L, 11L }, await Owners("laps >= 0", "name"));
        Assert.Equal(new long[] { 11L, 13L }, await Owners("SUBSTRING(name, 2, 1) = 'o' and laps != 12", "ownerid"));
    }

    [PostgresAwareFact]
    public async Task Filters_and_sorts_that_cannot_be_translated_are_refused_without_touching_records()
    {
        var game = NewGameId();
        await CreateAsync(game, 1, Int("course", 1));

        var filter = await Store.Sake.SearchAsync(Query(game, "course * 2 = 2"));
        var sort = await Store.Sake.SearchAsync(Query(game) with { Sort = [new SakeSortKey("nope", false)], FieldTypeOf = _ => null });

        Assert.Equal(SakeResult.FilterInvalid, filter.Result);
        Assert.Equal(SakeResult.SortInvalid, sort.Result);
        Assert.Single((await Store.Sake.SearchAsync(Query(game))).Records);
    }

    [PostgresAwareFact]
    public async Task Owner_and_record_restrictions_and_random_reads_stay_inside_the_table()
    {
        var game = NewGameId();
        var first = await CreateAsync(game, 21, Int("course", 1));
        await CreateAsync(game, 22, Int("course", 1));
        var third = await CreateAsync(game, 23, Int("course", 1));

        var owners = await Store.Sake.SearchAsync(Query(game) with { OwnerIds = [21, 23] });
        var specific = await Store.Sake.SearchAsync(Query(game) with { RecordIds = [third, first, 999_999_999] });
        var random = await Store.Sake.SearchAsync(Query(game, "course = 1") with { Random = true, Max = 1 });

        Assert.Equal([21u, 23u], owners.Records.Select(r => r.OwnerId));
        Assert.Equal([first, third], specific.Records.Select(r => r.RecordId));
        Assert.Contains(Assert.Single(random.Records).OwnerId, new uint[] { 21, 22, 23 });
    }

    [PostgresAwareFact]
    public async Task A_profile_rates_a_record_once_and_the_totals_and_its_own_vote_read_back()
    {
        var game = NewGameId();
        var id = await CreateAsync(game, 31, Int("course", 1));

        var first = await Store.Sake.RateAsync(game, "Runs", id, 32, 5);
        var again = await Store.Sake.RateAsync(game, "Runs", id, 32, 1);
        var second = await Store.Sake.RateAsync(game, "Runs", id, 33, 2);
        var missing = await Store.Sake.RateAsync(game, "Runs", 999_999_998, 33, 2);

        Assert.Equal((SakeChangeOutcome.Done, 1, 5f), (first.Outcome, first.NumRatings, first.AverageRating));
        Assert.Equal(SakeChangeOutcome.AlreadyRated, again.Outcome);
        Assert.Equal((SakeChangeOutcome.Done, 2, 3.5f), (second.Outcome, second.NumRatings, second.AverageRating));
        Assert.Equal(SakeChangeOutcome.RecordNotFound, missing.Outcome);
        var read = Assert.Single((await Store.Sake.SearchAsync(Query(game, "num_ratings = 2") with { Rater = 33 })).Records);
        Assert.Equal((2, 7L, 2), (read.NumRatings, read.SumRatings, read.MyRating!.Value));
        Assert.Equal(3.5f, read.AverageRating);
    }

    [PostgresAwareFact]
    public async Task Files_are_stored_whole_counted_per_owner_and_downloaded_with_a_count()
    {
        var game = NewGameId();
        var content = Enumerable.Range(0, 40_000).Select(i => (byte)i).ToArray();

        var id = await Store.Sake.AddFileAsync(new SakeNewFile(game, 51, SakeFileKind.Generic, content), maxFilesPerOwner: 1);
        var refused = await Store.Sake.AddFileAsync(new SakeNewFile(game, 51, SakeFileKind.Generic, [1]), maxFilesPerOwner: 1);
        var file = await Store.Sake.DownloadFileAsync(id);
        var again = await Store.Sake.DownloadFileAsync(id);

        Assert.True(id > 0);
        Assert.Equal(0, refused);
        Assert.Equal(content, file!.Content);
        Assert.Equal((game, 51u, 1L, 2L), (file.GameId, file.OwnerId, file.Downloads, again!.Downloads));
        Assert.Null(await Store.Sake.DownloadFileAsync(int.MaxValue - 5));
    }

    [PostgresAwareFact]
    public async Task The_best_time_per_player_and_course_is_kept_with_its_ghost_and_a_replaced_ghost_is_deleted()
    {
        var course = NewCompetitionCourse();
        var mii = MkwSampleData.Mii("Rosalina");
        var info = MkwSampleData.PlayerInfo(mii);
        byte[] ghostA = [1, 2, 3], ghostB = [4, 5, 6];

        Assert.Equal(RaceScoreOutcome.Added, await Store.Race.SubmitScoreAsync(new RaceNewScore(course, 61, 2, 90_000, info, ghostA)));
        Assert.Equal(RaceScoreOutcome.KeptBetter, await Store.Race.SubmitScoreAsync(new RaceNewScore(course, 61, 2, 95_000, info, ghostB)));
        var before = Assert.Single(await Store.Race.TopAsync(course, 0, 10));
        Assert.Equal(RaceScoreOutcome.Improved, await Store.Race.SubmitScoreAsync(new RaceNewScore(course, 61, 3, 85_000, info, ghostB)));

        var entry = Assert.Single(await Store.Race.TopAsync(course, 0, 10));
        Assert.Equal((85_000, 3), (entry.TimeMs, entry.RegionId));
        Assert.Equal(ghostB, (await Store.Sake.DownloadFileAsync(entry.GhostFileId!.Value))!.Content);
        Assert.Null(await Store.Sake.DownloadFileAsync(before.GhostFileId!.Value));
        Assert.Equal(info, entry.PlayerInfo);
    }

    [PostgresAwareFact]
    public async Task Rankings_order_by_time_then_submission_and_filter_by_region_and_players()
    {
        var course = NewCompetitionCourse();
        var info = MkwSampleData.PlayerInfo(MkwSampleData.Mii("Toadette"));
        await Store.Race.SubmitScoreAsync(new RaceNewScore(course, 71, 1, 80_000, info, [7]));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.Race.SubmitScoreAsync(new RaceNewScore(course, 72, 2, 70_000, info, null));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.Race.SubmitScoreAsync(new RaceNewScore(course, 73, 2, 80_000, info, [8]));

        Assert.Equal([72u, 71u, 73u], (await Store.Race.TopAsync(course, 0, 10)).Select(e => e.ProfileId));
        Assert.Equal([72u, 73u], (await Store.Race.TopAsync(course, 2, 10)).Select(e => e.ProfileId));
        Assert.Equal([71u, 73u], (await Store.Race.AmongAsync(course, 0, [73, 71, 99], 10)).Select(e => e.ProfileId));
        var found = await Store.Race.FindScoreAsync(course, 0, 73);
        Assert.Equal(2, found!.Value.Faster);
        Assert.Equal([71u, 73u], (await Store.Race.RangeAsync(course, 0, 1, 5)).Select(e => e.ProfileId));

        // Ghost searches only see scores with a ghost: the rival below 80 s is nobody (72 has none).
        Assert.Null(await Store.Race.FindRivalGhostAsync(course, 80_000, null));
        Assert.Equal(71u, (await Store.Race.FindRivalGhostAsync(course, 80_001, 73))!.ProfileId);
        Assert.Equal(71u, (await Store.Race.FindFastestGhostAsync(course, 0))!.ProfileId);
        Assert.Equal(73u, (await Store.Race.FindFastestGhostAsync(course, 2))!.ProfileId);
    }

    [PostgresAwareFact]
    public async Task A_competition_is_active_only_once_published_and_while_it_runs()
    {
        var id = NewCompetitionCourse();
        var now = Clock.GetUtcNow();
        await Store.Race.UpsertCompetitionAsync(new RaceNewCompetition(id, "Cup", now.AddHours(-1), now.AddHours(1), "cup.rkc", [9, 9, 9]));

        Assert.NotEqual(id, (await Store.Race.GetActiveCompetitionAsync(now))?.Info.CompetitionId);
        Assert.True(await Store.Race.PublishCompetitionAsync(id));
        var active = await Store.Race.GetActiveCompetitionAsync(now);
        Assert.Equal(id, active!.Info.CompetitionId);
        Assert.Equal([9, 9, 9], active.Content);
        Assert.NotEqual(id, (await Store.Race.GetActiveCompetitionAsync(now.AddHours(2)))?.Info.CompetitionId);
        Assert.False(await Store.Race.PublishCompetitionAsync(1));

        // A re-upload replaces the file and withdraws the publication.
        await Store.Race.UpsertCompetitionAsync(new RaceNewCompetition(id, "Cup v2", now.AddHours(-1), now.AddHours(1), "cup.rkc", [1]));
        var info = (await Store.Race.ListCompetitionsAsync()).Single(c => c.CompetitionId == id);
        Assert.Equal(("Cup v2", 1L, (DateTimeOffset?)null), (info.Title, info.Size, info.Published));
    }

    [PostgresAwareFact]
    public async Task A_gamestats_upload_keeps_the_latest_data_per_player()
    {
        var game = "game" + NewGameId();
        await Store.GameStats.SaveUploadAsync(game, "1000", "put2.asp", "first");
        await Store.GameStats.SaveUploadAsync(game, "1000", "put2.asp", "second");

        var upload = await Store.GameStats.GetUploadAsync(game, "1000");
        Assert.Equal(("second", 2L), (upload!.Data, upload.Uploads));
        Assert.Null(await Store.GameStats.GetUploadAsync(game, "1001"));
    }
}

/// <summary>The service stores on SQLite (a real file).</summary>
public sealed class SqliteServiceStoreTests(SqliteFolderFixture folder) : ServiceStoreConformanceTests, IClassFixture<SqliteFolderFixture>
{
    protected override Task<StoreOptions> SharedDatabaseAsync() => Task.FromResult(StoreOptions.ForSqliteFile(folder.SharedFile));

    protected override async Task<string> ExplainAsync(string sql, DynamicParameters parameters)
    {
        await using var database = StoreDatabase.Create(Options);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters);
        return string.Join("\n", rows.Select(row => (string)row.detail));
    }
}

/// <summary>The service stores on the throwaway PostgreSQL.</summary>
[PostgresRequired]
public sealed class PostgresServiceStoreTests(PostgresDatabaseFixture database) : ServiceStoreConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<StoreOptions> SharedDatabaseAsync() => StoreOptions.ForPostgres(await database.GetConnectionStringAsync());

    protected override async Task<string> ExplainAsync(string sql, DynamicParameters parameters)
    {
        await using var store = StoreDatabase.Create(Options);
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("ANALYZE sake_records; SET LOCAL enable_seqscan = off", transaction: transaction);
        var rows = await connection.QueryAsync<string>("EXPLAIN " + sql, parameters, transaction);
        return string.Join("\n", rows);
    }
}
