using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.ConsoleEmulator.Qr2;
using Wiimmfi.ConsoleEmulator.ServerBrowser;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Protocols.ServerBrowser;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>Starting a node for matchmaking tests, and the console-side steps they repeat.</summary>
internal static class MatchmakingNode
{
    /// <summary>The MKW fields a DWC search asks for.</summary>
    public static readonly string[] SearchFields =
        ["dwc_pid", "dwc_mtype", "dwc_hoststate", "dwc_suspend", "rk", "ev", "numplayers", "maxplayers"];

    /// <summary>A node with the test game list (MKW, MKDS, a disabled game) and optional setting changes.</summary>
    public static async Task<TestNode> StartAsync(Func<WiimmfiOptions, WiimmfiOptions>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-mm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var gameList = Path.Combine(folder, "games.tsv");
        await File.WriteAllTextAsync(gameList, MkwHosts.GameListFile);
        return await TestNode.StartAsync(o =>
        {
            o = o with { GameListFile = gameList };
            return configure is null ? o : configure(o);
        }, folder: folder);
    }

    public static MatchmakingMetrics Metrics(this TestNode node) => node.Node.Context.Services.Get<MasterTables>().Metrics;

    /// <summary>A console that has registered with MASTER (challenge answered) and sent one periodic heartbeat
    /// with the public address it learned, as a DWC console does.</summary>
    public static async Task<Qr2Console> RegisteredHostAsync(this TestNode node, List<KeyValuePair<string, string>> keys,
        string game = MkwHosts.Game, string secretKey = MkwHosts.SecretKey)
    {
        var console = new Qr2Console(node.Endpoint("master"), game, secretKey);
        await console.RegisterAsync(keys);
        await console.SendHeartbeatAsync(keys);
        return console;
    }

    public static Task<ServerBrowserClient> BrowseAsync(this TestNode node) => ServerBrowserClient.ConnectAsync(node.Endpoint("ms"));

    /// <summary>A list request as Mario Kart Wii sends it (query-for and query-from both MKW).</summary>
    public static Task<SbServerListReply> ListAsync(this ServerBrowserClient client, string filter, int? maxResults = 6,
        IEnumerable<string>? fields = null) =>
        client.ListAsync(MkwHosts.Game, MkwHosts.Game, MkwHosts.SecretKey, filter, fields ?? SearchFields, maxResults);

    /// <summary>The ports of the listed servers, sorted (every test console is on 127.0.0.1).</summary>
    public static List<int> Ports(this SbServerListReply reply) => [.. reply.Servers.Select(s => (int)s.Entry.PublicPort).Order()];

    public static List<int> Ports(params Qr2Console[] consoles) => [.. consoles.Select(c => c.LocalEndPoint.Port).Order()];

    /// <summary>Waits until <paramref name="counter"/> reaches <paramref name="atLeast"/>.</summary>
    public static Task CountedAsync(this TestNode node, MatchmakingCounter counter, long atLeast = 1) =>
        Awaiting.ConditionAsync(() => node.Metrics()[counter] >= atLeast,
            message: $"{MatchmakingMetrics.LabelOf(counter)} did not reach {atLeast} (it is {node.Metrics()[counter]})");
}
