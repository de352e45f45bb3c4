using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wiimmfi.Host.Modules.Dls1;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Dls1;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// DLS1 (dls1.md): downloadable content on the <c>dls1</c> host, from the folder <c>wiimmfi.dls1.folder</c> (default
/// <c>dls1</c> inside the data folder; created empty at start).
/// </summary>
public sealed class Dls1Module : NodeModule
{
    private Dls1Endpoint? _endpoint;

    public override string Name => "dls1";

    public override bool IsEnabled(NodeContext node) => node.Options.Dls1.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var configured = node.Options.Dls1.Folder;
        var root = Path.IsPathRooted(configured) ? configured : Path.Combine(node.DataFolder, configured);
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartupException($"cannot create the DLS1 folder {root}: {e.Message} (set wiimmfi.dls1.folder)", e);
        }
        var folder = new Dls1Folder(root);
        node.Services.Add(folder);
        _endpoint = new Dls1Endpoint(folder, ServiceMetricsRegistry.Of(node).For(Name), node.LoggerFactory.CreateLogger<Dls1Module>());
        return Task.CompletedTask;
    }

    public override void MapPublicRoutes(IEndpointRouteBuilder routes, NodeContext node) =>
        routes.MapPost(Dls1Wire.Path, (_endpoint ?? throw new InvalidOperationException("DLS1 routes mapped before start")).HandleAsync);

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) =>
        SakeModule.MapServiceMetrics(open, node);
}
