using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Wiimmfi.Host.Node;

/// <summary>
/// One protocol or service of the node (NAS, GPCM, MASTER, SAKE…) as the composition root sees it. A module
/// creates its actors and UDP bindings in <see cref="StartAsync"/>, declares its TCP listeners in
/// <see cref="ConfigureListeners"/>, maps its HTTP routes on the public listener and its routes on the
/// management listener. <see cref="WiimmfiNode"/> calls the hooks in that order, once, for every enabled
/// module; a new protocol is a new module registered in <see cref="NodeModules"/>.
/// </summary>
public abstract class NodeModule
{
    /// <summary>Short name for logs and readiness, e.g. <c>gpcm</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the configuration turns this module on.</summary>
    public virtual bool IsEnabled(NodeContext node) => true;

    /// <summary>Creates the module's actors, shard regions and UDP bindings. The store and actor system are ready.</summary>
    public virtual Task StartAsync(NodeContext node, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Declares TCP listeners served on Kestrel's connection layer.</summary>
    public virtual void ConfigureListeners(NodeListeners listeners, NodeContext node) { }

    /// <summary>
    /// Adds connection middleware to the public HTTP listener before Kestrel parses requests (NAS uses it to
    /// drop the duplicate <c>Host</c> headers some DWC clients send, which Kestrel would answer with 400).
    /// </summary>
    public virtual void ConfigurePublicHttpListener(ListenOptions listen, NodeContext node) { }

    /// <summary>Maps HTTP routes on the public (NAS) listener, which consoles reach on port 80.</summary>
    public virtual void MapPublicRoutes(IEndpointRouteBuilder routes, NodeContext node) { }

    /// <summary>
    /// Maps routes on the management listener: <paramref name="open"/> needs no credentials (health, read-only
    /// status), <paramref name="admin"/> requires the operator's credentials.
    /// </summary>
    public virtual void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node) { }

    /// <summary>
    /// First step of shutdown (before the listeners close): stop taking new work, for example close a UDP socket.
    /// Connections of TCP listeners are closed by the node.
    /// </summary>
    public virtual Task StopAsync(NodeContext node) => Task.CompletedTask;
}
