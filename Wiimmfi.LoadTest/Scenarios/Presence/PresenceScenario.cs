using System.Globalization;
using System.Net;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Scenarios.Common;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.LoadTest.Scenarios.Presence;

/// <summary>
/// <c>presence</c>: consoles that stay online with a friend — what most of a node's consoles do most of the evening.
/// A user is a pair of mutual friends, A and B, both logged in for the user's whole life (closed model:
/// <c>--copies N</c> holds 2N consoles online).
/// <list type="bullet">
/// <item>init — two new consoles make their accounts, log in (NAS + GPCM) and add each other; done when each has
///   the other's authorisation (<c>\bm\4</c>);</item>
/// <item><c>pause</c> — wait <c>presence.interval</c> (default 0 s; ±20 % jitter so pairs do not march in step);</item>
/// <item><c>keep-alive</c> — A's <c>\ka\</c> and the server's echo;</item>
/// <item><c>status</c> — A publishes a new status string; done when B receives it (<c>\bm\100</c> from A with that
///   string): the latency of a presence change between friends;</item>
/// <item><c>buddy-message</c> — B sends A a friend-room join (a Mario Kart Wii RESERVATION match command, the
///   only kind of <c>\bm\1</c> the server relays); done when A receives it unchanged: the relay latency;</item>
/// <item>clean — both log out.</item>
/// </list>
/// </summary>
public sealed class PresenceScenario : ILoadScenario
{
    public const string ScenarioName = "presence";
    public const string PauseStep = "pause";
    public const string KeepAliveStep = "keep-alive";
    public const string StatusStep = "status";
    public const string MessageStep = "buddy-message";
    public const string IntervalSetting = "presence.interval";

    /// <summary>
    /// A RESERVATION (match command v90) as Mario Kart Wii sends it to join a friend's room: the example of the
    /// fact sheet's vectors/gpcm_match_command.json. The server checks match commands, so a made-up text would be refused.
    /// </summary>
    public const string Reservation = "GPCM90vMAT\u0001AwAAAAECAwQ0EgAAwKgAAjHUAAAAAAAAAQAAAAEAAADvvq3eAAAAAA**";

    public string Name => ScenarioName;

    public string Description =>
        "Pairs of friends online: init logs both in and makes them friends; each iteration waits " +
        $"--set {IntervalSetting}=<duration> (default 0s), then a keep-alive, a status change seen by the friend and a buddy message relayed to the friend.";

    public IReadOnlyDictionary<string, int> DefaultPorts => NodePorts.Login;

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken) =>
        PrepareAsync(target, ScenarioSettings.Empty, cancellationToken);

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, ScenarioSettings settings, CancellationToken cancellationToken)
    {
        var interval = settings.Duration(IntervalSetting, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1));
        var nas = new NasLoginClient(target.Endpoint(NodePorts.Nas, NodePorts.DefaultNas), target.SourceAddresses);
        var scenario = Create(nas, target.Endpoint(NodePorts.Gpcm, NodePorts.DefaultGpcm), interval);
        return ValueTask.FromResult(new PreparedScenario(scenario, new DisposeWith(nas)));
    }

    public static Scenario Create(NasLoginClient nas, IPEndPoint gpcm, TimeSpan interval)
    {
        LoopbackAddresses.Require(gpcm);
        return Scenario.Create(ScenarioName,
                Step.Create(PauseStep, async ctx =>
                {
                    if (interval > TimeSpan.Zero)
                        await Task.Delay(interval * (0.8 + 0.4 * ctx.Random.NextDouble()), ctx.CancellationToken).ConfigureAwait(false);
                    return Response.Ok();
                }),
                Step.Create(KeepAliveStep, ctx => ConsoleSteps.KeepAliveAsync(ctx.GetState<FriendPair>().A.Gpcm!, ctx.CancellationToken)),
                Step.Create(StatusStep, ctx => StatusChangeAsync(ctx.GetState<FriendPair>(), ctx.CancellationToken)),
                Step.Create(MessageStep, ctx => BuddyMessageAsync(ctx.GetState<FriendPair>(), ctx.CancellationToken)))
            .WithInit(async ctx =>
            {
                var pair = new FriendPair();
                ctx.State = pair;
                foreach (var console in new[] { pair.A, pair.B })
                {
                    var (account, withId) = await ConsoleSteps.EnsureAccountAsync(nas, console.Console, ctx.CancellationToken).ConfigureAwait(false);
                    if (!account.IsOk) return account;
                    console.Console = withId;
                    var login = await ConsoleSteps.NasLoginAsync(nas, console, ctx.CancellationToken).ConfigureAwait(false);
                    if (!login.IsOk) return login;
                    login = await ConsoleSteps.GpcmLoginAsync(gpcm, ctx.SourceAddress, console, ctx.CancellationToken).ConfigureAwait(false);
                    if (!login.IsOk) return login;
                }
                return await BefriendAsync(pair, ctx.CancellationToken).ConfigureAwait(false);
            })
            .WithClean(async ctx =>
            {
                if (ctx.State is not FriendPair pair) return Response.Ok();
                var closedByServer = pair.A.Gpcm is { IsClosed: true } || pair.B.Gpcm is { IsClosed: true };
                await pair.A.LogoutAsync(ctx.CancellationToken).ConfigureAwait(false);
                await pair.B.LogoutAsync(ctx.CancellationToken).ConfigureAwait(false);
                return closedByServer
                    ? Response.Fail("closed-by-server", "the server closed a connection while the console was online")
                    : Response.Ok();
            });
    }

    /// <summary>Both add each other; each must then receive the other's authorisation.</summary>
    private static async ValueTask<Response> BefriendAsync(FriendPair pair, CancellationToken cancellationToken)
    {
        var (a, b) = (pair.A.Gpcm!, pair.B.Gpcm!);
        var traffic = Traffic.Of(a, b);
        try
        {
            var authAtA = a.ExpectBuddyMessageAsync(m => m.Type == GpBuddyMessageType.Auth && m.From == b.ProfileId, cancellationToken);
            var authAtB = b.ExpectBuddyMessageAsync(m => m.Type == GpBuddyMessageType.Auth && m.From == a.ProfileId, cancellationToken);
            await a.AddBuddyAsync(b.ProfileId, cancellationToken).ConfigureAwait(false);
            await b.AddBuddyAsync(a.ProfileId, cancellationToken).ConfigureAwait(false);
            await authAtA.ConfigureAwait(false);
            await authAtB.ConfigureAwait(false);
            return traffic.Ok();
        }
        catch (GpcmLoadException e)
        {
            return traffic.Fail(e);
        }
    }

    private static async ValueTask<Response> StatusChangeAsync(FriendPair pair, CancellationToken cancellationToken)
    {
        var (a, b) = (pair.A.Gpcm!, pair.B.Gpcm!);
        var traffic = Traffic.Of(a, b);
        var statString = "/VER=3/SCN=" + Interlocked.Increment(ref pair.Changes).ToString(CultureInfo.InvariantCulture);
        try
        {
            var seen = b.ExpectBuddyMessageAsync(
                m => m.Type == GpBuddyMessageType.Status && m.From == a.ProfileId
                     && GpcmPresence.TryParse(m.Message, out var presence) && presence.StatString == statString,
                cancellationToken);
            await a.SetStatusAsync(DwcStatus.Online, statString, "", cancellationToken).ConfigureAwait(false);
            await seen.ConfigureAwait(false);
            return traffic.Ok();
        }
        catch (GpcmLoadException e)
        {
            return traffic.Fail(e);
        }
    }

    private static async ValueTask<Response> BuddyMessageAsync(FriendPair pair, CancellationToken cancellationToken)
    {
        var (a, b) = (pair.A.Gpcm!, pair.B.Gpcm!);
        var traffic = Traffic.Of(a, b);
        try
        {
            var received = a.ExpectBuddyMessageAsync(m => m.Type == GpBuddyMessageType.Message && m.From == b.ProfileId && m.Message == Reservation, cancellationToken);
            await b.SendBuddyMessageAsync(a.ProfileId, Reservation, GpBuddyMessageType.Message, cancellationToken).ConfigureAwait(false);
            await received.ConfigureAwait(false);
            return traffic.Ok();
        }
        catch (GpcmLoadException e)
        {
            return traffic.Fail(e);
        }
    }

    /// <summary>Two friends online together; disposing it closes both (the engine does when the user leaves).</summary>
    private sealed class FriendPair : IDisposable
    {
        public LoadConsole A { get; } = new(EmulatedConsole.CreateWii());

        public LoadConsole B { get; } = new(EmulatedConsole.CreateWii());

        /// <summary>Numbers the status strings and messages, so each step waits for its own.</summary>
        public long Changes;

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }

    /// <summary>The bytes both connections moved during one step.</summary>
    private readonly record struct Traffic(GpcmLoadConnection A, GpcmLoadConnection B, long Out, long In)
    {
        public static Traffic Of(GpcmLoadConnection a, GpcmLoadConnection b) => new(a, b, a.BytesOut + b.BytesOut, a.BytesIn + b.BytesIn);

        public Response Ok() => Response.Ok(A.BytesOut + B.BytesOut - Out, A.BytesIn + B.BytesIn - In);

        public Response Fail(GpcmLoadException e) => Response.Fail(e.Kind, e.Message, A.BytesOut + B.BytesOut - Out, A.BytesIn + B.BytesIn - In);
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
