using System.Net;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Sake;

/// <summary>
/// <c>sake-search</c>: consoles that signed in (NAS, GPCM) make Mario Kart Wii's SAKE searches over and over — a
/// rival ghost, a top ghost, their friends' FriendInfo records — against a node seeded with
/// <see cref="SakeSeedLayout.Standard"/> (100,000 ghosts, 100,000 FriendInfo records; see
/// <c>Wiimmfi.Benchmarks/Sake</c> for the seeder). Every answer is checked against the seed, so a fast wrong answer
/// counts as a failure. Sign-in happens in the user's init and is not part of the search figures.
/// </summary>
public sealed class SakeSearchScenario : ILoadScenario
{
    public const string ScenarioName = "sake-search";
    public const string RivalStep = "ghost-rival";
    public const string TopStep = "ghost-top";
    public const string FriendsStep = "friend-infos";

    public string Name => ScenarioName;

    public string Description =>
        "MKW SAKE searches (rival ghost, top ghost, friends' FriendInfo) against a node seeded with the standard layout " +
        "(Wiimmfi.Benchmarks -- sake seed); each user signs in (NAS, GPCM) first.";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = SakeUsers.DefaultPorts;

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new PreparedScenario(Create(target.Endpoint(SakeUsers.HttpPort, SakeUsers.DefaultHttpPort),
            target.Endpoint(SakeUsers.GpcmPort, SakeUsers.DefaultGpcmPort), SakeSeedLayout.Standard)));

    /// <summary>The scenario against a node's public HTTP listener and GPCM port, whose database holds <paramref name="layout"/>.</summary>
    public static Scenario Create(IPEndPoint http, IPEndPoint gpcm, SakeSeedLayout layout)
    {
        LoopbackAddresses.Require(http);
        LoopbackAddresses.Require(gpcm);
        layout.Validate();
        var searches = new SakeSearches(layout);
        return Scenario.Create(ScenarioName,
                Step.Create(RivalStep, ctx => searches.RivalGhostAsync(ctx, ctx.GetState<SakeConsole>())),
                Step.Create(TopStep, async ctx => (await searches.TopGhostAsync(ctx, ctx.GetState<SakeConsole>()).ConfigureAwait(false)).Outcome),
                Step.Create(FriendsStep, ctx => searches.FriendsInfoAsync(ctx, ctx.GetState<SakeConsole>())))
            .WithInit(ctx => SakeUsers.SignInAsync(ctx, http, gpcm))
            .WithClean(SakeUsers.SignOutAsync);
    }
}
