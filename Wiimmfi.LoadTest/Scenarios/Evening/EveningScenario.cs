using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Evening;

/// <summary>
/// "An evening of Mario Kart": every protocol at once, in the proportions of an evening's crowd. The shares are of the
/// run's load (users in the closed model, arrivals in the open one) and model what the consoles online at one moment
/// are doing: most sit in menus or rooms keeping their presence up and hearing friends; a quarter are in rooms or
/// searching, so their hosts heartbeat to the master server; some search the server browser, some are joining a room
/// (NATNEG with each other player), some race time trials (SAKE ghosts and FriendInfo); a few are just connecting.
/// Each part is paced (a user starts an iteration every one to five seconds at most), so the mix is a crowd of consoles
/// acting now and then, not six floods.
/// The SAKE part needs a seeded node (<c>Wiimmfi.Benchmarks -- sake seed</c>), the matchmaking parts register their
/// QR2 fleet first (<c>WIIMMFI_LOAD_HOSTS</c>, <c>WIIMMFI_LOAD_HEARTBEAT_BATCH</c>).
/// </summary>
public sealed class EveningScenario : IMixScenario
{
    public const string ScenarioName = "evening";

    public string Name => ScenarioName;

    public string Description =>
        "An evening of Mario Kart: " + string.Join(", ", Parts.Select(p => $"{p.Scenario} {p.Share:P0}")) +
        " of the load, each part reported on its own (see docs/performance.md).";

    public IReadOnlyList<MixPart> Parts { get; } =
    [
        new("presence", 0.40, "online in menus and rooms: keep-alives, a status change per race, friends' messages", TimeSpan.FromSeconds(5)),
        new("qr2-heartbeats", 0.25, "in a room or searching: the room's host heartbeats the master server", TimeSpan.FromSeconds(1)),
        new("ms-search", 0.10, "looking for a room: server browser searches with the MKW filter", TimeSpan.FromSeconds(2)),
        new("natneg", 0.10, "joining a room: a negotiation with each other player", TimeSpan.FromSeconds(1)),
        new("sake-mix", 0.10, "time trials: FriendInfo, ghost searches, downloads and uploads", TimeSpan.FromSeconds(5)),
        new("login", 0.05, "arriving: NAS login then GPCM login", TimeSpan.FromSeconds(2)),
    ];

    public IReadOnlyDictionary<string, int> DefaultPorts =>
        Parts.Select(p => LoadScenarios.Find(p.Scenario))
            .OfType<ILoadScenario>()
            .SelectMany(s => s.DefaultPorts)
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>A mix has no steps of its own: the command line runs its parts (see <see cref="IMixScenario"/>).</summary>
    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"'{Name}' is a mix: run it through the command line, which runs each part with its share");
}
