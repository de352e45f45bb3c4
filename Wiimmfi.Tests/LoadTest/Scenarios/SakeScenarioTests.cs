using System.Net;
using Wiimmfi.Actors.Storage;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Scenarios;
using Wiimmfi.LoadTest.Scenarios.Sake;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.LoadTest.Scenarios;

/// <summary>
/// The SAKE load scenarios against a whole node for a few iterations: a small seed layout written through the node's
/// own store (what the benchmark's bulk seeder writes in rows), then a bounded open-model run; every request must be
/// OK — including the scenarios' checks of each answer against the seed.
/// </summary>
public sealed class SakeScenarioTests
{
    // 40 FriendInfo records (a friends' search asks for 10-30 of them) and 4 players' ghosts on all 32 courses.
    private static readonly SakeSeedLayout Small = new(FriendInfoRecords: 40, GhostPlayers: 4);

    private static readonly LoadRunSettings Quiet = new() { SampleInterval = TimeSpan.Zero };

    private static async Task SeedAsync(IWiimmfiStore store, SakeSeedLayout layout)
    {
        for (var i = 0; i < layout.FriendInfoRecords; i++)
        {
            var created = await store.Sake.CreateRecordAsync(new SakeNewRecord(MkwFacts.GameId, "FriendInfo", SakeSeedLayout.ProfileId(i),
                [new SakeField("info", SakeValue.FromBinary(SakeSeedLayout.FriendInfo(i)))], SakeTableLayout.None), new SakeOwnerLimits(1, 96));
            Assert.Equal(SakeChangeOutcome.Done, created.Outcome);
        }
        for (var player = 0; player < layout.GhostPlayers; player++)
        {
            for (var course = 0; course < SakeSeedLayout.Courses; course++)
            {
                var outcome = await store.Race.SubmitScoreAsync(new RaceNewScore(course, SakeSeedLayout.ProfileId(player), SakeSeedLayout.Region(player),
                    SakeSeedLayout.GhostTimeMs(course, player), SakeSeedLayout.PlayerInfo(player), SakeSeedLayout.Ghost(course, player)));
                Assert.Equal(RaceScoreOutcome.Added, outcome);
            }
        }
    }

    private static async Task<ScenarioReport> RunAsync(Func<IPEndPoint, IPEndPoint, SakeSeedLayout, Scenario> create, int users)
    {
        await using var node = await TestNode.StartAsync();
        await SeedAsync(node.Node.Context.Store, Small);
        // Open model: each arrival signs in, runs one iteration and signs out — a fixed number of iterations.
        var scenario = create(node.Endpoint("nas"), node.Endpoint("gpcm"), Small)
            .WithLoadSimulations(LoadSimulation.Inject(users, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .WithStepTimeout(TimeSpan.FromSeconds(30));

        var report = await LoadRunner.RunAsync([scenario], new LoadTarget(IPAddress.Loopback), Quiet);

        var result = Assert.Single(report.Scenarios);
        var errors = string.Join("; ", result.Steps.Append(result.Iterations).SelectMany(line => line.Errors).Select(e => $"{e.Kind} ×{e.Count}: {e.Example}"));
        Assert.True(result.Iterations.Failed == 0 && result.Steps.All(s => s.Failed == 0), "failures: " + errors);
        Assert.Equal(users, result.Iterations.Ok);
        return result;
    }

    [Fact]
    public async Task Sake_search_finds_the_seeded_rivals_top_ghosts_and_friends_for_every_user()
    {
        var result = await RunAsync(SakeSearchScenario.Create, users: 6);

        foreach (var step in new[] { SakeSearchScenario.RivalStep, SakeSearchScenario.TopStep, SakeSearchScenario.FriendsStep })
        {
            var line = Assert.Single(result.Steps, s => s.Name == step);
            Assert.Equal(6, line.Ok);
            Assert.True(line.BytesIn > 0, $"{step} read no answer bytes");
        }
    }

    [Fact]
    public async Task Sake_mix_saves_reads_back_searches_downloads_and_uploads_for_every_user()
    {
        var result = await RunAsync(SakeMixScenario.Create, users: 5);

        foreach (var step in new[]
                 {
                     SakeMixScenario.SaveStep, SakeMixScenario.MineStep, SakeMixScenario.FriendsStep, SakeMixScenario.TopStep,
                     SakeMixScenario.FileStep, SakeMixScenario.DownloadStep, SakeMixScenario.UploadStep,
                 })
        {
            Assert.Equal(5, Assert.Single(result.Steps, s => s.Name == step).Ok);
        }
    }

    [Fact]
    public void Both_sake_scenarios_are_known_to_the_command_line()
    {
        Assert.IsType<SakeSearchScenario>(LoadScenarios.Find("sake-search"));
        Assert.IsType<SakeMixScenario>(LoadScenarios.Find("sake-mix"));
    }
}
