using System.Net;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Scenarios.Matchmaking;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Tests.Matchmaking;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.LoadTest.Scenarios;

/// <summary>
/// The matchmaking load scenarios against a whole node, for a few iterations each: every step OK, and the node's
/// own counters agree with what the scenario says it did.
/// </summary>
public sealed class MatchmakingScenarioTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly LoadRunSettings Quiet = new() { SampleInterval = TimeSpan.Zero };
    private static readonly IPAddress[] TwoSources = [IPAddress.Parse("127.0.0.41"), IPAddress.Parse("127.0.0.42")];

    private static async Task<ScenarioReport> RunAsync(Scenario scenario, int arrivals)
    {
        var report = await LoadRunner.RunAsync([scenario.WithLoadSimulations(LoadSimulation.Inject(arrivals, Second, Second))],
            new LoadTarget(IPAddress.Loopback), Quiet);
        var result = Assert.Single(report.Scenarios);
        Assert.Equal("completed", report.Run.StopReason);
        return result;
    }

    private static void AssertAllOk(ScenarioReport result, int iterations)
    {
        var errors = string.Join("; ", result.Steps.SelectMany(s => s.Errors).Select(e => $"{e.Kind}: {e.Example}"));
        Assert.True(result.Iterations.Failed == 0, errors);
        Assert.Equal(iterations, result.Iterations.Ok);
    }

    [Fact]
    public async Task Register_scenario_brings_consoles_online_through_a_challenge_and_takes_them_off_again()
    {
        await using var node = await MatchmakingNode.StartAsync();

        var result = await RunAsync(Qr2RegisterScenario.Create(node.Endpoint("master")), arrivals: 20);

        AssertAllOk(result, 20);
        Assert.Equal([Qr2RegisterScenario.RegisterStep, Qr2RegisterScenario.ShutdownStep, Scenario.CleanName], result.Steps.Select(s => s.Name));
        Assert.Equal(20, node.Metrics()[MatchmakingCounter.Qr2HostsAuthenticated]);
        await node.CountedAsync(MatchmakingCounter.Qr2HostsShutDown, 20);
    }

    [Fact]
    public async Task A_fleet_registers_every_console_with_its_challenge_answered_and_leaves_when_disposed()
    {
        await using var node = await MatchmakingNode.StartAsync();

        var fleet = await Qr2HostFleet.RegisterAsync(node.Endpoint("master"), 60, TwoSources, 1_000, seed: 7, CancellationToken.None);

        Assert.Equal(60, node.Metrics()[MatchmakingCounter.Qr2HostsAuthenticated]);
        Assert.Equal(60, fleet.Hosts.Select(h => h.LocalEndPoint).Distinct().Count());
        Assert.Equal(TwoSources, fleet.Hosts.Select(h => h.LocalEndPoint.Address).Distinct().Order(Comparer<IPAddress>.Create((a, b) => a.ToString().CompareTo(b.ToString()))));
        // Each console's first periodic heartbeat reports the public address its challenge told it: a record change.
        await node.CountedAsync(MatchmakingCounter.Qr2RecordsChanged, 60);

        await fleet.DisposeAsync();

        await node.CountedAsync(MatchmakingCounter.Qr2HostsShutDown, 60);
    }

    [Fact]
    public async Task Heartbeat_scenario_sends_the_same_heartbeat_again_and_the_table_absorbs_it_without_a_change()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var fleet = await Qr2HostFleet.RegisterAsync(node.Endpoint("master"), 50, TwoSources, 1_000, seed: 1, CancellationToken.None);
        await node.CountedAsync(MatchmakingCounter.Qr2RecordsChanged, 50);
        var unchangedBefore = node.Metrics()[MatchmakingCounter.Qr2HeartbeatsUnchanged];
        var changedBefore = node.Metrics()[MatchmakingCounter.Qr2RecordsChanged];

        var result = await RunAsync(Qr2HeartbeatScenario.Create(fleet, heartbeatsPerStep: 10, changeRecords: false), arrivals: 20);

        AssertAllOk(result, 20);
        var step = result.Steps.Single(s => s.Name == Qr2HeartbeatScenario.StepName);
        Assert.True(step.BytesOut > 200 * 100, $"{step.BytesOut} bytes for 200 heartbeats");
        await node.CountedAsync(MatchmakingCounter.Qr2HeartbeatsUnchanged, unchangedBefore + 200);
        Assert.Equal(changedBefore, node.Metrics()[MatchmakingCounter.Qr2RecordsChanged]);
    }

    [Fact]
    public async Task Update_scenario_changes_the_console_record_with_every_heartbeat()
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var fleet = await Qr2HostFleet.RegisterAsync(node.Endpoint("master"), 50, TwoSources, 1_000, seed: 1, CancellationToken.None);
        await node.CountedAsync(MatchmakingCounter.Qr2RecordsChanged, 50);
        var changedBefore = node.Metrics()[MatchmakingCounter.Qr2RecordsChanged];

        var result = await RunAsync(Qr2HeartbeatScenario.Create(fleet, heartbeatsPerStep: 10, changeRecords: true), arrivals: 20);

        AssertAllOk(result, 20);
        await node.CountedAsync(MatchmakingCounter.Qr2RecordsChanged, changedBefore + 200);
        // Four flips of each console bring it back to the room size it registered with.
        Assert.All(fleet.Hosts, h => Assert.Equal(h.Keys.Players, h.Players));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Search_scenarios_list_the_fleet_rooms_that_match_and_check_every_answer(bool connectPerQuery)
    {
        await using var node = await MatchmakingNode.StartAsync();
        await using var fleet = await Qr2HostFleet.RegisterAsync(node.Endpoint("master"), 300, TwoSources, MsListScenario.FleetFirstProfileId, seed: 2, CancellationToken.None);
        var rooms = MsListScenario.OpenRooms.Of(fleet);
        Assert.True(rooms.Count > 20, $"{rooms.Count} open versus rooms in a fleet of 300");

        var result = await RunAsync(MsListScenario.Create(node.Endpoint("ms"), rooms, connectPerQuery), arrivals: 20);

        AssertAllOk(result, 20);
        Assert.True(result.Steps.Single(s => s.Name == MsListScenario.ListStep).BytesOut > 20 * 200);
        Assert.Equal(20, node.Metrics()[MatchmakingCounter.MsListRequests]);
    }

    [Fact]
    public async Task A_search_that_lists_fewer_rooms_than_the_table_holds_fails_as_a_short_list()
    {
        await using var node = await MatchmakingNode.StartAsync();
        // The scenario is told of rooms rated 2000-8000 that the (empty) table does not hold.
        var imaginary = new MsListScenario.OpenRooms(Enumerable.Range(0, 61).Select(i => 2000 + 100 * i));

        var result = await RunAsync(MsListScenario.Create(node.Endpoint("ms"), imaginary, connectPerQuery: false), arrivals: 5);

        Assert.Equal(5, result.Iterations.Failed);
        Assert.Equal("short-list", Assert.Single(result.Steps.Single(s => s.Name == MsListScenario.ListStep).Errors).Kind);
    }

    [Fact]
    public void Sizes_come_from_the_environment_and_a_value_out_of_range_is_refused_by_name()
    {
        Assert.Equal(new MatchmakingLoadSettings(10_000, 100), MatchmakingLoadSettings.From(_ => null));
        Assert.Equal(new MatchmakingLoadSettings(500, 20), MatchmakingLoadSettings.From(name =>
            name == MatchmakingLoadSettings.HostsVariable ? "500" : name == MatchmakingLoadSettings.BatchVariable ? "20" : null));

        var error = Assert.Throws<InvalidOperationException>(() => MatchmakingLoadSettings.From(name => name == MatchmakingLoadSettings.HostsVariable ? "30000" : null));
        Assert.Contains(MatchmakingLoadSettings.HostsVariable, error.Message);
        Assert.Throws<InvalidOperationException>(() => MatchmakingLoadSettings.From(name => name == MatchmakingLoadSettings.BatchVariable ? "many" : null));
    }

    [Fact]
    public void The_search_filter_is_the_one_DWC_sends_for_Mario_Kart_Wii()
    {
        Assert.Equal(
            "dwc_mver = 90 and dwc_pid != 12345 and maxplayers = 11 and numplayers < 11 and dwc_mtype = 0 and dwc_hoststate = 2 and dwc_suspend = 0 and (rk = 'vs' and ev >= 4250 and ev <= 5750 and p = 0)",
            MkwHostKeys.SearchFilter(12345, 5000));
        var rooms = new MsListScenario.OpenRooms([4250, 4251, 5750, 5751, 3000]);
        Assert.Equal(3, rooms.CountRated(4250, 5750));
        Assert.Equal(0, rooms.CountRated(6000, 7000));
    }
}
