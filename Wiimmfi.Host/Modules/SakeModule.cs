using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Security;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// SAKE (sake.md): the SOAP storage service and the file server, on the public HTTP listener for hosts with a
/// <c>sake</c> label. Checks login tickets with the key GPCM issues them with (<c>gpcm-login-ticket</c>), so it
/// starts after the secrets and game-list modules. The table rules default to the shipped set
/// (<see cref="SakeTableCatalog.Shipped"/>); a node (or a test) may pass its own.
/// </summary>
public sealed class SakeModule(SakeTableCatalog? catalog = null) : NodeModule
{
    /// <summary>The purpose the login ticket key is derived for (shared with GPCM).</summary>
    public const string LoginTicketKeyPurpose = "gpcm-login-ticket";

    private SakeStorageEndpoint? _storage;
    private SakeFileEndpoints? _files;

    public override string Name => "sake";

    public override bool IsEnabled(NodeContext node) => node.Options.Sake.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var options = node.Options.Sake;
        var games = node.Services.Get<GameListProvider>();
        var tickets = new GpcmLoginTicketCodec(node.Services.Get<NodeSecrets>().DeriveKey(LoginTicketKeyPurpose));
        var limits = SakeLimits.Default;
        var logger = node.LoggerFactory.CreateLogger<SakeService>();
        var metrics = ServiceMetricsRegistry.Of(node).For(Name);
        var service = new SakeService(node.Store, games, tickets, catalog ?? SakeTableCatalog.Shipped,
            new SakeServiceSettings(options.OpenTables, options.MaxRecordsPerProfile, limits), node.Time, logger);
        node.Services.Add(service);
        _storage = new SakeStorageEndpoint(service, limits, metrics, logger);
        _files = new SakeFileEndpoints(node.Store, games, (int)options.MaxFileSize.Bytes, options.MaxFilesPerProfile, metrics, logger);
        return Task.CompletedTask;
    }

    public override void MapPublicRoutes(IEndpointRouteBuilder routes, NodeContext node)
    {
        var storage = _storage ?? throw new InvalidOperationException("SAKE routes mapped before start");
        var files = _files!;
        routes.MapPost(SakeWire.StoragePath, storage.HandleAsync);
        routes.MapPost(SakeWire.FileServerPath + "upload.aspx", files.UploadAsync);
        routes.MapGet(SakeWire.FileServerPath + "download.aspx", files.DownloadAsync);
        routes.MapPost(SakeWire.FileServerPath + "ghostupload.aspx", files.GhostUploadAsync);
        routes.MapGet(SakeWire.FileServerPath + "ghostdownload.aspx", files.GhostDownloadAsync);
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node)
    {
        MapServiceMetrics(open, node);
        open.MapGet("/sake/tables", () => Results.Ok(node.Services.Get<SakeService>().Catalog.Rules
            .OrderBy(r => r.GameName, StringComparer.Ordinal).ThenBy(r => r.TableId, StringComparer.Ordinal)
            .Select(r => new
            {
                game = r.GameName, table = r.TableId, kind = r.Kind.ToString(), hardened = r.Hardened, rateable = r.Rateable,
                limitPerOwner = r.LimitPerOwner, indexedFields = r.IndexedFields,
                fields = r.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new { name = f.Key, type = f.Value.Type.ToString() }),
            })));
    }

    /// <summary>Maps <c>GET /services/metrics</c> once, whichever service module comes first.</summary>
    internal static void MapServiceMetrics(IEndpointRouteBuilder open, NodeContext node)
    {
        var registry = ServiceMetricsRegistry.Of(node);
        if (registry.ClaimManagementRoute())
        {
            open.MapGet("/services/metrics", () => Results.Ok(registry.Reports()));
        }
    }
}
