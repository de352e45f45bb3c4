using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Security;
using Wiimmfi.Host.Modules.GameStats;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// HTTP GameStats (gamestats.md §1) on hosts with a <c>gamestats</c> or <c>gamestats2</c> label. The token key is
/// derived from the node secret (<c>gamestats-web-token</c>), so every node of a cluster issues the same tokens.
/// The TCP GameStats server (port 29920) is not part of this module.
/// </summary>
public sealed class GameStatsModule : NodeModule
{
    /// <summary>The purpose the token key is derived for.</summary>
    public const string TokenKeyPurpose = "gamestats-web-token";

    private GameStatsWebEndpoint? _endpoint;

    public override string Name => "gamestats";

    public override bool IsEnabled(NodeContext node) => node.Options.GameStats.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        _endpoint = new GameStatsWebEndpoint(node.Store, node.Services.Get<GameListProvider>(),
            node.Services.Get<NodeSecrets>().DeriveKey(TokenKeyPurpose), node.Options.GameStats.StrictHash,
            ServiceMetricsRegistry.Of(node).For(Name), node.LoggerFactory.CreateLogger<GameStatsModule>());
        return Task.CompletedTask;
    }

    public override void MapPublicRoutes(IEndpointRouteBuilder routes, NodeContext node) =>
        routes.MapGet("/{game}/web/client/{script}", (_endpoint ?? throw new InvalidOperationException("GAMESTATS routes mapped before start")).HandleAsync);

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) =>
        SakeModule.MapServiceMetrics(open, node);
}
