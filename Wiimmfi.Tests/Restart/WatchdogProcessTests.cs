using System.Diagnostics;
using System.Text.Json;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Restart;

/// <summary>
/// <c>wiimmfi watchdog</c> with the real executable: a node killed with SIGKILL is back (a new process serving the
/// same ports and data) without anyone's help, and the watchdog keeps following the node across a smart restart.
/// </summary>
public sealed class WatchdogProcessTests
{
    [Fact]
    public async Task A_killed_node_is_started_again_on_the_same_ports_and_data()
    {
        await using var node = await NodeProcess.StartAsync("watchdog");
        var first = node.Pid;
        var endpoints = node.Status!.Value.Endpoints;
        Process.GetProcessById(first).Kill();
        await node.WaitUntilServingAsync(previousPid: first);
        Assert.NotEqual(first, node.Pid);
        Assert.False(node.Launcher.HasExited, "the watchdog itself must keep running");
        Assert.Contains($"node {first} died", node.Log);
        // The data folder is the same, so is the store; ports were 0 in the settings, so new ones are chosen.
        Assert.Equal(endpoints.Keys.Order(), node.Status!.Value.Endpoints.Keys.Order());
    }

    [Fact]
    public async Task The_watchdog_follows_the_node_through_a_smart_restart()
    {
        await using var node = await NodeProcess.StartAsync("watchdog");
        var first = node.Pid;
        var response = await node.Admin.PostAsync(node.ManagementUri("admin/restart"), null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync() + node.Log);
        await node.WaitUntilServingAsync(previousPid: first);
        var successor = node.Pid;
        await Awaiting.ConditionAsync(() => node.Log.Contains($"handed over to {successor}"), TimeSpan.FromSeconds(30), "the watchdog did not notice the hand-over");

        // Now the successor crashes: the watchdog, which did not start it, brings a node back.
        Process.GetProcessById(successor).Kill();
        await node.WaitUntilServingAsync(previousPid: successor);
        Assert.NotEqual(successor, node.Pid);
        Assert.Contains($"node {successor} died", node.Log);
        using var process = JsonDocument.Parse(await new HttpClient().GetStringAsync(node.ManagementUri("node/process")));
        Assert.Equal(node.Pid, process.RootElement.GetProperty("pid").GetInt32());
    }
}
