using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// The node's matchmaking tables, shared by MASTER (which fills them) and MS (which searches them): the
/// <c>matchmaking</c> shard region (one <see cref="MatchmakingTable"/> entity per game), their settings and their
/// counters. Started by whichever of the two modules starts first; registered in <see cref="NodeContext.Services"/>.
/// </summary>
public sealed class MasterTables
{
    /// <summary>The entity type name of the tables' shard region.</summary>
    public const string RegionName = "matchmaking";

    private bool _routesMapped;

    private MasterTables(IActorRef region, MatchmakingSettings settings, MatchmakingMetrics metrics)
    {
        Region = region;
        Settings = settings;
        Metrics = metrics;
    }

    /// <summary>The shard region; messages name their game (<c>IShardedMessage.EntityId</c>).</summary>
    public IActorRef Region { get; }

    public MatchmakingSettings Settings { get; }

    public MatchmakingMetrics Metrics { get; }

    /// <summary>The tables of this node, started on first use.</summary>
    public static MasterTables GetOrStart(NodeContext node)
    {
        if (node.Services.TryGet<MasterTables>(out var started) && started is not null)
            return started;
        var settings = SettingsFrom(node.Options);
        var metrics = new MatchmakingMetrics();
        var games = node.Services.Get<GameListProvider>();
        var sharding = new ClusterShardingSettings
        {
            NumberOfShards = node.Options.Sharding.NumberOfShards,
            // A table with hosts must not be stopped for idleness (its state lives in memory until tables are
            // persisted); an empty one stops itself after the same idle time.
            PassivateIdleEntityAfter = null,
        };
        var region = ClusterSharding.Get(node.System).Start(RegionName,
            gameName => MatchmakingTable.Props(gameName, settings, games, metrics), sharding);
        var tables = new MasterTables(region, settings, metrics);
        node.Services.Add(tables);
        return tables;
    }

    /// <summary>The tables' settings from <c>wiimmfi.master</c>, <c>wiimmfi.ms</c> and <c>wiimmfi.sharding</c>; a value
    /// that makes no sense stops start-up with the setting's name.</summary>
    public static MatchmakingSettings SettingsFrom(WiimmfiOptions options)
    {
        var master = options.Master;
        var ms = options.Ms;
        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
                throw new NodeStartupException($"wiimmfi.{key} = {value} must be positive.");
        }
        void AtLeastOne(int value, string key)
        {
            if (value < 1)
                throw new NodeStartupException($"wiimmfi.{key} = {value} must be at least 1.");
        }
        Positive(master.ServerExpiry, "master.server-expiry");
        Positive(master.ChallengeTimeout, "master.challenge-timeout");
        Positive(master.RelayRetryInterval, "master.relay-retry-interval");
        AtLeastOne(master.MaxServersPerGame, "master.max-servers-per-game");
        AtLeastOne(master.RelayMaxAttempts, "master.relay-max-attempts");
        AtLeastOne(ms.MaxResults, "ms.max-results");
        return new MatchmakingSettings
        {
            ServerExpiry = master.ServerExpiry,
            ChallengeTimeout = master.ChallengeTimeout,
            VerifyChallengeResponses = master.VerifyChallengeResponses,
            MaxHostsPerGame = master.MaxServersPerGame,
            RelayRetryInterval = master.RelayRetryInterval,
            RelayMaxAttempts = master.RelayMaxAttempts,
            MaxResults = ms.MaxResults,
            MarioKartFilterPolicy = ms.MarioKartFilterPolicy == MarioKartFilterPolicyOption.WiiLink
                ? MkwFilterPolicy.WiiLinkCompatible
                : MkwFilterPolicy.Literal,
            EmptyTableLinger = options.Sharding.PassivateIdleEntityAfter,
        };
    }

    /// <summary>
    /// Maps the open routes <c>GET /matchmaking</c> (counters and the tables running on this node) and
    /// <c>GET /matchmaking/{game}</c> (a table's hosts with their public keys and ages; never a secret key, never
    /// a private address). Mapped once even when both modules ask.
    /// </summary>
    public void MapRoutes(IEndpointRouteBuilder open, NodeContext node)
    {
        if (_routesMapped)
            return;
        _routesMapped = true;
        open.MapGet("/matchmaking", async (CancellationToken ct) =>
        {
            var state = await Region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            var games = state.Shards.SelectMany(s => s.EntityIds).Order(StringComparer.Ordinal).ToList();
            return Results.Json(new MatchmakingOverview(games, Metrics.Snapshot()));
        });
        open.MapGet("/matchmaking/{game}", async (string game, CancellationToken ct) =>
        {
            if (!node.Services.Get<GameListProvider>().Current.TryGetByName(game, out var info))
                return Results.Json(new { error = $"no game named '{game}' in the game list" }, statusCode: StatusCodes.Status404NotFound);
            var view = await Region.Ask<TableView>(new GetTableView(info.Name), TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            return Results.Json(new MatchmakingTableReport(view.GameName, view.Listed, view.Pending,
                [.. view.Hosts.Select(h => new MatchmakingHostReport(h.Address, h.Authenticated,
                    Math.Round(h.RegisteredSecondsAgo, 1), Math.Round(h.LastPacketSecondsAgo, 1),
                    h.Keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal)))]));
        });
    }
}

/// <summary>Answer of <c>GET /matchmaking</c>: the games whose table runs on this node (an empty table stops after a
/// while), and the counters.</summary>
public sealed record MatchmakingOverview(IReadOnlyList<string> Tables, IReadOnlyDictionary<string, long> Counters);

/// <summary>Answer of <c>GET /matchmaking/{game}</c>.</summary>
public sealed record MatchmakingTableReport(string Game, int Listed, int Pending, IReadOnlyList<MatchmakingHostReport> Hosts);

/// <summary>One host of <see cref="MatchmakingTableReport"/>: address, whether it answered its challenge (only then is it
/// listed), seconds since it registered and since its last packet, and its keys without address keys.</summary>
public sealed record MatchmakingHostReport(string Address, bool Authenticated, double AgeSeconds, double LastPacketSecondsAgo,
    IReadOnlyDictionary<string, string> Keys);
