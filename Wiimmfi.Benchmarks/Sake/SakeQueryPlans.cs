using Dapper;
using Wiimmfi.Actors.Storage;
using Wiimmfi.LoadTest.Scenarios.Sake;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Benchmarks.Sake;

/// <summary>
/// The query plans of the statements the SAKE scenarios make the node run, on a seeded database: the exact SQL the
/// stores build (<c>SqlRaceStore.RivalGhostQuery</c>/<c>FastestGhostQuery</c>, <c>SqlSakeStore.TryBuildSearch</c>)
/// with parameters like the scenarios' — SQLite's <c>EXPLAIN QUERY PLAN</c>, PostgreSQL's
/// <c>EXPLAIN (ANALYZE, BUFFERS)</c> (which runs the statement and shows the rows and pages it really touched).
/// </summary>
internal static class SakeQueryPlans
{
    public static async Task WriteAsync(StoreOptions options, SakeSeedLayout layout, TextWriter output, CancellationToken cancellationToken)
    {
        await using var database = StoreDatabase.Create(options);
        var times = layout.Times();
        const int course = 5;
        var below = times.LargestBelow(course, SakeSeedLayout.CourseBaseMs(course) + SakeSeedLayout.TimeSpreadMs / 2) ?? SakeSeedLayout.CourseBaseMs(course);
        var someone = 1_000_000_123u; // a console signed in during the run (not a seeded profile)

        var rival = SqlRaceStore.RivalGhostQuery(course, below, someone);
        await ExplainAsync(database, output, $"ghost-rival / ghost-download: GhostData, course = {course} and time < {below}, sort time desc",
            rival.Sql, rival.Parameters, cancellationToken).ConfigureAwait(false);
        var top = SqlRaceStore.FastestGhostQuery(course, 0);
        await ExplainAsync(database, output, $"ghost-top (worldwide): StoredGhostData, course = {course}, sort time", top.Sql, top.Parameters, cancellationToken).ConfigureAwait(false);
        var regional = SqlRaceStore.FastestGhostQuery(course, 3);
        await ExplainAsync(database, output, $"ghost-top (region 3): StoredGhostData, course = {course} and region = 3, sort time",
            regional.Sql, regional.Parameters, cancellationToken).ConfigureAwait(false);

        var sake = new SqlSakeStore(database, TimeProvider.System);
        var friends = Enumerable.Range(0, SakeSeedLayout.MaxFriends).Select(i => SakeSeedLayout.ProfileId(i * 7 % layout.FriendInfoRecords)).Distinct().ToArray();
        var friendQuery = new SakeRecordQuery(MkwFacts.GameId, "FriendInfo") { OwnerIds = friends, Max = friends.Length };
        if (sake.TryBuildSearch(friendQuery, out var sql, out var parameters, out _))
        {
            await ExplainAsync(database, output, $"friend-infos: FriendInfo, ownerids = {friends.Length} friends", sql, parameters, cancellationToken).ConfigureAwait(false);
        }
        var mine = new SakeRecordQuery(MkwFacts.GameId, "FriendInfo") { OwnerIds = [SakeSeedLayout.ProfileId(0)], Max = 100 };
        if (sake.TryBuildSearch(mine, out sql, out parameters, out _))
        {
            await ExplainAsync(database, output, "friendinfo-mine: GetMyRecords on FriendInfo", sql, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExplainAsync(StoreDatabase database, TextWriter output, string title, string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        IEnumerable<string> lines;
        if (database.Kind == StoreKind.Postgres)
        {
            lines = await connection.QueryAsync<string>(database.Command("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters, null, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            var rows = await connection.QueryAsync(database.Command("EXPLAIN QUERY PLAN " + sql, parameters, null, cancellationToken)).ConfigureAwait(false);
            lines = rows.Select(row => (string)row.detail);
        }
        await output.WriteLineAsync($"-- {title}").ConfigureAwait(false);
        await output.WriteLineAsync(sql).ConfigureAwait(false);
        foreach (var line in lines) await output.WriteLineAsync("  " + line).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
    }
}
