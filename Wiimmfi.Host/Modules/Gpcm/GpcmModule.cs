using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wiimmfi.Actors.Frontends.Gpcm;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Actors.Security;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Host.Modules.Nas;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Host.Modules.Gpcm;

/// <summary>
/// GPCM (gpcm.md): the <c>session</c> shard region of <see cref="ConsoleSession"/> entities (registered as
/// <see cref="ConsoleSessionRegion"/> for GPSP and moderation, so it starts even when the GPCM listener is
/// switched off), and the TCP front-end on <c>wiimmfi.gpcm.port</c>. <c>GET /gpcm/metrics</c> shows the
/// front-end's and the sessions' counters.
/// </summary>
public sealed class GpcmModule : NodeModule
{
    /// <summary>The purpose the login-ticket key is derived for; SAKE opens tickets with the same one.</summary>
    public const string LoginTicketKeyPurpose = "gpcm-login-ticket";

    private TcpFrontend? _frontend;
    private GpcmMetrics? _metrics;
    private ConsoleSessionRegion? _sessions;

    public override string Name => "gpcm";

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var sharding = new ClusterShardingSettings
        {
            NumberOfShards = node.Options.Sharding.NumberOfShards,
            PassivateIdleEntityAfter = node.Options.Sharding.PassivateIdleEntityAfter,
        };
        _sessions = ConsoleSessionRegion.Start(node.System,
            new ConsoleSessionServices(node.Store, new OnlineSessionDirectory(), new SessionMetrics(), node.Time), sharding);
        node.Services.Add(_sessions);

        var options = node.Options.Gpcm;
        if (!options.Enabled)
        {
            return Task.CompletedTask;
        }

        _metrics = new GpcmMetrics();
        var tickets = new GpcmLoginTicketCodec(node.Services.Get<NodeSecrets>().DeriveKey(LoginTicketKeyPurpose));
        var services = new GpcmFrontendServices(node.Store, _sessions, node.Services.Get<GameListProvider>(), tickets, _metrics, node.Time)
        {
            KeepAliveInterval = options.KeepAliveInterval,
            IdleTimeout = options.IdleTimeout,
        };
        var maxMessageBytes = (int)Math.Min(options.MaxMessageSize.Bytes, int.MaxValue);
        // One factory for every connection: each handler's Props then holds only its connection.
        Func<IActorRef, GpcmConnection> newHandler = connection => new GpcmConnection(connection, services, null);
        _frontend = new TcpFrontend(node.System, new TcpFrontendSettings(
            "gpcm",
            () => new GameSpyFrameDecoder(maxMessageBytes),
            connection => Props.Create(newHandler, connection))
        {
            // Smart restart: a connection taken over from the previous process resumes where it was.
            RestoreHandlerProps = (connection, state) => Props.Create(() => new GpcmConnection(connection, services, state as GpcmHandoverState)),
        });
        return Task.CompletedTask;
    }

    public override void ConfigureListeners(NodeListeners listeners, NodeContext node)
    {
        if (_frontend is not null)
        {
            listeners.AddTcp("gpcm", WiimmfiNode.ListenerEndPoint(node.Options.Gpcm), _frontend, "wiimmfi.gpcm.port");
        }
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) =>
        open.MapGet("/gpcm/metrics", () => Results.Json(new
        {
            online = _sessions!.Directory.Count,
            frontend = _metrics,
            sessions = _sessions.Metrics,
        }, LoginJson.Options));
}
