using Wiimmfi.ConsoleEmulator.Qr2;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Matchmaking;

/// <summary>
/// <c>qr2-register</c>: consoles coming online, one per arrival, with the console emulator's <see cref="Qr2Console"/>:
/// <c>register</c> is the first heartbeat, MASTER's challenge, the console's answer (computed with the secret key)
/// and CLIENT_REGISTERED — three datagrams through the QR2 front-end and the game's table; <c>shutdown</c> is the
/// heartbeat a console sends when it leaves (the table removes it at once). The latency of <c>register</c> is the
/// round trip of a first heartbeat plus a challenge.
/// </summary>
/// <remarks>The emulator's console binds 127.0.0.1 (it has no source-address option), so this scenario ignores
/// <c>--source-addresses</c>; one address has ~28,000 ephemeral ports, far more than the consoles alive at once.</remarks>
public sealed class Qr2RegisterScenario : ILoadScenario
{
    public const string ScenarioName = "qr2-register";
    public const string RegisterStep = "register";
    public const string ShutdownStep = "shutdown";

    /// <summary>Console <c>n</c> of a run reports <c>dwc_pid</c> = this + its user id.</summary>
    public const uint FirstProfileId = 700_000_000;

    private static readonly TimeSpan RegistrationTimeout = TimeSpan.FromSeconds(10);

    public string Name => ScenarioName;

    public string Description => "A console comes online over QR2 (first heartbeat, challenge answered, CLIENT_REGISTERED), then leaves (shutdown heartbeat).";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } =
        new Dictionary<string, int> { [Qr2HeartbeatScenario.PortName] = Qr2HeartbeatScenario.DefaultMasterPort };

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new PreparedScenario(Create(target.Endpoint(Qr2HeartbeatScenario.PortName, Qr2HeartbeatScenario.DefaultMasterPort))));

    public static Scenario Create(System.Net.IPEndPoint master)
    {
        LoopbackAddresses.Require(master);
        return Scenario.Create(ScenarioName,
                Step.Create(RegisterStep, ctx => RegisterAsync(ctx, master)),
                Step.Create(ShutdownStep, ShutdownAsync))
            .WithClean(CloseAsync);
    }

    private static async ValueTask<Response> RegisterAsync(UserContext ctx, System.Net.IPEndPoint master)
    {
        var keys = MkwHostKeys.Draw(FirstProfileId + (uint)(ctx.UserId % 100_000_000), ctx.Random);
        var console = new Qr2Console(master, MkwHostKeys.GameName, MkwHostKeys.SecretKey);
        ctx.State = console;
        await console.RegisterAsync(keys.GameKeys(keys.Players), RegistrationTimeout).WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        if (console.LastError is { } error) return Response.Fail("adderror", error.Message);
        return console.ChallengesReceived == 0
            ? Response.Fail("no-challenge", "registered without a challenge: the table would list an unproven console")
            : Response.Ok();
    }

    private static async ValueTask<Response> CloseAsync(UserContext ctx)
    {
        if (ctx.State is Qr2Console console) await console.DisposeAsync().ConfigureAwait(false);
        ctx.State = null;
        return Response.Ok();
    }

    private static async ValueTask<Response> ShutdownAsync(UserContext ctx)
    {
        await ctx.GetState<Qr2Console>().ShutdownAsync().WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        return Response.Ok();
    }
}
