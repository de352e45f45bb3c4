using Microsoft.AspNetCore.Routing;
using Wiimmfi.Actors.Frontends.Qr2;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// MASTER: the QR2 socket (UDP 27900, <c>&lt;game&gt;.master.gs…</c> and <c>&lt;game&gt;.available.gs…</c>) with its
/// front-end actor, feeding the games' matchmaking tables (<see cref="MasterTables"/>). Listener name <c>master</c>.
/// </summary>
public sealed class MasterModule : NodeModule
{
    /// <summary>The listener and UDP binding name (<c>node.Endpoint("master")</c>); a successor adopts the socket by it.</summary>
    public const string BindingName = "master";

    public override string Name => "master";

    public override bool IsEnabled(NodeContext node) => node.Options.Master.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var tables = MasterTables.GetOrStart(node);
        var frontend = node.System.ActorOf(
            Qr2Frontend.Props(tables.Region, node.Services.Get<GameListProvider>(), tables.Metrics), "qr2-frontend");
        node.BindUdp(BindingName, WiimmfiNode.ListenerEndPoint(node.Options.Master), frontend, "wiimmfi.master.port");
        return Task.CompletedTask;
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) =>
        MasterTables.GetOrStart(node).MapRoutes(open, node);

    public override Task StopAsync(NodeContext node)
    {
        // Stop taking heartbeats first; the tables stop with the shard regions later in shutdown. The binding in use
        // is looked up now: a rolled-back smart restart may have replaced the one bound at start.
        foreach (var binding in node.UdpBindings)
        {
            if (binding.Name == BindingName)
                binding.Actor.Tell(Udp.Unbind.Instance, ActorRefs.NoSender);
        }
        return Task.CompletedTask;
    }
}
