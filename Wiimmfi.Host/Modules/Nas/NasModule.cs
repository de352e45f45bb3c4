using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>
/// NAS, the HTTP login server (nas.md): <c>/ac</c> (login, acctcreate, svcloc), <c>/pr</c>, the health page
/// and the console's connection test, on the public listener; the filter that lets DWC clients send Host
/// twice; the periodic purge of expired tokens; <c>GET /nas/metrics</c> on the management listener.
/// </summary>
public sealed class NasModule : NodeModule
{
    private NasService? _service;

    public override string Name => "nas";

    public override bool IsEnabled(NodeContext node) => node.Options.Nas.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var options = node.Options.Nas;
        var logger = node.LoggerFactory.CreateLogger<NasModule>();
        var metrics = new NasMetrics();
        _service = new NasService(node.Store, new NasSettings(options.Maintenance, options.TokenLifetime, options.DisabledGames),
            LoadProfanityFilter(options.ProfanityFile, node.DataFolder, logger), metrics, node.Time, logger);
        node.Services.Add(_service);
        node.System.ActorOf(Props.Create(() => new AuthTokenPurger(node.Store, options.TokenPurgeInterval, count =>
        {
            metrics.Purged(count);
            if (count > 0)
            {
                NasLog.TokensPurged(logger, count);
            }
        })), "nas-token-purger");
        return Task.CompletedTask;
    }

    public override void ConfigurePublicHttpListener(ListenOptions listen, NodeContext node)
    {
        var metrics = _service!.Metrics;
        DuplicateHostHeaderFilter.Install(listen, metrics.DuplicateHostHeader);
    }

    public override void MapPublicRoutes(IEndpointRouteBuilder routes, NodeContext node) => NasRoutes.Map(routes, _service!);

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) =>
        open.MapGet("/nas/metrics", () => Results.Json(_service!.Metrics, LoginJson.Options));

    /// <summary>The word list for in-game names and <c>/pr</c>: one word per line, <c>#</c> starts a comment; missing file = no words.</summary>
    private static NasProfanityFilter LoadProfanityFilter(string file, string dataFolder, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return new NasProfanityFilter([]);
        }

        var path = Path.IsPathRooted(file) ? file : Path.Combine(dataFolder, file);
        try
        {
            var words = File.ReadAllLines(path)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'));
            return new NasProfanityFilter(words);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            NasLog.ProfanityFileUnreadable(logger, path, e.Message);
            return new NasProfanityFilter([]);
        }
    }
}
