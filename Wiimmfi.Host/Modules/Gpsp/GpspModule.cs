using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wiimmfi.Actors.Frontends.Gpcm;
using Wiimmfi.Actors.Frontends.Gpsp;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Host.Modules.Nas;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Host.Modules.Gpsp;

/// <summary>
/// GPSP (gpsp.md): short profile-search connections on <c>wiimmfi.gpsp.port</c>, checked against the live
/// GPCM sessions; <c>GET /gpsp/metrics</c> on the management listener. Starts after the GPCM module,
/// whose session region it asks.
/// </summary>
public sealed class GpspModule : NodeModule
{
    private TcpFrontend? _frontend;
    private GpspMetrics? _metrics;

    public override string Name => "gpsp";

    public override bool IsEnabled(NodeContext node) => node.Options.Gpsp.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        _metrics = new GpspMetrics();
        var services = new GpspFrontendServices(node.Store, node.Services.Get<ConsoleSessionRegion>(), _metrics)
        {
            IdleTimeout = node.Options.Gpsp.IdleTimeout,
        };
        // A GPSP request is one short message: an otherslist of 256 ids is under 3 KiB.
        _frontend = new TcpFrontend(node.System, new TcpFrontendSettings(
            "gpsp",
            () => new GameSpyFrameDecoder(GameSpyFraming.DefaultMaxMessageBytes),
            connection => Props.Create(() => new GpspConnection(connection, services))));
        return Task.CompletedTask;
    }

    public override void ConfigureListeners(NodeListeners listeners, NodeContext node) =>
        listeners.AddTcp("gpsp", WiimmfiNode.ListenerEndPoint(node.Options.Gpsp), _frontend!, "wiimmfi.gpsp.port");

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) =>
        open.MapGet("/gpsp/metrics", () => Results.Json(_metrics, LoginJson.Options));
}
