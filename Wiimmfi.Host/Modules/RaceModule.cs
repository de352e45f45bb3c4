using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wiimmfi.Host.Modules.Race;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Race;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// RACE (race.md): Mario Kart Wii's ranking service on hosts with a <c>race</c> label, and competitions (uploaded and
/// published by operators on the management API, downloaded by consoles while they run).
/// </summary>
public sealed class RaceModule : NodeModule
{
    private RaceEndpoint? _endpoint;
    private CompetitionRoutes? _competitions;

    public override string Name => "race";

    public override bool IsEnabled(NodeContext node) => node.Options.Race.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var logger = node.LoggerFactory.CreateLogger<RaceService>();
        var metrics = ServiceMetricsRegistry.Of(node).For(Name);
        _endpoint = new RaceEndpoint(new RaceService(node.Store, node.Time, logger), metrics, logger);
        _competitions = new CompetitionRoutes(node.Store, node.Time, (int)node.Options.Race.MaxCompetitionSize.Bytes, metrics, logger);
        return Task.CompletedTask;
    }

    public override void MapPublicRoutes(IEndpointRouteBuilder routes, NodeContext node)
    {
        var endpoint = _endpoint ?? throw new InvalidOperationException("RACE routes mapped before start");
        routes.MapPost(RaceWire.Path, endpoint.HandleAsync);
        routes.MapGet("/RaceService/Competitions/{which}", _competitions!.DownloadAsync);
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node)
    {
        SakeModule.MapServiceMetrics(open, node);
        var competitions = _competitions!;
        admin.MapPost("/competitions", competitions.UploadAsync);
        admin.MapPost("/competitions/{id:int}/publish", competitions.PublishAsync);
        admin.MapGet("/competitions", competitions.ListAsync);
    }
}
