using System.Globalization;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.LoadTest.Scenarios.Sake;

/// <summary>
/// The SAKE searches Mario Kart Wii makes, against the seeded data, each checked against what the seed says the
/// answer must be (sake.md §8.2 for the ghost shapes):
/// <list type="bullet">
/// <item><b>rival ghost</b> — <c>GhostData</c>, filter <c>course = c and gameid = 1687 and time &lt; t</c>, sort
///   <c>time desc</c>, max 1: the ghost just faster than the player;</item>
/// <item><b>top ghost</b> — <c>StoredGhostData</c>, filter <c>course = c and gameid = 1687</c> (half the time with
///   <c>and region = r</c>), sort <c>time</c>, max 1: the fastest ghost, worldwide or regional;</item>
/// <item><b>friends' info</b> — <c>FriendInfo</c> with <c>ownerids</c> = 10–30 seeded friends (a roster holds at
///   most 30), no filter: the friends' Miis. The references do not record MKW's exact FriendInfo read; a search by
///   owner is the read the table's shape calls for.</item>
/// </list>
/// Answers may be better than the seed (a mix run adds ghosts: a rival can only get closer, a top ghost only
/// faster), never worse, and a friends' search must return exactly the friends asked for.
/// </summary>
internal sealed class SakeSearches(SakeSeedLayout layout)
{
    public static readonly IReadOnlyList<string> GhostFields = ["fileid", "profile", "time"];
    public static readonly IReadOnlyList<string> FriendInfoFields = [SakeReservedFields.RecordId, SakeReservedFields.OwnerId, "info"];

    private readonly SeededTimes _times = layout.Times();

    public SakeSeedLayout Layout => layout;

    /// <summary>Searches for the rival of a player whose time on a random course is random; checks the answer.</summary>
    public async ValueTask<Response> RivalGhostAsync(UserContext ctx, SakeConsole console)
    {
        var course = ctx.Random.Next(SakeSeedLayout.Courses);
        var below = SakeSeedLayout.CourseBaseMs(course) + 1_000 + ctx.Random.Next(SakeSeedLayout.TimeSpreadMs + 4_000);
        var filter = string.Create(CultureInfo.InvariantCulture, $"course = {course} and gameid = {MkwFacts.GameId} and time < {below}");
        var call = await SearchAsync(console, "GhostData", filter, "time desc", 1, [], GhostFields, ctx.CancellationToken).ConfigureAwait(false);
        if (!call.Succeeded) return call.Outcome;
        var seeded = _times.LargestBelow(course, below);
        if (call.Records.Count > 1) return call.Wrong($"rival search on course {course} answered {call.Records.Count} records");
        if (call.Records.Count == 0)
        {
            return seeded is null ? call.Outcome : call.Wrong($"no rival below {below} ms on course {course}; the seed has {seeded} ms");
        }
        var time = call.Records[0][2].GetInt32();
        return time < below && (seeded is null || time >= seeded)
            ? call.Outcome
            : call.Wrong($"rival below {below} ms on course {course} was {time} ms; the seed's is {seeded?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
    }

    /// <summary>
    /// Searches for the fastest ghost of a random course, worldwide or (unless <paramref name="worldwide"/>) in a
    /// random region, and checks the answer; returns the ghost's file id (0 when there is none).
    /// </summary>
    public async ValueTask<(Response Outcome, int FileId)> TopGhostAsync(UserContext ctx, SakeConsole console, bool worldwide = false)
    {
        var course = ctx.Random.Next(SakeSeedLayout.Courses);
        var region = worldwide || ctx.Random.Next(2) == 0 ? 0 : 1 + ctx.Random.Next(4);
        var filter = string.Create(CultureInfo.InvariantCulture, $"course = {course} and gameid = {MkwFacts.GameId}")
                     + (region == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" and region = {region}"));
        var call = await SearchAsync(console, "StoredGhostData", filter, "time", 1, [], GhostFields, ctx.CancellationToken).ConfigureAwait(false);
        if (!call.Succeeded) return (call.Outcome, 0);
        var seeded = _times.Fastest(course, region);
        if (call.Records.Count > 1) return (call.Wrong($"top-ghost search on course {course} answered {call.Records.Count} records"), 0);
        if (call.Records.Count == 0)
        {
            return seeded is null ? (call.Outcome, 0) : (call.Wrong($"no top ghost on course {course} region {region}; the seed has {seeded} ms"), 0);
        }
        var record = call.Records[0];
        var time = record[2].GetInt32();
        return seeded is null || time <= seeded
            ? (call.Outcome, record[0].GetInt32())
            : (call.Wrong($"top ghost on course {course} region {region} was {time} ms; the seed has {seeded} ms"), 0);
    }

    /// <summary>Reads the FriendInfo records of 10–30 random seeded friends; all of them must come back.</summary>
    public async ValueTask<Response> FriendsInfoAsync(UserContext ctx, SakeConsole console)
    {
        var wanted = Math.Min(layout.FriendInfoRecords, 10 + ctx.Random.Next(SakeSeedLayout.MaxFriends - 10 + 1));
        var friends = new HashSet<int>();
        while (friends.Count < wanted) friends.Add((int)SakeSeedLayout.ProfileId(ctx.Random.Next(layout.FriendInfoRecords)));
        var call = await SearchAsync(console, "FriendInfo", null, null, wanted, [.. friends], FriendInfoFields, ctx.CancellationToken).ConfigureAwait(false);
        if (!call.Succeeded) return call.Outcome;
        if (call.Records.Count != wanted) return call.Wrong($"asked for {wanted} friends' FriendInfo, got {call.Records.Count} records");
        foreach (var record in call.Records)
        {
            if (!friends.Contains(record[1].GetInt32()) || record[2].GetBytes().Length != MkwPlayerInfo.Size)
            {
                return call.Wrong($"a FriendInfo answer held owner {record[1].Text} with {record[2].GetBytes().Length} bytes of info");
            }
        }
        return call.Outcome;
    }

    /// <summary>A time on a course with at least one seeded ghost below it (a rival always exists).</summary>
    public int TimeWithRival(UserContext ctx, int course)
    {
        var fastest = _times.Fastest(course)!.Value;
        return fastest + 1 + ctx.Random.Next(_times.Slowest(course) - fastest + 5_000);
    }

    private static Task<SakeCall> SearchAsync(SakeConsole console, string table, string? filter, string? sort, int max, IReadOnlyList<int> owners,
        IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        SakeCall.SendAsync(console.Sake, new SakeSearchForRecordsRequest(console.Sake.GameId, console.Sake.SecretKey, console.Sake.LoginTicket,
            table, filter, sort, 0, max, null, 0, owners, false, fields), cancellationToken);
}
