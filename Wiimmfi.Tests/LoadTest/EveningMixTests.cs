using System.CommandLine;
using Wiimmfi.LoadTest.Cli;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Scenarios;
using Wiimmfi.LoadTest.Scenarios.Evening;

namespace Wiimmfi.Tests.LoadTest;

/// <summary>
/// The "evening of Mario Kart" mix: <c>--scenario evening</c> runs each part as its own scenario with its share of the
/// load, and every part names a scenario the tool knows.
/// </summary>
public sealed class EveningMixTests
{
    private static RunRequest Read(params string[] args)
    {
        var options = new RunOptions();
        var command = new Command("run");
        options.AddTo(command);
        return options.Read(command.Parse(args), args);
    }

    [Fact]
    public void Every_part_of_the_evening_is_a_known_scenario_and_the_shares_add_up_to_the_whole_load()
    {
        var evening = new EveningScenario();
        Assert.All(evening.Parts, p => Assert.NotNull(LoadScenarios.Find(p.Scenario)));
        Assert.Equal(1.0, evening.Parts.Sum(p => p.Share), precision: 9);
        Assert.Same(evening.GetType(), LoadScenarios.Find("evening")!.GetType());
    }

    [Fact]
    public void Running_the_evening_runs_its_parts_each_with_its_share()
    {
        var request = Read("--scenario", "evening", "--copies", "400", "--duration", "30s");
        var parts = new EveningScenario().Parts;
        Assert.Equal(parts.Select(p => p.Scenario), request.Scenarios.Select(s => s.Scenario.Name));
        Assert.Equal(parts.Select(p => p.Share), request.Scenarios.Select(s => s.Share));
        // 40 % of 400 looping users is 160 presence users; the CLI scales each stage by the part's share.
        var presence = request.Scenarios.Single(s => s.Scenario.Name == "presence");
        Assert.Equal(LoadSimulation.KeepConstant(160, TimeSpan.FromSeconds(30)), request.LoadSimulations.Single().Scale(presence.Share));
    }

    [Fact]
    public void A_scenario_named_both_alone_and_in_the_mix_runs_once_with_the_whole_load()
    {
        var request = Read("--scenario", "presence,evening", "--rate", "50");
        Assert.Single(request.Scenarios, s => s.Scenario.Name == "presence");
        Assert.Equal(1.0, request.Scenarios.Single(s => s.Scenario.Name == "presence").Share);
    }

    [Fact]
    public async Task The_scenario_list_shows_the_evening_with_its_parts()
    {
        var output = new StringWriter();
        Assert.Equal(LoadCli.Ok, await LoadCli.RunAsync(["scenarios"], output, new StringWriter()));
        var line = output.ToString().Split('\n').Single(l => l.Contains("evening", StringComparison.Ordinal) && l.Contains("presence 40", StringComparison.Ordinal));
        Assert.Contains("login 5", line, StringComparison.Ordinal);
    }
}
