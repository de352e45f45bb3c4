using System.Text.Json;
using Wiimmfi.LoadTest.Cli;
using Wiimmfi.LoadTest.Reports;
using Wiimmfi.LoadTest.Scenarios.Health;
using Wiimmfi.LoadTest.Scenarios.Selftest;
using Wiimmfi.LoadTest.Stats;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.LoadTest;

/// <summary>
/// Short, bounded runs of the command line as an operator would start them: the self-test against the tool's own
/// echo servers, and the health scenario against a node started by the test. Each checks the report files exist
/// and their numbers add up.
/// </summary>
public sealed class LoadToolEndToEndTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wiimmfi-load-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (DirectoryNotFoundException) { /* the test wrote nothing */ }
    }

    private static async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LoadCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static void AssertNumbersAddUp(LoadReport report)
    {
        foreach (var scenario in report.Scenarios)
        {
            foreach (var line in scenario.Steps.Append(scenario.Iterations))
            {
                Assert.Equal(line.Requests, line.Ok + line.Failed);
                Assert.Equal(line.Failed, line.Errors.Sum(e => e.Count));
                Assert.Equal(line.Ok, line.OkHistogram.Count);
                Assert.Equal(line.Failed, line.FailedHistogram.Count);
            }
            // Every OK iteration ran every step once; the iteration's bytes are its steps' bytes.
            var steps = scenario.Steps.Where(s => s.Kind == "step").ToList();
            Assert.All(steps, step => Assert.True(step.Ok >= scenario.Iterations.Ok));
            Assert.Equal(steps.Sum(s => s.BytesIn), scenario.Iterations.BytesIn);
            Assert.Equal(steps.Sum(s => s.BytesOut), scenario.Iterations.BytesOut);
        }
    }

    private static void AssertReportFiles(string folder, LoadReport report)
    {
        Assert.True(File.Exists(Path.Combine(folder, ReportFolder.MarkdownFile)));
        Assert.True(File.Exists(Path.Combine(folder, ReportFolder.CsvFile)));
        var markdown = File.ReadAllText(Path.Combine(folder, ReportFolder.MarkdownFile));
        var csv = File.ReadAllLines(Path.Combine(folder, ReportFolder.CsvFile));
        foreach (var scenario in report.Scenarios)
        {
            Assert.Contains($"## Scenario `{scenario.Name}`", markdown);
            // One CSV row per report line, and its requests column agrees with the JSON.
            foreach (var line in scenario.Steps.Append(scenario.Iterations))
            {
                var name = line.Kind == "iteration" ? "(iterations)" : line.Name;
                var row = Assert.Single(csv, r => r.StartsWith($"{scenario.Name},{name},{line.Kind},", StringComparison.Ordinal));
                Assert.Equal(line.Requests.ToString(), row.Split(',')[3]);
            }
        }
    }

    [Fact]
    public async Task Selftest_from_the_command_line_writes_markdown_json_and_csv_whose_numbers_add_up()
    {
        var (exit, output, error) = await CliAsync("run", "--scenario", "selftest", "--rate", "40", "--duration", "1s",
            "--report-folder", _folder, "--progress", "0", "--fail-on-errors");

        Assert.True(exit == LoadCli.Ok, $"exit {exit}: {error}\n{output}");
        var report = JsonReport.Read(Path.Combine(_folder, ReportFolder.JsonFile));
        var scenario = Assert.Single(report.Scenarios);
        Assert.Equal(SelftestScenario.ScenarioName, scenario.Name);
        Assert.Equal("completed", report.Run.StopReason);
        Assert.Equal(40, scenario.Iterations.Requests);
        Assert.Equal(40, scenario.Iterations.Ok);
        Assert.Equal(["init", SelftestScenario.UdpStep, SelftestScenario.TcpStep, "clean"], scenario.Steps.Select(s => s.Name));
        Assert.Equal(40L * SelftestScenario.PayloadSize, scenario.Steps.Single(s => s.Name == SelftestScenario.TcpStep).BytesIn);
        Assert.Contains("(iterations)", output); // the table printed at the end
        Assert.Contains("report written to", output);
        AssertNumbersAddUp(report);
        AssertReportFiles(_folder, report);
    }

    [Fact]
    public async Task Selftest_with_looping_users_and_a_warm_up_excludes_the_warm_up()
    {
        var (exit, output, error) = await CliAsync("run", "--scenario", "selftest", "--copies", "3", "--duration", "1s", "--warm-up", "1s",
            "--report-folder", _folder, "--progress", "0");

        Assert.True(exit == LoadCli.Ok, $"exit {exit}: {error}\n{output}");
        var report = JsonReport.Read(Path.Combine(_folder, ReportFolder.JsonFile));
        var scenario = Assert.Single(report.Scenarios);
        Assert.True(scenario.WarmUpIterations > 0);
        Assert.True(scenario.Iterations.Ok > 0);
        Assert.Equal(0, scenario.Iterations.Failed);
        Assert.Equal(3, scenario.PeakUsers);
        Assert.Equal(3, scenario.Steps.Single(s => s.Name == "init").Requests); // the measured phase's own three users
        AssertNumbersAddUp(report);
    }

    [Fact]
    public async Task Merging_two_runs_adds_their_counts_and_reads_percentiles_from_the_combined_histograms()
    {
        var first = Path.Combine(_folder, "a");
        var second = Path.Combine(_folder, "b");
        var merged = Path.Combine(_folder, "merged");
        Assert.Equal(LoadCli.Ok, (await CliAsync("run", "-s", "selftest", "-r", "20", "-d", "1s", "-o", first, "--progress", "0")).Exit);
        Assert.Equal(LoadCli.Ok, (await CliAsync("run", "-s", "selftest", "-r", "30", "-d", "1s", "-o", second, "--progress", "0", "--user-id-offset", "1000")).Exit);

        var (exit, output, error) = await CliAsync("merge", first, Path.Combine(second, ReportFolder.JsonFile), "--report-folder", merged);

        Assert.True(exit == LoadCli.Ok, $"exit {exit}: {error}\n{output}");
        var a = JsonReport.Read(Path.Combine(first, ReportFolder.JsonFile));
        var b = JsonReport.Read(Path.Combine(second, ReportFolder.JsonFile));
        var m = JsonReport.Read(Path.Combine(merged, ReportFolder.JsonFile));
        Assert.Equal(50, m.Scenarios[0].Iterations.Requests);
        Assert.Equal([a.Run.RunId, b.Run.RunId], m.Run.Sources);
        var udp = m.Scenarios[0].Steps.Single(s => s.Name == SelftestScenario.UdpStep);
        var combined = ReportBuilder.Histogram(a.Scenarios[0].Steps.Single(s => s.Name == SelftestScenario.UdpStep).OkHistogram);
        combined.Add(ReportBuilder.Histogram(b.Scenarios[0].Steps.Single(s => s.Name == SelftestScenario.UdpStep).OkHistogram));
        Assert.Equal(Rates.TicksToMilliseconds(combined.Percentile(99)), udp.Latency.P99Ms);
        Assert.Equal(2, m.Processes.Count); // each run's own sample of itself
        AssertNumbersAddUp(m);
        AssertReportFiles(merged, m);
    }

    [Fact]
    public async Task Merge_refuses_a_file_that_is_not_a_load_report()
    {
        Directory.CreateDirectory(_folder);
        var bogus = Path.Combine(_folder, "bogus.json");
        await File.WriteAllTextAsync(bogus, JsonSerializer.Serialize(new { format = "something-else" }));

        var (exit, _, error) = await CliAsync("merge", bogus, "--report-folder", Path.Combine(_folder, "out"));

        Assert.Equal(LoadCli.ReportError, exit);
        Assert.Contains("is not a 'wiimmfi-load-report/1' load report", error);
    }

    [Fact]
    public async Task The_scenarios_command_lists_what_can_be_run()
    {
        var (exit, output, _) = await CliAsync("scenarios");

        Assert.Equal(LoadCli.Ok, exit);
        Assert.Contains(SelftestScenario.ScenarioName, output);
        Assert.Contains(HealthScenario.ScenarioName, output);
    }

    [Theory]
    [InlineData("--scenario", "no-such-scenario")]
    [InlineData("--scenario", "selftest", "--rate", "5", "--copies", "5")]
    [InlineData("--scenario", "selftest", "--load", "inject 5/s 10s", "--rate", "5")]
    [InlineData("--scenario", "selftest", "--load", "inject 5/10s 1s")]
    [InlineData("--scenario", "selftest", "--duration", "ten seconds")]
    [InlineData("--scenario", "selftest", "--copies", "20000")]
    public async Task A_run_that_cannot_be_done_is_refused_with_a_usage_error(params string[] options)
    {
        var (exit, _, error) = await CliAsync(["run", .. options, "--report-folder", _folder]);

        Assert.Equal(LoadCli.UsageError, exit);
        Assert.StartsWith("wiimmfi-load: ", error);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public async Task Health_scenario_against_a_node_started_by_the_test_gets_every_answer_ok()
    {
        await using var node = await TestNode.StartAsync();
        var management = node.Endpoint("management");

        var (exit, output, error) = await CliAsync("run", "--scenario", "health", "--target", management.Address.ToString(),
            "--ports", $"management={management.Port}", "--rate", "20", "--duration", "1s", "--sample-pid", Environment.ProcessId.ToString(),
            "--report-folder", _folder, "--progress", "0", "--fail-on-errors");

        Assert.True(exit == LoadCli.Ok, $"exit {exit}: {error}\n{output}");
        var report = JsonReport.Read(Path.Combine(_folder, ReportFolder.JsonFile));
        var scenario = Assert.Single(report.Scenarios);
        var alive = Assert.Single(scenario.Steps);
        Assert.Equal((20L, 20L, 0L), (alive.Requests, alive.Ok, alive.Failed));
        Assert.True(alive.BytesIn > 0);
        Assert.Contains(report.Processes, p => p.Label == "target" && p.Pid == Environment.ProcessId);
        AssertNumbersAddUp(report);
        AssertReportFiles(_folder, report);
    }
}
