using System.Net;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Scenarios.NatNeg;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Tests.NatNeg;

namespace Wiimmfi.Tests.LoadTest.Scenarios;

/// <summary>The NATNEG load scenario against a node, for a few negotiations: all complete, and the node agrees.</summary>
public sealed class NatNegScenarioTests
{
    private static readonly LoadRunSettings Quiet = new() { SampleInterval = TimeSpan.Zero };
    private static readonly IPAddress[] Sources = [IPAddress.Parse("127.0.0.51"), IPAddress.Parse("127.0.0.52"), IPAddress.Parse("127.0.0.53")];

    private static async Task<ScenarioReport> RunAsync(NatNegPairDriver driver, int negotiations)
    {
        var scenario = NatNegScenario.Create(driver).WithLoadSimulations(LoadSimulation.Inject(negotiations, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var report = await LoadRunner.RunAsync([scenario], new LoadTarget(IPAddress.Loopback), Quiet);
        return Assert.Single(report.Scenarios);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Every_negotiation_completes_with_both_reports_acknowledged_and_the_node_counts_each_once(int serverSockets)
    {
        await using var node = await NatNegNode.StartAsync(null, [.. new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" }.Take(serverSockets)]);
        await using var driver = new NatNegPairDriver(node.Servers, Sources, consoles: 4);

        var result = await RunAsync(driver, negotiations: 30);

        var errors = string.Join("; ", result.Steps.SelectMany(s => s.Errors).Select(e => $"{e.Kind}: {e.Example}"));
        Assert.True(result.Iterations.Failed == 0, errors);
        Assert.Equal(30, result.Iterations.Ok);
        await node.AwaitAllClosedAsync();
        Assert.Equal((30L, 30L, 0L, 60L), (node.Metrics.Started, node.Metrics.Completed, node.Metrics.TimedOut, node.Metrics.ReportsSucceeded));
        // Each console: four INITs, a CONNECT_ACK and a REPORT at least; each answered (INITACK x4, CONNECT, REPORT_ACK).
        Assert.True(driver.DatagramsToServer >= 30 * 2 * 6, $"{driver.DatagramsToServer} datagrams to the server");
        Assert.True(driver.DatagramsFromServer >= 30 * 2 * 6, $"{driver.DatagramsFromServer} datagrams from the server");
        Assert.Equal(0, driver.Open);
    }

    [Fact]
    public async Task Negotiations_a_full_node_never_answers_fail_as_init_timeouts_instead_of_hanging()
    {
        // One slot, held by a lone console for longer than the driver's consoles repeat their INITs (5.5 s).
        await using var node = await NatNegNode.StartAsync(o => o with { MaxOpenNegotiations = 1, SessionTimeout = TimeSpan.FromSeconds(30) });
        await using var driver = new NatNegPairDriver(node.Servers, Sources, consoles: 4);
        using var blocker = new Wiimmfi.ConsoleEmulator.NatNeg.NatNegConsole(node.Servers, new() { Cookie = 77, ClientIndex = 0, LocalAddress = IPAddress.Parse("127.0.0.59") });
        _ = blocker.NegotiateAsync();
        await Wiimmfi.Tests.TestKit.Awaiting.ConditionAsync(() => node.NatNeg.Capacity.Open == 1);

        var result = await RunAsync(driver, negotiations: 2);

        Assert.Equal(2, result.Iterations.Failed);
        Assert.Equal("init-timeout", Assert.Single(result.Steps.Single(s => s.Name == NatNegScenario.StepName).Errors).Kind);
        Assert.Equal(0, driver.Open);
    }

    [Fact]
    public void The_console_count_comes_from_the_environment_within_bounds()
    {
        Assert.Equal(NatNegPairDriver.DefaultConsoles, NatNegScenario.ConsolesFrom(_ => null));
        Assert.Equal(8, NatNegScenario.ConsolesFrom(_ => "8"));
        Assert.Throws<InvalidOperationException>(() => NatNegScenario.ConsolesFrom(_ => "1"));
        Assert.Throws<InvalidOperationException>(() => NatNegScenario.ConsolesFrom(_ => "100000"));
    }
}
