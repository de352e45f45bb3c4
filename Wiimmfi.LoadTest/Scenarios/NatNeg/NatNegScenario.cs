using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.NatNeg;

/// <summary>
/// <c>natneg</c>: one whole NAT negotiation per iteration between two emulated consoles (<see cref="NatNegPairDriver"/>,
/// which follows the GameSpy SDK's natneg.c like the console emulator does): each console sends its four INITs
/// (game port to natneg1, NN1/NN2/NN3 to natneg1/2/3) until acknowledged, gets the server's CONNECT naming its
/// partner (about 20 ms late: the server's reply delay), acknowledges it, pings the partner until both know they
/// reached each other, then REPORTs until the server's REPORT_ACK — six or more datagrams to the server and as many
/// back per console. The step is OK when both consoles' reports were acknowledged; every negotiation has a fresh
/// cookie.
/// </summary>
/// <remarks>
/// <para>The driver's consoles (<c>WIIMMFI_LOAD_NATNEG_CONSOLES</c>, 32 by default, two sockets each) are spread over
/// <c>--source-addresses</c>; the two consoles of a negotiation sit on different addresses whenever two or more are
/// given, so the server sees two public IPs as with real consoles. With one address both share it and the server
/// pairs them as consoles behind one NAT (each told the other's private address).</para>
/// <para>Ports: <c>natneg</c> (27901), and <c>natneg2</c>/<c>natneg3</c> when the node has secondary sockets (else
/// natneg1 serves all three names, as on a single-socket node).</para>
/// </remarks>
public sealed class NatNegScenario(int? consoles = null) : ILoadScenario
{
    public const string ScenarioName = "natneg";
    public const string StepName = "negotiate";
    public const int DefaultPort = 27901;
    public const string ConsolesVariable = "WIIMMFI_LOAD_NATNEG_CONSOLES";
    public static readonly IReadOnlyList<string> PortNames = ["natneg", "natneg2", "natneg3"];

    public string Name => ScenarioName;

    public string Description =>
        $"Two consoles negotiate one cookie per iteration (INITs x4 each, CONNECT, CONNECT_ACK, pings, REPORT); {ConsolesVariable} consoles (32) carry all negotiations.";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int> { [PortNames[0]] = DefaultPort };

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var natneg1 = target.Endpoint(PortNames[0], DefaultPort);
        var servers = new NatNegServerAddresses(natneg1,
            target.Ports.ContainsKey(PortNames[1]) ? target.Endpoint(PortNames[1]) : natneg1,
            target.Ports.ContainsKey(PortNames[2]) ? target.Endpoint(PortNames[2]) : natneg1);
        var driver = new NatNegPairDriver(servers, target.SourceAddresses, consoles ?? ConsolesFrom(Environment.GetEnvironmentVariable));
        return ValueTask.FromResult(new PreparedScenario(Create(driver), driver));
    }

    public static Scenario Create(NatNegPairDriver driver) =>
        Scenario.Create(ScenarioName, Step.Create(StepName, async ctx =>
        {
            var result = await driver.NegotiateAsync(ctx.CancellationToken).ConfigureAwait(false);
            return result.Succeeded
                ? Response.Ok(result.BytesOut, result.BytesIn)
                : Response.Fail(result.FailureKind!, result.Detail, result.BytesOut, result.BytesIn);
        }));

    /// <summary>Consoles from <c>WIIMMFI_LOAD_NATNEG_CONSOLES</c> as <paramref name="variables"/> knows it (32 when not set);
    /// a value out of range throws <see cref="InvalidOperationException"/> naming the variable.</summary>
    public static int ConsolesFrom(Func<string, string?> variables) =>
        Matchmaking.MatchmakingLoadSettings.Read(variables, ConsolesVariable, NatNegPairDriver.DefaultConsoles, 2, NatNegPairDriver.MaxConsoles);
}
