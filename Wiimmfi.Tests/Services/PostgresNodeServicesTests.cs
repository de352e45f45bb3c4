using Wiimmfi.Actors.Storage;
using Wiimmfi.ConsoleEmulator.Race;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Race;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Files;
using Wiimmfi.Tests.TestKit;
using HostStore = Wiimmfi.Host.Configuration;

namespace Wiimmfi.Tests.Services;

/// <summary>A whole node on PostgreSQL (the cluster store): the same consoles' conversations work as on SQLite.</summary>
public sealed class PostgresNodeServicesTests
{
    [PostgresFact]
    public async Task A_postgres_node_stores_searches_and_ranks_like_the_sqlite_one()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("services-node");
        await SchemaMigrator.MigrateAsync(StoreOptions.ForPostgres(connectionString)); // an operator's `wiimmfi db migrate`
        await using var node = await ServiceNodes.StartAsync(ServiceNodes.WithRunsTable, o => o with
        {
            Store = new HostStore.StoreOptions { Kind = HostStore.StoreKind.Postgres, ConnectionString = connectionString },
        });
        var uploaderId = await node.NewProfileAsync("Petey");
        var racerId = await node.NewProfileAsync("Shy Guy");
        using var uploader = new SakeClient(node.Http(), node.Ticket(uploaderId));
        using var racer = new SakeClient(node.Http(), node.Ticket(racerId));
        using var race = new RaceClient(node.Http());
        var mii = MkwSampleData.Mii("Petey");

        foreach (var (course, time) in new[] { (3, 70_000), (3, 60_000), (4, 50_000) })
        {
            Assert.Equal(SakeResult.Success, (await uploader.CreateRecordAsync("Runs",
                [new SakeField("course", SakeValue.FromInt32(course)), new SakeField("time", SakeValue.FromInt32(time))])).Result);
        }
        var search = Assert.IsType<SakeRecordsResponse>(await racer.SearchAsync("Runs", "course = 3 and time < 65000 or course = 4", "time desc", 0, 5, ["time"]));
        var upload = await uploader.UploadGhostAsync(2, 8, 88_000, (int)uploaderId, MkwSampleData.PlayerInfo(mii), MkwSampleData.Ghost(8, 88_000, mii));
        var (download, body) = await racer.DownloadGhostAsync((int)racerId, 8, 90_000);
        var top = await race.GetTopTenRankingsAsync(0, 8);

        Assert.Equal(new[] { "60000", "50000" }, search.Records.Select(r => r[0].Text));
        Assert.Equal(SakeFileResult.Success, upload);
        Assert.Equal(SakeFileResult.Success, download);
        Assert.Equal(MkwGhostDownloadRequest.HeaderSize + MkwSampleData.Ghost(8, 88_000, mii).Length, body.Length);
        Assert.Equal(((int)uploaderId, 88_000), (Assert.Single(top.Entries).OwnerId, top.Entries[0].Time));
        Assert.Equal(RaceResponseCode.Success, top.Code);
    }
}
