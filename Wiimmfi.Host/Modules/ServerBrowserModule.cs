using Microsoft.AspNetCore.Routing;
using Wiimmfi.Actors.Frontends.ServerBrowser;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// MS, the server browser (TCP 28910, <c>&lt;game&gt;.ms&lt;N&gt;.gs…</c>): one <see cref="ServerBrowserConnection"/>
/// per connection on Kestrel's connection layer, searching the matchmaking tables (<see cref="MasterTables"/>).
/// Listener name <c>ms</c>.
/// </summary>
public sealed class ServerBrowserModule : NodeModule
{
    private TcpFrontend? _frontend;

    public override string Name => "ms";

    public override bool IsEnabled(NodeContext node) => node.Options.Ms.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var tables = MasterTables.GetOrStart(node);
        var games = node.Services.Get<GameListProvider>();
        var options = node.Options.Ms;
        if (options.KeepAliveInterval <= TimeSpan.Zero || options.IdleTimeout <= TimeSpan.Zero)
            throw new NodeStartupException("wiimmfi.ms.keep-alive-interval and wiimmfi.ms.idle-timeout must be positive.");
        var settings = new ServerBrowserSettings
        {
            KeepAliveInterval = options.KeepAliveInterval,
            IdleTimeout = options.IdleTimeout,
            QueryTimeout = node.Options.Actors.AskTimeout,
        };
        _frontend = new TcpFrontend(node.System, new TcpFrontendSettings("ms", () => new SbFrameDecoder(),
            connection => ServerBrowserConnection.Props(connection, tables.Region, games, settings, tables.Metrics))
        {
            RestoreHandlerProps = (connection, state) => ServerBrowserConnection.Props(connection, tables.Region, games, settings,
                tables.Metrics, state as ServerBrowserHandoverState),
        });
        return Task.CompletedTask;
    }

    public override void ConfigureListeners(NodeListeners listeners, NodeContext node)
    {
        if (_frontend is not null)
            listeners.AddTcp("ms", WiimmfiNode.ListenerEndPoint(node.Options.Ms), _frontend, "wiimmfi.ms.port");
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) =>
        MasterTables.GetOrStart(node).MapRoutes(open, node);
}
