using System.Globalization;
using System.Net;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.ConsoleEmulator.Qr2;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Scenarios.Common;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Capacity;

/// <summary>
/// <c>capacity</c>: consoles held online by one node for the capacity run (issue 9 item 4) — each a GPCM connection
/// with its keep-alives and a QR2 host with its heartbeats, as a Mario Kart Wii sitting in a friend room or a
/// public lobby. Closed model: <c>--copies N</c> holds N consoles (ramp them in with <c>--ramp</c>).
/// <list type="bullet">
/// <item>init — account, NAS login, GPCM login, then QR2 registration with MASTER (the challenge answered);</item>
/// <item><c>pause</c> — wait <c>capacity.interval</c> (default 30 s, ±20 % jitter);</item>
/// <item><c>keep-alive</c> — a GPCM <c>\ka\</c> round trip: the latency bound of the run;</item>
/// <item><c>heartbeat</c> — a periodic QR2 heartbeat with Mario Kart Wii's keys (no answer is due);</item>
/// <item>clean — QR2 shutdown heartbeat, GPCM logout.</item>
/// </list>
/// In the generator each console costs one TCP socket and one UDP socket (two descriptors): keep a load process
/// under ~9,000 consoles (its limit is 20,000 open files).
/// </summary>
public sealed class CapacityScenario : ILoadScenario
{
    public const string ScenarioName = "capacity";
    public const string PauseStep = "pause";
    public const string KeepAliveStep = "keep-alive";
    public const string HeartbeatStep = "heartbeat";
    public const string IntervalSetting = "capacity.interval";
    public const string Qr2Setting = "capacity.qr2";

    /// <summary>Mario Kart Wii's QR2 game name and secret key (the game list's entry).</summary>
    public const string GameName = "mariokartwii";

    public const string SecretKey = "9r3Rmy";

    public string Name => ScenarioName;

    public string Description =>
        "Consoles held online for the capacity run: init logs in (NAS, GPCM) and registers with MASTER (QR2); each iteration waits " +
        $"--set {IntervalSetting}=<duration> (default 30s), then a GPCM keep-alive round trip and a QR2 heartbeat (--set {Qr2Setting}=false: GPCM only).";

    public IReadOnlyDictionary<string, int> DefaultPorts => NodePorts.LoginAndMaster;

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken) =>
        PrepareAsync(target, ScenarioSettings.Empty, cancellationToken);

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, ScenarioSettings settings, CancellationToken cancellationToken)
    {
        var interval = settings.Duration(IntervalSetting, TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromHours(1));
        var qr2 = settings.Flag(Qr2Setting, true);
        var nas = new NasLoginClient(target.Endpoint(NodePorts.Nas, NodePorts.DefaultNas), target.SourceAddresses);
        var master = qr2 ? target.Endpoint(NodePorts.Master, NodePorts.DefaultMaster) : null;
        var scenario = Create(nas, target.Endpoint(NodePorts.Gpcm, NodePorts.DefaultGpcm), master, interval);
        return ValueTask.FromResult(new PreparedScenario(scenario, new DisposeWith(nas)));
    }

    /// <param name="master">MASTER's endpoint, or null for consoles without QR2.</param>
    public static Scenario Create(NasLoginClient nas, IPEndPoint gpcm, IPEndPoint? master, TimeSpan interval)
    {
        LoopbackAddresses.Require(gpcm);
        if (master is not null) LoopbackAddresses.Require(master);
        return Scenario.Create(ScenarioName,
                Step.Create(PauseStep, async ctx =>
                {
                    if (interval > TimeSpan.Zero)
                        await Task.Delay(interval * (0.8 + 0.4 * ctx.Random.NextDouble()), ctx.CancellationToken).ConfigureAwait(false);
                    return Response.Ok();
                }),
                Step.Create(KeepAliveStep, ctx => ConsoleSteps.KeepAliveAsync(ctx.GetState<HeldConsole>().Login.Gpcm!, ctx.CancellationToken)),
                Step.Create(HeartbeatStep, async ctx =>
                {
                    var console = ctx.GetState<HeldConsole>();
                    if (console.Qr2 is not { } qr2) return Response.Ok();
                    var heartbeat = Qr2Heartbeat(console);
                    await qr2.SendHeartbeatAsync(heartbeat).WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                    return Response.Ok(bytesOut: heartbeat.Sum(k => k.Key.Length + k.Value.Length + 2));
                }))
            .WithInit(async ctx =>
            {
                var console = new HeldConsole(new LoadConsole(EmulatedConsole.CreateWii()));
                ctx.State = console;
                var (account, withId) = await ConsoleSteps.EnsureAccountAsync(nas, console.Login.Console, ctx.CancellationToken).ConfigureAwait(false);
                if (!account.IsOk) return account;
                console.Login.Console = withId;
                var login = await ConsoleSteps.NasLoginAsync(nas, console.Login, ctx.CancellationToken).ConfigureAwait(false);
                if (!login.IsOk) return login;
                login = await ConsoleSteps.GpcmLoginAsync(gpcm, ctx.SourceAddress, console.Login, ctx.CancellationToken).ConfigureAwait(false);
                if (!login.IsOk || master is null) return login;
                console.Qr2 = new Qr2Console(master, GameName, SecretKey);
                try
                {
                    await console.Qr2.RegisterAsync(Qr2Heartbeat(console), TimeSpan.FromSeconds(20)).WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException e)
                {
                    return Response.Fail("qr2-not-registered", e.Message);
                }
                return login;
            })
            .WithClean(async ctx =>
            {
                if (ctx.State is not HeldConsole console) return Response.Ok();
                var closedByServer = console.Login.Gpcm is { IsClosed: true };
                if (console.Qr2 is { } qr2) await qr2.ShutdownAsync().WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                await console.Login.LogoutAsync(ctx.CancellationToken).ConfigureAwait(false);
                return closedByServer
                    ? Response.Fail("closed-by-server", "the server closed the connection while the console was online")
                    : Response.Ok();
            });
    }

    /// <summary>The keys Mario Kart Wii reports after the QR2 library's own (qr2.md §3.3): a lone host in a VS lobby.</summary>
    private static List<KeyValuePair<string, string>> Qr2Heartbeat(HeldConsole console)
    {
        var pid = console.Login.ProfileId.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("dwc_pid", pid), new("dwc_mtype", "0"), new("dwc_mver", "90"), new("dwc_eval", "0"),
            new("dwc_groupid", "0"), new("dwc_hoststate", "2"), new("dwc_suspend", "0"),
            new("rk", "vs"), new("ev", "5000"), new("eb", "5000"), new("p", "0"), new("numplayers", "1"),
            new("maxplayers", "11"),
        ];
    }

    /// <summary>One console held online; disposing it closes its sockets (the engine does when its user leaves).</summary>
    private sealed class HeldConsole(LoadConsole login) : IDisposable
    {
        public LoadConsole Login { get; } = login;

        public Qr2Console? Qr2 { get; set; }

        public void Dispose()
        {
            Login.Dispose();
            if (Qr2 is { } qr2) _ = qr2.DisposeAsync().AsTask();
            Qr2 = null;
        }
    }

    private sealed class DisposeWith(IDisposable disposable) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
