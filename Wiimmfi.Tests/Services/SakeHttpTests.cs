using System.Net;
using System.Text;
using System.Text.Json;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Services;

/// <summary>SAKE storage over real HTTP on loopback, with requests shaped as the GameSpy SDK sends them.</summary>
public sealed class SakeHttpTests
{
    private static SakeField Int(string name, int value) => new(name, SakeValue.FromInt32(value));

    [Fact]
    public async Task FriendInfo_is_read_back_as_written_by_its_owner_and_served_to_others_without_the_miis_personal_data()
    {
        await using var node = await ServiceNodes.StartAsync();
        var owner = await node.NewProfileAsync();
        var reader = await node.NewProfileAsync("Luigi");
        using var ownerConsole = new SakeClient(node.Http(), node.Ticket(owner));
        using var readerConsole = new SakeClient(node.Http(), node.Ticket(reader));
        var mii = MkwSampleData.Mii("Mario", createId: 0x81234567_89ABCDEF, creator: "Nintendo");
        var info = SakeValue.FromBinary([.. mii, 0xDE, 0xAD]);

        var created = Assert.IsType<SakeCreateRecordResponse>(await ownerConsole.CreateRecordAsync("FriendInfo", [new SakeField("info", info)]));
        var mine = Assert.IsType<SakeRecordsResponse>(await ownerConsole.GetMyRecordsAsync("FriendInfo", ["recordid", "ownerid", "info"]));
        var theirs = Assert.IsType<SakeRecordsResponse>(await readerConsole.SearchAsync("FriendInfo", $"ownerid = {owner}", null, 0, 1, ["info"]));

        Assert.Equal(SakeResult.Success, created.Result);
        var record = Assert.Single(mine.Records);
        Assert.Equal(new[] { created.RecordId.ToString(), unchecked((int)owner).ToString(), info.Text }, record.Select(v => v.Text));
        var served = Assert.Single(Assert.Single(theirs.Records)).GetBytes();
        Assert.Equal(mii.Length + 2, served.Length);
        Assert.True(MiiData.HasValidCrc(served.AsSpan(0, MiiData.Size)));
        Assert.Equal(0x80, served[MiiData.CreateIdOffset]);
        Assert.True(served.AsSpan(MiiData.CreateIdOffset + 1, 7).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal("Mario", Encoding.BigEndianUnicode.GetString(served, MiiData.NameOffset, MiiData.NameLength).TrimEnd('\0'));
        Assert.Equal(new byte[] { 0xDE, 0xAD }, served[^2..]);
    }

    [Fact]
    public async Task A_second_FriendInfo_is_refused_with_RecordLimitReached_and_only_the_owner_updates_or_deletes()
    {
        await using var node = await ServiceNodes.StartAsync();
        var owner = await node.NewProfileAsync();
        var other = await node.NewProfileAsync();
        using var console = new SakeClient(node.Http(), node.Ticket(owner));
        using var stranger = new SakeClient(node.Http(), node.Ticket(other));
        var info = new SakeField("info", SakeValue.FromBinary(MkwSampleData.Mii("Bowser")));
        var id = ((SakeCreateRecordResponse)await console.CreateRecordAsync("FriendInfo", [info])).RecordId;

        Assert.Equal(SakeResult.RecordLimitReached, (await console.CreateRecordAsync("FriendInfo", [info])).Result);
        Assert.Equal(SakeResult.NotOwned, (await stranger.UpdateRecordAsync("FriendInfo", id, [info])).Result);
        Assert.Equal(SakeResult.NotOwned, (await stranger.DeleteRecordAsync("FriendInfo", id)).Result);
        Assert.Equal(SakeResult.RecordNotFound, (await console.UpdateRecordAsync("FriendInfo", id + 1000, [info])).Result);
        Assert.Equal(SakeResult.Success, (await console.UpdateRecordAsync("FriendInfo", id, [info])).Result);
        var limit = Assert.IsType<SakeRecordLimitResponse>(await console.GetRecordLimitAsync("FriendInfo"));
        Assert.Equal((1, 1), (limit.LimitPerOwner, limit.NumOwned));
        Assert.Equal(SakeResult.Success, (await console.DeleteRecordAsync("FriendInfo", id)).Result);
        Assert.Equal(0, ((SakeRecordLimitResponse)await console.GetRecordLimitAsync("FriendInfo")).NumOwned);
    }

    [Fact]
    public async Task A_search_with_filter_sort_offset_and_max_answers_the_matching_records_in_order()
    {
        await using var node = await ServiceNodes.StartAsync(ServiceNodes.WithRunsTable);
        var runs = new (int Course, int Region, int Time, string Name)[]
        {
            (3, 1, 70_000, "Anna"), (3, 2, 65_000, "Ben"), (3, 1, 80_000, "Cleo"), (3, 2, 60_000, "Dan"), (3, 1, 99_000, "Eve"), (4, 1, 1_000, "Fay"),
        };
        foreach (var run in runs)
        {
            using var console = new SakeClient(node.Http(), node.Ticket(await node.NewProfileAsync(run.Name)));
            var created = await console.CreateRecordAsync("Runs",
                [Int("course", run.Course), Int("region", run.Region), Int("time", run.Time), new SakeField("name", SakeValue.FromAsciiString(run.Name))]);
            Assert.Equal(SakeResult.Success, created.Result);
        }
        using var searcher = new SakeClient(node.Http(), node.Ticket(await node.NewProfileAsync()));

        var page = Assert.IsType<SakeRecordsResponse>(
            await searcher.SearchAsync("Runs", "course = 3 and time < 90000", "time desc", offset: 1, max: 2, ["name", "time", "stamp"]));
        var count = Assert.IsType<SakeRecordCountResponse>(await searcher.GetRecordCountAsync("Runs", "course = 3 and time < 90000"));
        var region = Assert.IsType<SakeRecordsResponse>(await searcher.SearchAsync("Runs", "course = 3 and region = 2", "time", 0, 10, ["name"]));

        Assert.Equal(new[] { new[] { "Anna", "70000" }, new[] { "Ben", "65000" } }, page.Records.Select(r => r.Take(2).Select(v => v.Text).ToArray()));
        Assert.All(page.Records, r => Assert.Equal(SakeFieldType.DateAndTime, r[2].Type)); // filled in on create
        Assert.Equal(4, count.Count);
        Assert.Equal(new[] { "Dan", "Ben" }, region.Records.Select(r => r[0].Text));
        var random = Assert.IsType<SakeRecordsResponse>(await searcher.GetRandomRecordsAsync("Runs", "course = 4", ["name"]));
        Assert.Equal("Fay", Assert.Single(Assert.Single(random.Records)).Text);
        Assert.Equal(SakeResult.SortInvalid, (await searcher.SearchAsync("Runs", null, "nosuchfield", 0, 1, ["name"])).Result);
        Assert.Equal(SakeResult.FilterInvalid, (await searcher.SearchAsync("Runs", "course = = 3", null, 0, 1, ["name"])).Result);
        Assert.Equal(SakeResult.FieldNotFound, (await searcher.SearchAsync("Runs", "nosuchfield = 3", null, 0, 1, ["name"])).Result);
    }

    [Fact]
    public async Task A_hardened_table_refuses_undeclared_fields_wrong_types_and_over_long_values()
    {
        await using var node = await ServiceNodes.StartAsync(ServiceNodes.WithRunsTable);
        using var console = new SakeClient(node.Http(), node.Ticket(await node.NewProfileAsync()));

        Assert.Equal(SakeResult.FieldNotFound, (await console.CreateRecordAsync("Runs", [Int("speed", 1)])).Result);
        Assert.Equal(SakeResult.FieldTypeInvalid, (await console.CreateRecordAsync("Runs", [new SakeField("time", SakeValue.FromInt64(5))])).Result);
        Assert.Equal(SakeResult.FieldTypeInvalid, (await console.CreateRecordAsync("Runs", [new SakeField("name", SakeValue.FromAsciiString(new string('x', 17)))])).Result);
        Assert.Equal(SakeResult.FieldNotFound, (await console.GetMyRecordsAsync("Runs", ["speed"])).Result);
        Assert.Equal(SakeResult.NoPermission, (await console.CreateRecordAsync("GhostData", [Int("time", 5)])).Result);
        Assert.Equal(0, ((SakeRecordLimitResponse)await console.GetRecordLimitAsync("Runs")).NumOwned);
    }

    [Fact]
    public async Task A_record_is_rated_once_per_profile_and_a_table_without_votes_is_NotRateable()
    {
        await using var node = await ServiceNodes.StartAsync(ServiceNodes.WithRunsTable);
        using var owner = new SakeClient(node.Http(), node.Ticket(await node.NewProfileAsync()));
        using var fan = new SakeClient(node.Http(), node.Ticket(await node.NewProfileAsync()));
        var id = ((SakeCreateRecordResponse)await owner.CreateRecordAsync("Runs", [Int("course", 1)])).RecordId;
        var friendInfo = ((SakeCreateRecordResponse)await owner.CreateRecordAsync("FriendInfo", [new SakeField("info", SakeValue.FromBinary([1]))])).RecordId;

        var vote = Assert.IsType<SakeRateRecordResponse>(await fan.RateRecordAsync("Runs", id, 4));
        Assert.Equal(SakeResult.AlreadyRated, (await fan.RateRecordAsync("Runs", id, 5)).Result);
        Assert.Equal(SakeResult.NotRateable, (await fan.RateRecordAsync("FriendInfo", friendInfo, 5)).Result);
        var read = Assert.IsType<SakeRecordsResponse>(await fan.GetSpecificRecordsAsync("Runs", [id], ["num_ratings", "average_rating", "my_rating"]));

        Assert.Equal((1, 4f), (vote.NumRatings, vote.AverageRating));
        Assert.Equal(new[] { "1", "4", "4" }, Assert.Single(read.Records).Select(v => v.Text));
    }

    [Fact]
    public async Task Wrong_game_keys_bad_tickets_and_unknown_tables_get_their_sake_results_and_store_nothing()
    {
        await using var node = await ServiceNodes.StartAsync(configure: o => o with { Sake = o.Sake with { OpenTables = false } });
        var profile = await node.NewProfileAsync();
        var http = node.Http();
        var info = new SakeField("info", SakeValue.FromBinary([1, 2, 3]));
        var forged = Convert.ToBase64String(new byte[16]);

        async Task<SakeResult> Create(SakeClient client, string table = "FriendInfo") => (await client.CreateRecordAsync(table, [info])).Result;
        using (var wrongKey = new SakeClient(http, node.Ticket(profile), secretKey: "XXXXXX"))
            Assert.Equal(SakeResult.SecretKeyInvalid, await Create(wrongKey));
        using (var forgedTicket = new SakeClient(http, forged))
            Assert.Equal(SakeResult.LoginTicketInvalid, await Create(forgedTicket));
        using (var oldTicket = new SakeClient(http, node.Ticket(profile, DateTimeOffset.UtcNow.AddHours(-49))))
            Assert.Equal(SakeResult.LoginTicketExpired, await Create(oldTicket));
        using (var unknownGame = new SakeClient(http, node.Ticket(profile), gameId: 99999))
            Assert.Equal(SakeResult.DatabaseUnavailable, await Create(unknownGame));
        using var console = new SakeClient(http, node.Ticket(profile));
        Assert.Equal(SakeResult.TableNotFound, await Create(console, "NoSuchTable"));

        Assert.Equal(0, ((SakeRecordLimitResponse)await console.GetRecordLimitAsync("FriendInfo")).NumOwned);
    }

    [Fact]
    public async Task Tables_without_a_rule_are_served_schemaless_when_open_tables_are_on()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var console = new SakeClient(node.Http(), node.Ticket(await node.NewProfileAsync()));

        var created = await console.CreateRecordAsync("ModdedTable", [Int("score", 12), new SakeField("tag", SakeValue.FromUnicodeString("Grüße"))]);
        var found = Assert.IsType<SakeRecordsResponse>(await console.SearchAsync("ModdedTable", "score > 5", "score", 0, 5, ["tag", "score"]));
        var missingField = Assert.IsType<SakeRecordsResponse>(await console.SearchAsync("ModdedTable", null, null, 0, 5, ["nothere"]));

        Assert.Equal(SakeResult.Success, created.Result);
        Assert.Equal(new[] { "Grüße", "12" }, Assert.Single(found.Records).Select(v => v.Text));
        Assert.Empty(missingField.Records); // a record without a requested undeclared field is left out (WiiLink)
        Assert.Equal(SakeResult.BadNumFields, (await console.GetMyRecordsAsync("ModdedTable", [])).Result);
    }

    [Fact]
    public async Task Malformed_soap_is_answered_with_a_client_fault_counted_and_nothing_is_stored()
    {
        await using var node = await ServiceNodes.StartAsync();
        var profile = await node.NewProfileAsync();
        using var console = new SakeClient(node.Http(), node.Ticket(profile));
        var valid = SakeRequestWriter.Write(new SakeCreateRecordRequest(1687, "9r3Rmy", console.LoginTicket, "FriendInfo",
            [new SakeField("info", SakeValue.FromBinary([1]))]));
        var create = SakeRequestWriter.SoapAction(SakeAction.CreateRecord);
        var bodies = new (byte[] Body, string? Action)[]
        {
            ("this is not xml"u8.ToArray(), create),
            (Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + Encoding.UTF8.GetString(valid)[38..]), create),
            (valid[..(valid.Length / 2)], create),
            (valid, SakeRequestWriter.SoapAction(SakeAction.DeleteRecord)),
            (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("CreateRecord", "DropTables")), null),
            (Encoding.UTF8.GetBytes("<x>" + new string(' ', 300 * 1024) + "</x>"), create),
        };

        foreach (var (body, action) in bodies)
        {
            var answer = await console.SendRawAsync(body, action);
            Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
            var text = Encoding.UTF8.GetString(answer.Body);
            Assert.Contains("<faultcode>s:Client</faultcode>", text);
        }

        Assert.Equal(0, ((SakeRecordLimitResponse)await console.GetRecordLimitAsync("FriendInfo")).NumOwned);
        using var json = JsonDocument.Parse(await node.Management.GetStringAsync("services/metrics"));
        var sake = json.RootElement.EnumerateArray().Single(e => e.GetProperty("service").GetString() == "sake");
        Assert.Equal(bodies.Length, sake.GetProperty("malformed").GetInt64());
        Assert.Contains(node.Log.Entries, e => e.EventId.Id == 7101);
    }

    [Fact]
    public async Task A_sake_path_on_a_host_that_is_not_sake_is_not_served()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var http = new ServiceHttp(node.Http(), "naswii.nintendowifi.net");
        using var message = ServiceHttp.Post(SakeWire.StoragePath, "<x/>"u8.ToArray(), "text/xml");

        using var response = await http.SendAsync(message);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_table_rules_are_listed_on_the_management_api()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var json = JsonDocument.Parse(await node.Management.GetStringAsync("sake/tables"));
        var friendInfo = json.RootElement.EnumerateArray().Single(t => t.GetProperty("table").GetString() == "FriendInfo");
        Assert.Equal(1, friendInfo.GetProperty("limitPerOwner").GetInt32());
    }
}
