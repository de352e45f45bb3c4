using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wiimmfi.ConsoleEmulator.Race;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Race;
using Wiimmfi.Protocols.Sake.Files;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Services;

/// <summary>RACE rankings and competitions over real HTTP, as Mario Kart Wii and an operator use them.</summary>
public sealed class RaceHttpTests
{
    [Fact]
    public async Task A_ghost_uploads_score_shows_in_the_top_ten_ranked_with_the_miis_personal_data_removed()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var race = new RaceClient(node.Http());
        var players = new List<(uint Profile, int Time, int Region)>();
        foreach (var (time, region) in new[] { (95_000, 1), (91_000, 2), (99_000, 2) })
        {
            var profile = await node.NewProfileAsync();
            var mii = MkwSampleData.Mii("P" + time, createId: 0x8123_4567_0000_0000 | profile);
            using var console = new SakeClient(node.Http(), node.Ticket(profile));
            Assert.Equal(SakeFileResult.Success,
                await console.UploadGhostAsync(region, 20, time, (int)profile, MkwSampleData.PlayerInfo(mii), MkwSampleData.Ghost(20, time, mii)));
            players.Add((profile, time, region));
        }

        var top = await race.GetTopTenRankingsAsync(regionId: 0, courseId: 20);
        var japan = await race.GetTopTenRankingsAsync(regionId: 1, courseId: 20);
        var empty = await race.GetTopTenRankingsAsync(regionId: 0, courseId: 21);

        Assert.Equal(RaceResponseCode.Success, top.Code);
        Assert.Equal(new[] { (1, 91_000), (2, 95_000), (3, 99_000) }, top.Entries.Select(e => (e.Rank, e.Time)));
        Assert.Equal(players.OrderBy(p => p.Time).Select(p => (int)p.Profile), top.Entries.Select(e => e.OwnerId));
        Assert.All(top.Entries, e =>
        {
            Assert.Equal(MkwPlayerInfo.Size, e.UserData.Length);
            Assert.True(MiiData.HasValidCrc(e.UserData.AsSpan(0, MiiData.Size)));
            Assert.Equal(0x80, e.UserData[MiiData.CreateIdOffset]);
            Assert.True(e.UserData.AsSpan(MiiData.CreateIdOffset + 1, 7).IndexOfAnyExcept((byte)0) < 0);
        });
        Assert.Equal(95_000, Assert.Single(japan.Entries).Time);
        Assert.Empty(empty.Entries);
    }

    [Fact]
    public async Task Submitted_scores_show_in_the_top_ten_and_only_the_best_per_player_counts()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var race = new RaceClient(node.Http());
        var profile = await node.NewProfileAsync();
        var info = MkwSampleData.PlayerInfo(MkwSampleData.Mii("Bowser Jr."));

        var first = await race.SubmitScoresAsync(4, (int)profile, 0, [new RaceScore(88_888, 30, info), new RaceScore(77_777, 31, info)]);
        var slower = await race.SubmitScoresAsync(4, (int)profile, 0, [new RaceScore(99_999, 30, info)]);
        var stranger = await race.SubmitScoresAsync(4, 424_242, 0, [new RaceScore(1_000, 30, info)]);
        var contestOnCourse = await race.SubmitScoresAsync(4, (int)profile, 1, [new RaceScore(1_000, 30, info)]);

        Assert.Equal(RaceResponseCode.Success, first);
        Assert.Equal(RaceResponseCode.Success, slower);
        Assert.Equal(RaceResponseCode.InvalidParameters, stranger);
        Assert.Equal(RaceResponseCode.InvalidParameters, contestOnCourse);
        var entry = Assert.Single((await race.GetTopTenRankingsAsync(4, 30)).Entries);
        Assert.Equal(((int)profile, 1, 88_888), (entry.OwnerId, entry.Rank, entry.Time));
        Assert.Equal(77_777, Assert.Single((await race.GetTopTenRankingsAsync(0, 31)).Entries).Time);
    }

    [Fact]
    public async Task Ten_above_and_friend_rankings_place_the_player_among_the_others()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var race = new RaceClient(node.Http());
        var info = MkwSampleData.PlayerInfo(MkwSampleData.Mii("Baby Mario"));
        var profiles = new List<uint>();
        for (var i = 0; i < 14; i++)
        {
            var profile = await node.NewProfileAsync();
            profiles.Add(profile);
            Assert.Equal(RaceResponseCode.Success, await race.SubmitScoresAsync(1, (int)profile, 0, [new RaceScore(60_000 + i * 1000, 2, info)]));
        }
        var me = profiles[12]; // 13th fastest
        await node.Node.Context.Store.Friends.AddAsync(me, profiles[5]);
        await node.Node.Context.Store.Friends.AddAsync(profiles[5], me);

        var above = await race.RankingsAsync(new RaceRankingsRequest(RaceAction.GetTenAboveRankings, 1687, 0, 2, (int)me));
        var friends = await race.RankingsAsync(new RaceRankingsRequest(RaceAction.GetFriendRankings, 1687, 0, 2, (int)me));

        Assert.Equal(Enumerable.Range(4, 10), above.Entries.Select(e => e.Rank));
        Assert.Equal((int)me, above.Entries[^1].OwnerId);
        Assert.Equal(new[] { (int)profiles[5], (int)me }, friends.Entries.Select(e => e.OwnerId));
        Assert.Equal(new[] { 1, 2 }, friends.Entries.Select(e => e.Rank));
    }

    [Fact]
    public async Task Unreadable_requests_get_101_out_of_range_values_105_and_unknown_actions_7()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var race = new RaceClient(node.Http());
        var valid = RaceRequestWriter.Write(new RaceRankingsRequest(RaceAction.GetTopTenRankings, 1687, 0, 1, null));
        var action = RaceRequestWriter.SoapAction(RaceAction.GetTopTenRankings);

        var garbage = await race.SendRawAsync("<<<"u8.ToArray(), action);
        var wrongGame = await race.SendAsync(new RaceRankingsRequest(RaceAction.GetTopTenRankings, 1688, 0, 1, null));
        var wrongRegion = await race.SendAsync(new RaceRankingsRequest(RaceAction.GetTopTenRankings, 1687, 9, 1, null));
        var unknown = await race.SendRawAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("GetTopTenRankings", "GetRkcFile")), null);
        var huge = await race.SendRawAsync(new byte[70 * 1024], action);

        Assert.All(new[] { garbage, wrongGame, wrongRegion, unknown, huge }, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(RaceResponseCode.ParseError, RaceClient.ResponseCode(garbage.Body));
        Assert.Equal(RaceResponseCode.InvalidParameters, RaceClient.ResponseCode(wrongGame.Body));
        Assert.Equal(RaceResponseCode.InvalidParameters, RaceClient.ResponseCode(wrongRegion.Body));
        Assert.Equal(RaceResponseCode.ServerError, RaceClient.ResponseCode(unknown.Body));
        Assert.Equal(RaceResponseCode.ParseError, RaceClient.ResponseCode(huge.Body));
        Assert.Contains(node.Log.Entries, e => e.EventId.Id == 7202 && e.Message.Contains("GetRkcFile"));
    }

    private static MultipartFormDataContent CompetitionForm(string id, string title, DateTimeOffset start, DateTimeOffset end, byte[] file)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(id), "id" },
            { new StringContent(title), "title" },
            { new StringContent(start.ToString("O")), "start" },
            { new StringContent(end.ToString("O")), "end" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "cup.rkc");
        return form;
    }

    [Fact]
    public async Task A_competition_uploaded_and_published_by_an_admin_is_downloaded_by_consoles_while_it_runs()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var race = new RaceClient(node.Http());
        var now = DateTimeOffset.UtcNow;
        var file = Enumerable.Range(0, 3000).Select(i => (byte)(i ^ 0x5A)).ToArray();

        var upload = await node.Admin.PostAsync("admin/competitions", CompetitionForm("40", "Mushroom Gorge sprint", now.AddHours(-1), now.AddDays(7), file));
        var beforePublish = await race.DownloadCompetitionAsync();
        var publish = await node.Admin.PostAsync("admin/competitions/40/publish", null);
        var active = await race.DownloadCompetitionAsync();
        var byId = await race.DownloadCompetitionAsync("40");
        var list = JsonDocument.Parse(await node.Admin.GetStringAsync("admin/competitions"));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, beforePublish.Status);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Equal(HttpStatusCode.OK, active.Status);
        Assert.Equal(file, active.Body);
        Assert.Equal("40", active.Header("X-Competition-Id"));
        Assert.Contains("cup.rkc", active.Header("Content-Disposition"));
        Assert.Equal(file, byId.Body);
        var listed = Assert.Single(list.RootElement.GetProperty("competitions").EnumerateArray());
        Assert.True(listed.GetProperty("active").GetBoolean());
        Assert.Equal(3000, listed.GetProperty("size").GetInt32());

        // Entries of the competition rank under its id.
        var profile = await node.NewProfileAsync();
        var mii = MkwSampleData.Mii("Entrant");
        using var console = new SakeClient(node.Http(), node.Ticket(profile));
        Assert.Equal(SakeFileResult.Success, await console.UploadGhostAsync(2, 40, 55_555, (int)profile, MkwSampleData.PlayerInfo(mii),
            MkwSampleData.Ghost(2, 55_555, mii), contest: true));
        Assert.Equal(55_555, Assert.Single((await race.GetTopTenRankingsAsync(0, 40)).Entries).Time);
    }

    [Fact]
    public async Task Finished_competitions_are_not_served_and_admin_routes_need_credentials_and_valid_uploads()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var race = new RaceClient(node.Http());
        var now = DateTimeOffset.UtcNow;

        var anonymous = await node.Management.PostAsync("admin/competitions", CompetitionForm("41", "x", now, now.AddDays(1), [1]));
        var courseId = await node.Admin.PostAsync("admin/competitions", CompetitionForm("12", "x", now, now.AddDays(1), [1]));
        var backwards = await node.Admin.PostAsync("admin/competitions", CompetitionForm("41", "x", now, now.AddDays(-1), [1]));
        var tooLarge = await node.Admin.PostAsync("admin/competitions", CompetitionForm("41", "x", now, now.AddDays(1), new byte[1024 * 1024 + 1]));
        var finished = await node.Admin.PostAsync("admin/competitions", CompetitionForm("42", "Last week", now.AddDays(-8), now.AddDays(-1), [7]));
        await node.Admin.PostAsync("admin/competitions/42/publish", null);
        var missing = await node.Admin.PostAsync("admin/competitions/43/publish", null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, courseId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Created, finished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await race.DownloadCompetitionAsync()).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await race.DownloadCompetitionAsync("42")).Status);
    }
}
