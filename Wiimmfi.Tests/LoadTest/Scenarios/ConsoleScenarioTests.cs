using System.Net;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Scenarios.Capacity;
using Wiimmfi.LoadTest.Scenarios.Common;
using Wiimmfi.LoadTest.Scenarios.Login;
using Wiimmfi.LoadTest.Scenarios.Presence;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.LoadTest.Scenarios;

/// <summary>
/// The login and presence scenarios against a whole node started by the test, over loopback sockets: a few
/// iterations each, bounded by an iteration budget and a duration, and every line of the report must be all OK.
/// </summary>
public sealed class ConsoleScenarioTests
{
    private static readonly LoadTarget Loopback = new(IPAddress.Loopback);

    /// <summary>Generous bounds for a loaded 2-core machine; the runs end by their iteration budget long before.</summary>
    private static readonly LoadRunSettings Bounded = new()
    {
        SampleInterval = TimeSpan.Zero,
        MaxDuration = TimeSpan.FromSeconds(120),
    };

    private static void AssertOnlyOk(ScenarioReport scenario, long expectedIterations)
    {
        foreach (var line in scenario.Steps.Append(scenario.Iterations))
        {
            Assert.True(line.Failed == 0,
                $"{line.Name}: {line.Failed} failed ({string.Join(", ", line.Errors.Select(e => $"{e.Kind}: {e.Example}"))})");
            Assert.True(line.Ok > 0, $"{line.Name} never ran");
        }
        Assert.Equal(expectedIterations, scenario.Iterations.Ok);
    }

    [Fact]
    public async Task Login_scenario_logs_consoles_in_through_NAS_and_GPCM_and_reports_only_OK()
    {
        await using var node = await TestNode.StartAsync();
        using var nas = new NasLoginClient(node.Endpoint("nas"), []);
        var scenario = LoginScenario.Create(nas, node.Endpoint("gpcm"), new ConsolePool(), TimeSpan.Zero)
            .WithLoadSimulations(LoadSimulation.Inject(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Bounded);

        Assert.Equal("completed", report.Run.StopReason);
        var login = Assert.Single(report.Scenarios);
        AssertOnlyOk(login, 12);
        Assert.Contains(login.Steps, s => s.Name == LoginScenario.GpcmStep && s.BytesIn > 0);
    }

    [Fact]
    public async Task Presence_scenario_keeps_friends_online_with_keep_alives_status_changes_and_messages_and_reports_only_OK()
    {
        await using var node = await TestNode.StartAsync();
        using var nas = new NasLoginClient(node.Endpoint("nas"), []);
        var scenario = PresenceScenario.Create(nas, node.Endpoint("gpcm"), TimeSpan.FromMilliseconds(50))
            .WithLoadSimulations(LoadSimulation.KeepConstant(3, TimeSpan.FromSeconds(60)));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Bounded with { MaxIterations = 15 });

        var presence = Assert.Single(report.Scenarios);
        AssertOnlyOk(presence, presence.Iterations.Requests);
        Assert.InRange(presence.Iterations.Ok, 1, 15);
        Assert.Equal(
            [PresenceScenario.PauseStep, PresenceScenario.KeepAliveStep, PresenceScenario.StatusStep, PresenceScenario.MessageStep],
            presence.Steps.Where(s => s.Kind == "step").Select(s => s.Name));
        Assert.All(presence.Steps.Where(s => s.Name is PresenceScenario.StatusStep or PresenceScenario.MessageStep),
            step => Assert.True(step.BytesIn > 0, $"{step.Name} received nothing"));
    }

    [Fact]
    public async Task Capacity_scenario_holds_consoles_with_GPCM_keep_alives_and_QR2_heartbeats_and_reports_only_OK()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-capacity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var gameList = Path.Combine(folder, "games.tsv");
        await File.WriteAllTextAsync(gameList,
            "# gamename\tgameid\tsecretkey\tgamestats_version\tgamestats_key\tenabled\tdescription\n" +
            $"{CapacityScenario.GameName}\t1687\t{CapacityScenario.SecretKey}\t-\t-\tyes\tMario Kart Wii\n");
        await using var node = await TestNode.StartAsync(o => o with { GameListFile = gameList }, folder: folder);
        using var nas = new NasLoginClient(node.Endpoint("nas"), []);
        var scenario = CapacityScenario.Create(nas, node.Endpoint("gpcm"), node.Endpoint("master"), TimeSpan.FromMilliseconds(50))
            .WithLoadSimulations(LoadSimulation.KeepConstant(3, TimeSpan.FromSeconds(60)));

        var report = await LoadRunner.RunAsync([scenario], Loopback, Bounded with { MaxIterations = 12 });

        var capacity = Assert.Single(report.Scenarios);
        AssertOnlyOk(capacity, capacity.Iterations.Requests);
        Assert.InRange(capacity.Iterations.Ok, 1, 12);
        Assert.Equal(3, capacity.Steps.Single(s => s.Kind == "init").Ok);
        Assert.All(capacity.Steps.Where(s => s.Name is CapacityScenario.KeepAliveStep or CapacityScenario.HeartbeatStep),
            step => Assert.True(step.BytesOut > 0, $"{step.Name} sent nothing"));
    }
}
