using System.Net;
using Wiimmfi.Actors.Runtime.Io;

namespace Wiimmfi.Host.Node;

/// <summary>The TCP listeners modules declare; the node binds them on Kestrel's connection layer.</summary>
public sealed class NodeListeners
{
    private readonly List<TcpListenerDeclaration> _declared = [];

    public IReadOnlyList<TcpListenerDeclaration> Declared => _declared;

    /// <summary>
    /// Serves <paramref name="frontend"/> on <paramref name="endpoint"/>. <paramref name="setting"/> is the
    /// configuration key of its port, named in the error when the port cannot be bound.
    /// </summary>
    public void AddTcp(string name, IPEndPoint endpoint, TcpFrontend frontend, string setting) =>
        _declared.Add(new TcpListenerDeclaration(name, endpoint, frontend, setting));
}

/// <summary>A TCP listener a module asked for.</summary>
public sealed record TcpListenerDeclaration(string Name, IPEndPoint EndPoint, TcpFrontend Frontend, string Setting);
