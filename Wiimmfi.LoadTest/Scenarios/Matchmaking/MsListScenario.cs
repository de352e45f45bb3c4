using System.Globalization;
using System.Net;
using Wiimmfi.ConsoleEmulator.ServerBrowser;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Protocols.ServerBrowser;

namespace Wiimmfi.LoadTest.Scenarios.Matchmaking;

/// <summary>
/// <c>ms-list</c> and <c>ms-search</c>: Mario Kart Wii's public search against a full table. Before the load a
/// fleet of consoles registers over QR2 (<see cref="Qr2HostFleet"/>, 10,000 by default, a realistic mix of rooms) and
/// keeps itself listed; each <c>list</c> step is then a SERVER_LIST request with the typical filter of a console
/// rated between 3000 and 7000 (<see cref="MkwHostKeys.SearchFilter"/>, six results), over real TCP, answered
/// encrypted with EncTypeX and decrypted by the console emulator's <see cref="ServerBrowserClient"/>.
/// <c>ms-list</c> keeps one connection per user for all its queries; <c>ms-search</c> connects for each query and
/// closes after it, as a console that searches once.
/// </summary>
/// <remarks>
/// Every answer is checked: no error, at most six hosts, each one matching the filter by the values it was listed
/// with, and as many as the fleet holds matching rooms (up to six) — an empty or short list from a table that has
/// matches fails as <c>short-list</c>. Bytes out are the request's size; the reply's size is not visible through the
/// emulator's client.
/// </remarks>
public sealed class MsListScenario(bool connectPerQuery, MatchmakingLoadSettings? settings = null) : ILoadScenario
{
    public const string ListName = "ms-list";
    public const string SearchName = "ms-search";
    public const string ConnectStep = "connect";
    public const string ListStep = "list";
    public const string PortName = "ms";
    public const int DefaultMsPort = 28910;

    /// <summary>The fleet behind the table reports pids from here on.</summary>
    public const uint FleetFirstProfileId = 500_000_000;

    /// <summary>Searching consoles use pids from here on (never one of the fleet's).</summary>
    public const uint SearcherFirstProfileId = 900_000_000;

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    public string Name => connectPerQuery ? SearchName : ListName;

    public string Description => connectPerQuery
        ? $"Connect to MS, one MKW public search (6 results) against a fleet of {MatchmakingLoadSettings.HostsVariable} QR2 consoles (10,000), close."
        : $"MKW public searches (6 results) on one MS connection per user, against a fleet of {MatchmakingLoadSettings.HostsVariable} QR2 consoles (10,000).";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int>
    {
        [Qr2HeartbeatScenario.PortName] = Qr2HeartbeatScenario.DefaultMasterPort,
        [PortName] = DefaultMsPort,
    };

    public async ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var sizes = settings ?? MatchmakingLoadSettings.FromEnvironment();
        var fleet = await Qr2HostFleet.RegisterAsync(target.Endpoint(Qr2HeartbeatScenario.PortName, Qr2HeartbeatScenario.DefaultMasterPort),
            sizes.Hosts, target.SourceAddresses, FleetFirstProfileId, seed: 2, cancellationToken).ConfigureAwait(false);
        return new PreparedScenario(Create(target.Endpoint(PortName, DefaultMsPort), OpenRooms.Of(fleet), connectPerQuery), fleet);
    }

    /// <summary>The scenario against MS at <paramref name="ms"/>, whose table holds at least <paramref name="rooms"/>.</summary>
    public static Scenario Create(IPEndPoint ms, OpenRooms rooms, bool connectPerQuery)
    {
        LoopbackAddresses.Require(ms);
        var list = Step.Create(ListStep, ctx => ListAsync(ctx, rooms, connectPerQuery));
        var scenario = connectPerQuery
            ? Scenario.Create(SearchName, Step.Create(ConnectStep, ctx => ConnectAsync(ctx, ms)), list)
            : Scenario.Create(ListName, list).WithInit(ctx => ConnectAsync(ctx, ms));
        return scenario.WithClean(CloseAsync);
    }

    private static async ValueTask<Response> ConnectAsync(UserContext ctx, IPEndPoint ms)
    {
        ctx.State = await ServerBrowserClient.ConnectAsync(ms, ctx.CancellationToken).ConfigureAwait(false);
        return Response.Ok();
    }

    private static async ValueTask<Response> ListAsync(UserContext ctx, OpenRooms rooms, bool closeAfter)
    {
        var client = ctx.GetState<ServerBrowserClient>();
        var ownProfileId = SearcherFirstProfileId + (uint)(ctx.UserId % 100_000_000);
        var ownRating = 3000 + ctx.Random.Next(4001);
        var filter = MkwHostKeys.SearchFilter(ownProfileId, ownRating);
        var bytesOut = ListRequestSize(filter);
        var reply = await client.ListAsync(MkwHostKeys.GameName, MkwHostKeys.GameName, MkwHostKeys.SecretKey, filter,
            MkwHostKeys.SearchFields, MkwHostKeys.SearchResults, timeout: ReplyTimeout).WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        if (closeAfter)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            ctx.State = null;
        }
        if (reply.Error is { } error) return Response.Fail("ms-error", error, bytesOut);
        if (reply.Servers.Count > MkwHostKeys.SearchResults)
            return Response.Fail("too-many", $"{reply.Servers.Count} hosts listed for a search that asked for {MkwHostKeys.SearchResults}", bytesOut);
        foreach (var server in reply.Servers)
        {
            if (WhyNotMatching(server.Values, ownProfileId, ownRating) is { } reason)
                return Response.Fail("wrong-host", $"{server.Entry.PublicIp:X8}:{server.Entry.PublicPort} does not match the filter: {reason}", bytesOut);
        }
        var expected = Math.Min(MkwHostKeys.SearchResults, rooms.CountRated(ownRating - MkwHostKeys.RatingWindow, ownRating + MkwHostKeys.RatingWindow));
        return reply.Servers.Count < expected
            ? Response.Fail("short-list", $"{reply.Servers.Count} hosts listed, but the fleet alone has {expected} matching rooms", bytesOut)
            : Response.Ok(bytesOut);
    }

    /// <summary>Checks a listed host's values (in <see cref="MkwHostKeys.SearchFields"/> order) against the filter; null when it matches.</summary>
    private static string? WhyNotMatching(IReadOnlyList<string> values, uint ownProfileId, int ownRating)
    {
        if (values.Count != MkwHostKeys.SearchFields.Count) return $"{values.Count} values for {MkwHostKeys.SearchFields.Count} fields";
        static int Number(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : int.MinValue;
        if (values[0] == ownProfileId.ToString(CultureInfo.InvariantCulture)) return "it is the searcher itself";
        if (values[1] != "0") return $"dwc_mtype {values[1]}";
        if (values[2] != "2") return $"dwc_hoststate {values[2]}";
        if (values[3] != "0") return $"dwc_suspend {values[3]}";
        if (values[4] != "vs") return $"rk {values[4]}";
        var rating = Number(values[5]);
        if (rating < ownRating - MkwHostKeys.RatingWindow || rating > ownRating + MkwHostKeys.RatingWindow) return $"ev {values[5]}";
        if (Number(values[6]) >= MkwHostKeys.MaxPlayers) return $"numplayers {values[6]}";
        if (values[7] != "11") return $"maxplayers {values[7]}";
        return null;
    }

    /// <summary>Bytes of the SERVER_LIST request the emulator sends for <paramref name="filter"/> (the SDK's layout, see
    /// <c>SbRequestWriter.ServerList</c>): length, type, versions, game version, two game names, challenge, filter,
    /// field list, options and the result limit.</summary>
    private static int ListRequestSize(string filter)
    {
        var fields = 0;
        foreach (var field in MkwHostKeys.SearchFields) fields += 1 + field.Length;
        return 2 + 1 + 2 + 4 + 2 * (MkwHostKeys.GameName.Length + 1) + SbLimits.ClientChallengeLength + filter.Length + 1 + fields + 1 + 4 + 4;
    }

    private static async ValueTask<Response> CloseAsync(UserContext ctx)
    {
        if (ctx.State is ServerBrowserClient client) await client.DisposeAsync().ConfigureAwait(false);
        ctx.State = null;
        return Response.Ok();
    }

    /// <summary>
    /// The ratings of the fleet's open versus rooms (<c>rk = 'vs'</c>, host, not racing, not full), sorted: how many
    /// rooms a search for a rating window must at least find.
    /// </summary>
    public sealed class OpenRooms
    {
        private readonly int[] _ratings;

        public OpenRooms(IEnumerable<int> ratings)
        {
            _ratings = [.. ratings];
            Array.Sort(_ratings);
        }

        public static OpenRooms Of(Qr2HostFleet fleet)
        {
            var ratings = new List<int>();
            foreach (var host in fleet.Hosts)
                if (host.Keys.IsOpenVersusRoom(host.Players)) ratings.Add(host.Keys.Rating);
            return new OpenRooms(ratings);
        }

        public int Count => _ratings.Length;

        /// <summary>Rooms rated from <paramref name="low"/> to <paramref name="high"/>, both included.</summary>
        public int CountRated(int low, int high)
        {
            if (high < low) return 0;
            return LowerBound(high + 1) - LowerBound(low);
        }

        private int LowerBound(int value)
        {
            int lo = 0, hi = _ratings.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_ratings[mid] < value) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
