using System.Net;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Scenarios.Common;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Login;

/// <summary>
/// <c>login</c>: consoles entering the Wi-Fi Connection — the NAS login, then the GPCM login with its token (the
/// server's proof checked as a console does). An iteration is exactly one login, so the iteration line of the report
/// is the login latency NAS + GPCM.
/// <list type="bullet">
/// <item>init — take a console from the scenario's pool (<see cref="ConsolePool"/>); a new one makes its account
///   with <c>acctcreate</c> first;</item>
/// <item><c>nas-login</c> — <c>POST /ac action=login</c> → token and challenge (a closed-model user first logs out
///   the connection of its previous iteration);</item>
/// <item><c>gpcm-login</c> — connect to GPCM, <c>\lc\1</c>, <c>\login\</c> → <c>\lc\2</c> with a valid proof;</item>
/// <item>clean — stay online for <c>login.online</c> (default 0 s), then <c>\logout\</c> and close; the console
///   goes back to the pool.</item>
/// </list>
/// Open model (<c>--rate 1000 --set login.online=1s</c>): logins at a fixed rate by returning consoles, about
/// rate × online consoles online at once. Closed model (<c>--copies 64</c>): each user is one console logging in
/// back to back, which finds the most logins per second.
/// </summary>
public sealed class LoginScenario : ILoadScenario
{
    public const string ScenarioName = "login";
    public const string NasStep = "nas-login";
    public const string GpcmStep = "gpcm-login";
    public const string OnlineSetting = "login.online";

    public string Name => ScenarioName;

    public string Description =>
        "Consoles log in: NAS login, then GPCM login with the token (one login per iteration); init makes the account of a new console, " +
        $"clean stays online --set {OnlineSetting}=<duration> (default 0s) and logs out. Open model: returning consoles at a rate; closed: back-to-back logins.";

    public IReadOnlyDictionary<string, int> DefaultPorts => NodePorts.Login;

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken) =>
        PrepareAsync(target, ScenarioSettings.Empty, cancellationToken);

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, ScenarioSettings settings, CancellationToken cancellationToken)
    {
        var online = settings.Duration(OnlineSetting, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1));
        var nas = new NasLoginClient(target.Endpoint(NodePorts.Nas, NodePorts.DefaultNas), target.SourceAddresses);
        var scenario = Create(nas, target.Endpoint(NodePorts.Gpcm, NodePorts.DefaultGpcm), new ConsolePool(), online);
        return ValueTask.FromResult(new PreparedScenario(scenario, new Disposer(nas)));
    }

    public static Scenario Create(NasLoginClient nas, IPEndPoint gpcm, ConsolePool pool, TimeSpan online)
    {
        LoopbackAddresses.Require(gpcm);
        return Scenario.Create(ScenarioName,
                Step.Create(NasStep, async ctx =>
                {
                    var console = ctx.GetState<LoadConsole>();
                    // A closed-model user's previous login is still online: it leaves before logging in again.
                    await console.LogoutAsync(ctx.CancellationToken).ConfigureAwait(false);
                    return await ConsoleSteps.NasLoginAsync(nas, console, ctx.CancellationToken).ConfigureAwait(false);
                }),
                Step.Create(GpcmStep, ctx => ConsoleSteps.GpcmLoginAsync(gpcm, ctx.SourceAddress, ctx.GetState<LoadConsole>(), ctx.CancellationToken)))
            .WithInit(async ctx =>
            {
                var (response, console) = await ConsoleSteps.EnsureAccountAsync(nas, pool.Take(), ctx.CancellationToken).ConfigureAwait(false);
                ctx.State = new LoadConsole(console, pool);
                return response;
            })
            .WithClean(async ctx =>
            {
                if (ctx.State is not LoadConsole console || console.Gpcm is null) return Response.Ok();
                if (online > TimeSpan.Zero && !console.Gpcm.IsClosed)
                    await Task.Delay(online, ctx.CancellationToken).ConfigureAwait(false);
                var closedByServer = console.Gpcm.IsClosed;
                await console.LogoutAsync(ctx.CancellationToken).ConfigureAwait(false);
                return closedByServer
                    ? Response.Fail("closed-by-server", "the server closed the connection while the console was online")
                    : Response.Ok();
            });
    }

    private sealed class Disposer(IDisposable disposable) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
