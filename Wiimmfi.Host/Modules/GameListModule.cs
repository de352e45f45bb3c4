using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// Loads the game list at start and registers the <see cref="GameListProvider"/> every service looks games up
/// in; reloads it on SIGHUP and on <c>POST /admin/gamelist/reload</c>; lists it (without secret keys) on
/// <c>GET /gamelist</c>. Must start before any module that serves games.
/// </summary>
public sealed class GameListModule : NodeModule
{
    private PosixSignalRegistration? _hangup;

    public override string Name => "gamelist";

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var path = Resolve(node.Options.GameListFile);
        var logger = node.LoggerFactory.CreateLogger<GameListProvider>();
        GameListProvider provider;
        try
        {
            provider = GameListProvider.Load(path, logger, node.Time);
        }
        catch (IOException e)
        {
            throw new NodeStartupException($"{e.Message}. Set wiimmfi.game-list-file to the game list (the project ships gamelist/games.tsv).", e);
        }
        node.Services.Add(provider);
        try
        {
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true; // HANGUP means "reload", not "terminate"
                provider.Reload(node.Time);
            });
        }
        catch (PlatformNotSupportedException)
        {
            // No SIGHUP on this platform: the management route still reloads.
        }
        return Task.CompletedTask;
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node)
    {
        open.MapGet("/gamelist", () =>
        {
            var provider = node.Services.Get<GameListProvider>();
            return Results.Ok(new
            {
                file = provider.Path,
                loadedAt = provider.LoadedAt,
                games = provider.Current.Games.Select(g => new { name = g.Name, gameId = g.GameId, enabled = g.Enabled, description = g.Description }),
            });
        });
        admin.MapPost("/gamelist/reload", () =>
        {
            var result = node.Services.Get<GameListProvider>().Reload(node.Time);
            return result.Failure is null
                ? Results.Ok(new { games = result.Games, skippedLines = result.SkippedLines })
                : Results.Json(new { error = result.Failure, games = result.Games }, statusCode: StatusCodes.Status500InternalServerError);
        });
    }

    public override Task StopAsync(NodeContext node)
    {
        _hangup?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A relative path is tried in the working directory first, then next to the executable.</summary>
    private static string Resolve(string configured)
    {
        if (Path.IsPathRooted(configured) || File.Exists(configured)) return Path.GetFullPath(configured);
        var besideExecutable = Path.Combine(AppContext.BaseDirectory, configured);
        return File.Exists(besideExecutable) ? besideExecutable : Path.GetFullPath(configured);
    }
}
