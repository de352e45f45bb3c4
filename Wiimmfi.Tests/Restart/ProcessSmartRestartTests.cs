using System.Net;
using System.Text.Json;
using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Restart;

/// <summary>
/// Smart restart of the real executable: `POST /admin/restart` starts a second `wiimmfi` process that takes every
/// socket and connection over, and the first one leaves. Consoles logged in over GPCM stay connected and are
/// answered by the successor.
/// </summary>
public sealed class ProcessSmartRestartTests
{
    [Fact]
    public async Task Logged_in_consoles_keep_their_connections_and_the_successor_answers_them()
    {
        await using var node = await NodeProcess.StartAsync();
        var oldPid = node.Pid;
        using var nas = new NasClient(node.Endpoint("nas"));
        await using var alice = await SignedInConsole.SignInAsync(nas, node.Endpoint("gpcm"), EmulatedConsole.CreateWii(inGameName: "Alice"));
        await using var bob = await SignedInConsole.SignInAsync(nas, node.Endpoint("gpcm"), EmulatedConsole.CreateWii(inGameName: "Bob"));
        await alice.Gpcm.AddBuddyAsync(bob.ProfileId);
        await bob.Gpcm.AddBuddyAsync(alice.ProfileId);
        await alice.Gpcm.SetStatusAsync(DwcStatus.Online, "before");
        await bob.Gpcm.WaitForStatusAsync(alice.ProfileId, p => p.StatString == "before");

        var response = await node.Admin.PostAsync(node.ManagementUri("admin/restart"), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body + "\n" + node.Log);
        using (var result = JsonDocument.Parse(body))
        {
            Assert.True(result.RootElement.GetProperty("succeeded").GetBoolean());
            Assert.Equal(2, result.RootElement.GetProperty("connections").GetInt32());
        }
        await node.WaitUntilServingAsync(previousPid: oldPid);
        Assert.NotEqual(oldPid, node.Pid);
        await Awaiting.ConditionAsync(() => !Watchdog.ProcessIsRunning(oldPid), TimeSpan.FromSeconds(30), "the old process did not leave");

        // The same two GPCM connections, now served by the successor.
        await alice.Gpcm.SetStatusAsync(DwcStatus.Playing, "after");
        var seen = await bob.Gpcm.WaitForStatusAsync(alice.ProfileId, p => p.StatString == "after");
        Assert.Equal(DwcStatus.Playing, seen.Status);
        var (profile, error) = await bob.Gpcm.GetProfileAsync(alice.ProfileId);
        Assert.Null(error);
        Assert.Equal(alice.ProfileId, profile!.ProfileId);
        using var pidCheck = JsonDocument.Parse(await new HttpClient().GetStringAsync(node.ManagementUri("node/process")));
        Assert.Equal(node.Pid, pidCheck.RootElement.GetProperty("pid").GetInt32());
    }
}

/// <summary>Whether a process still runs (not a zombie).</summary>
internal static class Watchdog
{
    public static bool ProcessIsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.Length > 0 && state[0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
