using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Configuration;

namespace Wiimmfi.Host.Node;

/// <summary>What every module of a running node can use: settings, actor system, store, clock, and the registry
/// of bound endpoints. Created once by <see cref="WiimmfiNode"/>.</summary>
public sealed class NodeContext
{
    private readonly List<UdpBindingHandle> _udpBindings = [];
    private readonly List<TcpFrontend> _tcpFrontends = [];

    internal NodeContext(WiimmfiOptions options, ActorSystem system, IWiimmfiStore store, ILoggerFactory loggerFactory, TimeProvider time, string dataFolder)
    {
        Options = options;
        System = system;
        Store = store;
        LoggerFactory = loggerFactory;
        Time = time;
        DataFolder = dataFolder;
    }

    public WiimmfiOptions Options { get; }
    public ActorSystem System { get; }
    public IWiimmfiStore Store { get; }
    public ILoggerFactory LoggerFactory { get; }
    public TimeProvider Time { get; }

    /// <summary>Absolute path of the node's data folder (created at start).</summary>
    public string DataFolder { get; }

    public NodeEndpoints Endpoints { get; } = new();

    /// <summary>
    /// Every <c>[WireName]</c> type the node's code knows (the runtime's and every module's assembly): what hand-over
    /// state and persisted events are read and written with.
    /// </summary>
    public Wiimmfi.Actors.Runtime.Serialization.WireTypeRegistry WireTypes { get; internal set; } = Wiimmfi.Actors.Runtime.Serialization.WireTypeRegistry.Default;

    /// <summary>Components modules share (the game list, the region of an entity type…), by type.</summary>
    public NodeServices Services { get; } = new();

    public IReadOnlyList<UdpBindingHandle> UdpBindings => _udpBindings;

    /// <summary>Set while this node takes over from a running one (smart restart): sockets come from it.</summary>
    public Restart.Takeover? Takeover { get; internal set; }

    /// <summary>A binding re-created on its own socket (a hand-over rolled back).</summary>
    internal void ReplaceUdpBinding(UdpBindingHandle old, UdpBindingHandle replacement)
    {
        lock (_udpBindings)
        {
            var index = _udpBindings.IndexOf(old);
            if (index >= 0) _udpBindings[index] = replacement;
            else _udpBindings.Add(replacement);
        }
    }

    /// <summary>The TCP front-ends the modules declared (for metrics and shutdown).</summary>
    public IReadOnlyList<TcpFrontend> TcpFrontends => _tcpFrontends;

    internal void AddTcpFrontend(TcpFrontend frontend)
    {
        lock (_tcpFrontends) _tcpFrontends.Add(frontend);
    }

    /// <summary>
    /// Binds a UDP socket for <paramref name="name"/> and starts its binding actor, telling datagrams to
    /// <paramref name="handler"/>. A port that cannot be bound stops start-up with a message naming
    /// <paramref name="setting"/>.
    /// </summary>
    public UdpBindingHandle BindUdp(string name, IPEndPoint endpoint, IActorRef handler, string setting)
    {
        UdpBindingHandle handle;
        try
        {
            handle = Takeover is { } takeover && takeover.TryAdoptUdp(System, name, handler, out var adopted)
                ? adopted
                : UdpBinding.Bind(System, name, endpoint, handler);
        }
        catch (SocketException e)
        {
            throw ListenerErrors.CannotBind(name, "UDP", endpoint, setting, e);
        }
        lock (_udpBindings) _udpBindings.Add(handle);
        Endpoints.Report(name, handle.LocalEndPoint, "udp");
        return handle;
    }
}
