using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.ConsoleEmulator.Qr2;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Tests.Matchmaking;
using Wiimmfi.Tests.Restart;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// The real executable with consoles connected: a smart restart keeps every connection, loses no heartbeat and hands
/// every session, table and negotiation to the successor; a kill -9 under the watchdog brings the node back with its
/// matchmaking table and the sessions' stored state.
/// </summary>
public sealed partial class DurabilityProcessTests
{
    private const string Game = "mariokartwii";
    private const string SecretKey = "9r3Rmy";
    // Snapshots would delete the events the heartbeat count is read from.
    private static readonly string[] NoSnapshots = ["wiimmfi.persistence.snapshot-every=1000000"];

    [GeneratedRegex("\"key\":\"hbseq\",\"value\":\"(\\d+)\"")]
    private static partial Regex HeartbeatNumber();

    private static List<KeyValuePair<string, string>> NumberedKeys(uint pid, int number) =>
        [.. MkwHosts.Keys(pid), new("hbseq", number.ToString(CultureInfo.InvariantCulture))];

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, Uri uri)
    {
        var text = await client.GetStringAsync(uri);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<Dictionary<uint, string>> OnlineStatusesAsync(NodeProcess node)
    {
        var json = await GetJsonAsync(node.Admin, node.ManagementUri("admin/sessions"));
        return json.GetProperty("sessions").EnumerateArray().ToDictionary(
            s => s.GetProperty("profileId").GetUInt32(), s => s.GetProperty("status").GetProperty("statString").GetString()!);
    }

    [Fact]
    public async Task A_smart_restart_with_consoles_connected_loses_no_connection_heartbeat_session_or_negotiation()
    {
        await using var node = await NodeProcess.StartAsync("run", NoSnapshots);
        var oldPid = node.Pid;

        // Two friends on GPCM, each with a status.
        using var nas = new NasClient(node.Endpoint("nas"));
        await using var alice = await SignedInConsole.SignInAsync(nas, node.Endpoint("gpcm"), EmulatedConsole.CreateWii(inGameName: "Alice"));
        await using var bob = await SignedInConsole.SignInAsync(nas, node.Endpoint("gpcm"), EmulatedConsole.CreateWii(inGameName: "Bob"));
        await alice.Gpcm.AddBuddyAsync(bob.ProfileId);
        await bob.Gpcm.AddBuddyAsync(alice.ProfileId);
        await alice.Gpcm.SetStatusAsync(DwcStatus.Playing, "alice-before");
        await bob.Gpcm.SetStatusAsync(DwcStatus.Online, "bob-before");
        await bob.Gpcm.WaitForStatusAsync(alice.ProfileId, p => p.StatString == "alice-before");
        await alice.Gpcm.WaitForStatusAsync(bob.ProfileId, p => p.StatString == "bob-before");

        // A host heartbeating the whole time, every heartbeat numbered (so each one changes the record: one event each).
        await using var host = new Qr2Console(node.Endpoint("master"), Game, SecretKey);
        await host.RegisterAsync(NumberedKeys(4242, 0));
        var sent = 0;
        using var stopHeartbeats = new CancellationTokenSource();
        var heartbeats = Task.Run(async () =>
        {
            while (!stopHeartbeats.IsCancellationRequested)
            {
                await host.SendHeartbeatAsync(NumberedKeys(4242, sent + 1));
                sent++;
                await Task.Delay(10);
            }
        });

        // Half a negotiation: console A's INITs are acknowledged by the old process.
        var natneg = NatNegServerAddresses.Single(node.Endpoint("natneg"));
        var cookie = (uint)Random.Shared.NextInt64(1_000, uint.MaxValue);
        using var consoleA = new NatNegConsole(natneg, new NatNegConsoleOptions { Cookie = cookie, ClientIndex = 0, LocalAddress = IPAddress.Parse("127.0.0.30") });
        var negotiationA = consoleA.NegotiateAsync();
        await Awaiting.ConditionAsync(() => consoleA.Received.Count(d => d.Packet is NatNegInitPacket { Type: NatNegPacketType.InitAck }) >= 2,
            message: "console A's INITs should be acknowledged before the restart");

        var response = await node.Admin.PostAsync(node.ManagementUri("admin/restart"), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body + "\n" + node.Log);
        using (var result = JsonDocument.Parse(body))
        {
            Assert.True(result.RootElement.GetProperty("succeeded").GetBoolean(), body);
            Assert.Equal(2, result.RootElement.GetProperty("connections").GetInt32());
        }
        await node.WaitUntilServingAsync(previousPid: oldPid);
        await Awaiting.ConditionAsync(() => !Watchdog.ProcessIsRunning(oldPid), TimeSpan.FromSeconds(30), "the old process did not leave");
        var sentAtSwitch = Volatile.Read(ref sent);

        // The successor knows both sessions with the status they had, before either console said anything.
        await Awaiting.ConditionAsync(() =>
        {
            var statuses = OnlineStatusesAsync(node).GetAwaiter().GetResult();
            return statuses.GetValueOrDefault(alice.ProfileId) == "alice-before" && statuses.GetValueOrDefault(bob.ProfileId) == "bob-before";
        }, TimeSpan.FromSeconds(30), "the successor should list both consoles with their status from before the restart");

        // The next GPCM request on the same connection is answered by the successor.
        await alice.Gpcm.SetStatusAsync(DwcStatus.Playing, "alice-after");
        await bob.Gpcm.WaitForStatusAsync(alice.ProfileId, p => p.StatString == "alice-after");
        var (profile, error) = await bob.Gpcm.GetProfileAsync(alice.ProfileId);
        Assert.Null(error);
        Assert.Equal(alice.ProfileId, profile!.ProfileId);
        var process = await GetJsonAsync(new HttpClient(), node.ManagementUri("node/process"));
        Assert.Equal(node.Pid, process.GetProperty("pid").GetInt32());
        Assert.NotEqual(oldPid, node.Pid);

        // The other half of the negotiation reaches the successor: both consoles get CONNECT with each other's address.
        using var consoleB = new NatNegConsole(natneg, new NatNegConsoleOptions { Cookie = cookie, ClientIndex = 1, LocalAddress = IPAddress.Parse("127.0.0.31") });
        var results = await Task.WhenAll(negotiationA, consoleB.NegotiateAsync()).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(results, r => Assert.Equal(NatNegConsoleOutcome.Success, r.Outcome));
        Assert.Equal(NatNegAddress.FromEndPoint(consoleB.GameEndPoint), results[0].ToldPeerAddress);
        Assert.Equal(NatNegAddress.FromEndPoint(consoleA.GameEndPoint), results[1].ToldPeerAddress);

        // Every heartbeat, before, during and after the switch, reached a table: each left its event in the journal.
        await Awaiting.ConditionAsync(() => Volatile.Read(ref sent) >= sentAtSwitch + 20, message: "heartbeats should go on after the switch");
        await stopHeartbeats.CancelAsync();
        await heartbeats;
        var total = Volatile.Read(ref sent);
        await Awaiting.ConditionAsync(() => HeartbeatsInJournal(node.Folder).Count == total + 1, TimeSpan.FromSeconds(30),
            $"the journal should hold heartbeats 0..{total}");
        Assert.Equal(Enumerable.Range(0, total + 1), HeartbeatsInJournal(node.Folder).Order());
        var table = await GetJsonAsync(new HttpClient(), node.ManagementUri("matchmaking/" + Game));
        var listed = Assert.Single(table.GetProperty("hosts").EnumerateArray());
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), listed.GetProperty("keys").GetProperty("hbseq").GetString());
    }

    /// <summary>The heartbeat numbers the table's journal holds (registration and every change).</summary>
    private static List<int> HeartbeatsInJournal(string folder)
    {
        var id = "matchmaking-" + Game;
        return [.. NodeJournal.Payloads(folder, id, "matchmaking.host-registered")
            .Concat(NodeJournal.Payloads(folder, id, "matchmaking.host-updated"))
            .Select(p => HeartbeatNumber().Match(p))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task A_node_killed_under_the_watchdog_comes_back_with_its_matchmaking_table_and_the_sessions_stored_state()
    {
        await using var node = await NodeProcess.StartAsync("watchdog");
        var killed = node.Pid;
        using var nas = new NasClient(node.Endpoint("nas"));
        var alice = await SignedInConsole.SignInAsync(nas, node.Endpoint("gpcm"), EmulatedConsole.CreateWii(inGameName: "Alice"));
        var bob = await SignedInConsole.SignInAsync(nas, node.Endpoint("gpcm"), EmulatedConsole.CreateWii(inGameName: "Bob"));
        await alice.Gpcm.AddBuddyAsync(bob.ProfileId);
        await bob.Gpcm.AddBuddyAsync(alice.ProfileId);
        await alice.Gpcm.SetStatusAsync(DwcStatus.Playing, "alice-racing");
        await bob.Gpcm.SetStatusAsync(DwcStatus.Online, "bob-waiting");
        await bob.Gpcm.WaitForStatusAsync(alice.ProfileId, p => p.StatString == "alice-racing");
        await alice.Gpcm.WaitForStatusAsync(bob.ProfileId, p => p.StatString == "bob-waiting");
        await using var host1 = new Qr2Console(node.Endpoint("master"), Game, SecretKey);
        await host1.RegisterAsync(MkwHosts.Keys(5001, ev: 6100));
        await using var host2 = new Qr2Console(node.Endpoint("master"), Game, SecretKey);
        await host2.RegisterAsync(MkwHosts.Keys(5002, ev: 4200));

        // What the kill may take with it is what has not committed yet (write-behind): wait until it has.
        await Awaiting.ConditionAsync(() =>
            NodeJournal.Payloads(node.Folder, "matchmaking-" + Game, "matchmaking.host-authenticated").Count == 2 &&
            NodeJournal.Payloads(node.Folder, $"session-{alice.ProfileId}", "session.event.presence-changed").Any(p => p.Contains("alice-racing", StringComparison.Ordinal)) &&
            NodeJournal.Payloads(node.Folder, $"session-{bob.ProfileId}", "session.event.presence-changed").Any(p => p.Contains("bob-waiting", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the hosts and statuses should be in the journal before the kill");

        Process.GetProcessById(killed).Kill();
        await node.WaitUntilServingAsync(previousPid: killed);
        Assert.NotEqual(killed, node.Pid);
        await alice.DisposeAsync(); // their connections died with the node
        await bob.DisposeAsync();

        // The table is back with both hosts and their keys (listed until they expire, since they no longer report).
        var table = await GetJsonAsync(new HttpClient(), node.ManagementUri("matchmaking/" + Game));
        Assert.Equal(2, table.GetProperty("listed").GetInt32());
        Assert.Equal(["4200", "6100"], table.GetProperty("hosts").EnumerateArray()
            .Select(h => h.GetProperty("keys").GetProperty("ev").GetString()!).Order());

        // Each session's stored state: dormant (its connection died), last status and friends kept; nobody is online.
        foreach (var (console, status, friend) in new[] { (alice, "alice-racing", bob.ProfileId), (bob, "bob-waiting", alice.ProfileId) })
        {
            var record = await GetJsonAsync(node.Admin, node.ManagementUri($"admin/sessions/{console.ProfileId}"));
            Assert.False(record.GetProperty("online").GetBoolean());
            Assert.True(record.GetProperty("dormant").GetBoolean());
            Assert.Equal(status, record.GetProperty("statString").GetString());
            Assert.Equal([friend], record.GetProperty("mutualFriends").EnumerateArray().Select(f => f.GetUInt32()));
        }
        Assert.Empty(await OnlineStatusesAsync(node));

        // A console that comes back logs in as usual.
        using var nasAgain = new NasClient(node.Endpoint("nas")); // the new process chose new ports (they are 0 in the settings)
        await using var again = await SignedInConsole.SignInAsync(nasAgain, node.Endpoint("gpcm"), alice.Console);
        Assert.Equal(alice.ProfileId, again.ProfileId);
    }
}
