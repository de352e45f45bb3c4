using Wiimmfi.LoadTest.Cli;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.LoadTest;

/// <summary>
/// <c>wiimmfi-load switch-time</c> against the real executable: consoles stay connected through two smart restarts,
/// every one of them is answered by the last successor, and the table names each switch's processes.
/// </summary>
public sealed class SwitchTimeEndToEndTests
{
    [Fact]
    public async Task Switch_time_keeps_every_console_through_two_restarts_and_reports_each_switch()
    {
        await using var node = await NodeProcess.StartAsync();
        var firstPid = node.Pid;
        var output = new StringWriter();
        var error = new StringWriter();
        var ports = $"nas={node.Endpoint("nas").Port},gpcm={node.Endpoint("gpcm").Port},management={node.Endpoint("management").Port}";

        var exit = await LoadCli.RunAsync(
            ["switch-time", "--ports", ports, "--admin", $"{TestNode.AdminUser}:{TestNode.AdminPassword}",
             "--consoles", "20", "--probes", "2", "--rounds", "2", "--settle", "300ms", "--max-duration", "3m"],
            output, error);

        var text = output.ToString();
        Assert.True(exit == LoadCli.Ok, $"exit {exit}\n{text}\n{error}\n{node.Log}");
        await node.WaitUntilServingAsync(previousPid: firstPid);
        var rows = text.Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal) || l.StartsWith("| 2 |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains($"| {firstPid} → ", rows[0], StringComparison.Ordinal);
        // The second switch ends in the process that serves now; 20 idle consoles answered after each switch.
        Assert.Contains($" → {node.Pid} |", rows[1], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.EndsWith("| 0 | 0 | 20 |", r.TrimEnd(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Switch_time_refuses_a_non_loopback_target_before_connecting()
    {
        var error = new StringWriter();
        var exit = await LoadCli.RunAsync(
            ["switch-time", "--target", "192.0.2.1", "--ports", "nas=1,gpcm=2,management=3", "--admin", "a:b"], new StringWriter(), error);
        Assert.Equal(LoadCli.UsageError, exit);
        Assert.Contains("loopback", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
