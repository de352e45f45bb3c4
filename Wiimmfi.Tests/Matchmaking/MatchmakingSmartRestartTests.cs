using System.Text.Json;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.ConsoleEmulator.ServerBrowser;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Host.Node;
using Wiimmfi.Host.Restart;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>
/// MASTER and MS across a smart restart (two nodes in this process): the QR2 socket and open MS connections move
/// to the successor; its tables come back from the journal (the predecessor's was fenced after it flushed), so hosts
/// stay listed without a new challenge.
/// </summary>
public sealed class MatchmakingSmartRestartTests
{
    [Fact]
    public async Task Hosts_stay_listed_by_the_successor_without_a_new_challenge_and_an_open_MS_connection_keeps_relaying()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-mm-restart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var gameList = Path.Combine(folder, "games.tsv");
        await File.WriteAllTextAsync(gameList, MkwHosts.GameListFile);
        Func<WiimmfiOptions, WiimmfiOptions> Named(string name) => o => o with { Node = new NodeOptions { Name = name }, GameListFile = gameList };
        var modules = () => (IReadOnlyList<NodeModule>)[new SecretsModule(), new GameListModule(), new PersistenceModule(), new MasterModule(), new ServerBrowserModule()];
        var old = await TestNode.StartAsync(Named("node-a"), modules(), folder: folder, keepFolder: true);
        TestNode? successor = null;
        var exited = new TaskCompletionSource<int>();
        old.Node.ExitProcess = code => exited.TrySetResult(code);
        old.Node.SuccessorFactory = path =>
        {
            var start = TestNode.StartAsync(Named("node-b"), modules(), folder: folder, takeoverFrom: path);
            start.ContinueWith(t => successor = t.IsCompletedSuccessfully ? t.Result : null);
            return new InProcessSuccessor(start, () => { });
        };
        try
        {
            var keys = MkwHosts.Keys(1001);
            await using var host = await old.RegisteredHostAsync(keys);
            await using var browser = await old.BrowseAsync();
            var target = Assert.Single((await browser.ListAsync("")).Servers).Entry;

            var response = await old.Admin.PostAsync("admin/restart", null);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            using (var result = JsonDocument.Parse(body))
                Assert.True(result.RootElement.GetProperty("succeeded").GetBoolean(), body);
            Assert.Equal(Wiimmfi.Host.Node.WiimmfiNode.HandedOverExitCode, await exited.Task.WaitAsync(TimeSpan.FromSeconds(15)));
            await Awaiting.ConditionAsync(() => successor is not null);
            Assert.Equal(old.Endpoint("master"), successor!.Endpoint("master"));

            // The successor's table recovers from the journal: the host is listed before it reports again ...
            await using (var fresh = await ServerBrowserClient.ConnectAsync(successor.Endpoint("ms")))
                Assert.Single((await fresh.ListAsync("")).Servers);
            await successor.CountedAsync(MatchmakingCounter.Qr2HostsRecovered);
            // ... and its next periodic heartbeat is absorbed as a known host's: no new challenge.
            await host.SendHeartbeatAsync(keys);
            await successor.CountedAsync(MatchmakingCounter.Qr2Heartbeats);
            Assert.Equal(0, successor.Metrics()[MatchmakingCounter.Qr2ChallengesSent]);

            // The MS connection opened before the restart still names its game: SEND_MESSAGE keeps working.
            var cookie = Qr2NatNegCookieMessage.Create(0xABCD0001);
            await browser.SendMessageAsync(target.PublicIp, target.PublicPort, cookie);
            Assert.Equal(cookie, await host.ReceiveClientMessageAsync(TimeSpan.FromSeconds(15)));
        }
        finally
        {
            if (successor is not null) await successor.DisposeAsync();
            await old.DisposeAsync();
        }
    }
}
