using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Runtime.Io.Handover;
using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Host.Restart;

/// <summary>
/// The successor's side of a smart restart. Created before the node starts: it greets the predecessor and takes
/// duplicates of every listening and UDP socket, which the node then serves instead of binding its own — with
/// every input held back (UDP bindings gated, TCP front-ends holding new connections). When the node is up,
/// <see cref="CompleteAsync"/> reports Prepared, receives the predecessor's live connections and the datagrams it
/// read last, parks the connections (built when their consoles send, or in the background after Ready — see
/// <see cref="TcpParkingLot{T}"/>), releases the inputs and reports Ready.
/// </summary>
public sealed class Takeover : IDisposable
{
    private readonly HandoverConversation _conversation;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Socket> _listeners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Socket> _udp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<IReadOnlyList<Udp.Received>>> _udpGates = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Diagnostics.Stopwatch _sinceHello = System.Diagnostics.Stopwatch.StartNew();

    private Takeover(HandoverConversation conversation, ILogger logger)
    {
        _conversation = conversation;
        _logger = logger;
    }

    /// <summary>Listening sockets handed over, by listener name (<c>nas</c>, <c>gpcm</c>, <c>management</c>…).</summary>
    public IReadOnlyDictionary<string, Socket> ListenSockets => _listeners;

    /// <summary>Completes when the predecessor's connections are adopted: TCP front-ends hold new connections until then.</summary>
    public Task Released => _released.Task;

    /// <summary>Connects to the predecessor's channel, says hello and receives the sockets.</summary>
    public static Takeover Connect(string channelPath, ILogger logger, TimeSpan timeout)
    {
        var channel = UnixFdChannel.Connect(channelPath);
        channel.ReceiveTimeout = timeout;
        var conversation = new HandoverConversation(channel);
        var takeover = new Takeover(conversation, logger);
        try
        {
            conversation.Send(HandoverMessageKind.Hello, new HelloMessage(Environment.ProcessId, typeof(Takeover).Assembly.GetName().Version?.ToString() ?? "?"),
                HandoverJsonContext.Default.HelloMessage);
            var (sockets, fds) = conversation.Receive(HandoverMessageKind.Sockets, HandoverJsonContext.Default.SocketsMessage);
            var i = 0;
            foreach (var name in sockets.Listeners) takeover._listeners[name] = Wrap(fds[i++]);
            foreach (var name in sockets.Udp) takeover._udp[name] = Wrap(fds[i++]);
            logger.LogInformation("Taking over from a running node: {Listeners} listeners, {Udp} UDP sockets", sockets.Listeners.Count, sockets.Udp.Count);
            return takeover;
        }
        catch
        {
            takeover.Dispose();
            throw;
        }
    }

    private static Socket Wrap(int fd) => new(new SafeSocketHandle(fd, ownsHandle: true));

    /// <summary>
    /// Adopts the predecessor's UDP socket <paramref name="name"/> if it handed one over: the binding reads nothing
    /// until the switch, then delivers the predecessor's last datagrams first.
    /// </summary>
    public bool TryAdoptUdp(ActorSystem system, string name, IActorRef handler, out UdpBindingHandle handle)
    {
        if (!_udp.Remove(name, out var socket))
        {
            handle = null!;
            return false;
        }
        var gate = new TaskCompletionSource<IReadOnlyList<Udp.Received>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _udpGates[name] = gate;
        handle = UdpBinding.AdoptGated(system, name, socket, handler, gate.Task);
        return true;
    }

    /// <summary>
    /// Runs the switch from the successor's side: Prepared → (the predecessor switches) → adopt everything → Ready.
    /// </summary>
    public async Task<ReadyMessage> CompleteAsync(ActorSystem system, WireTypeRegistry wireTypes, IReadOnlyDictionary<string, TcpFrontend> frontends, CancellationToken cancellationToken)
    {
        var serializer = new MessageSerializer(wireTypes, system);
        return await Task.Run(() =>
        {
            _conversation.Send(HandoverMessageKind.Prepared, new PreparedMessage(_sinceHello.ElapsedMilliseconds), HandoverJsonContext.Default.PreparedMessage);
            var (switching, _) = _conversation.Receive(HandoverMessageKind.Switch, HandoverJsonContext.Default.SwitchMessage);
            var adopted = 0;
            // Connections are parked, not built, during the switch (see TcpParkingLot): each is built when its
            // console next sends, or in the background once this node is ready.
            var parking = SocketDescriptors.IsSupported
                ? new TcpParkingLot<(ConnectionDto Connection, TcpFrontend Frontend)>(
                    (fd, parked) => Adopt(parked.Connection, fd, parked.Frontend, serializer), _logger)
                : null;
            CompleteMessage complete;
            try
            {
                for (var batch = 0; batch < switching.ConnectionBatches; batch++)
                {
                    var (connections, fds) = _conversation.Receive(HandoverMessageKind.Connections, HandoverJsonContext.Default.ConnectionsMessage);
                    for (var i = 0; i < connections.Connections.Count; i++)
                    {
                        var connection = connections.Connections[i];
                        if (!frontends.TryGetValue(connection.Protocol, out var frontend))
                        {
                            _logger.LogWarning("A handed-over {Protocol} connection has no front-end here; closing it", connection.Protocol);
                            SocketDescriptors.Close(fds[i]);
                            continue;
                        }
                        adopted++;
                        // Bytes owed either way (unparsed input, unsent output) are served at once.
                        if (parking is null || connection.UnreadBytes.Length > 0 || connection.UnsentBytes.Length > 0)
                            Adopt(connection, fds[i], frontend, serializer);
                        else
                            parking.Park(fds[i], (connection, frontend));
                    }
                }
                (complete, _) = _conversation.Receive(HandoverMessageKind.Complete, HandoverJsonContext.Default.CompleteMessage);
            }
            catch
            {
                // The switch failed before Ready: the predecessor takes its connections back, so ours are closed.
                parking?.Dispose();
                throw;
            }

            var delivered = 0;
            foreach (var capture in switching.Udp)
            {
                if (!_udpGates.Remove(capture.Name, out var gate)) continue;
                delivered += capture.Datagrams.Count;
                gate.TrySetResult([.. capture.Datagrams.Select(d => new Udp.Received(d.Data, new IPEndPoint(IPAddress.Parse(d.Address), d.Port)))]);
            }
            foreach (var gate in _udpGates.Values) gate.TrySetResult([]);
            _udpGates.Clear();
            _released.TrySetResult();
            var ready = new ReadyMessage(adopted, delivered);
            _conversation.Send(HandoverMessageKind.Ready, ready, HandoverJsonContext.Default.ReadyMessage);
            parking?.WakeTheRest();
            _logger.LogInformation("Took over {Connections} connections ({Failed} failed at the predecessor) and {Datagrams} datagrams",
                adopted, complete.FailedConnections, delivered);
            return ready;
        }, cancellationToken).ConfigureAwait(false);
    }

    private void Adopt(ConnectionDto connection, int fd, TcpFrontend frontend, MessageSerializer serializer)
    {
        var socket = Wrap(fd);
        object? state = null;
        if (connection.StateManifest is { } manifest && connection.State is { } payload)
        {
            try
            {
                state = serializer.FromBinary(payload, manifest);
            }
            catch (MessageSerializationException e)
            {
                _logger.LogWarning("Handed-over {Protocol} connection state [{Manifest}] is unreadable ({Error}); it starts fresh", connection.Protocol, manifest, e.Message);
            }
        }
        _ = frontend.AdoptAsync(socket, connection.UnreadBytes, TcpAdoption.For(socket, state, connection.UnsentBytes));
    }

    /// <summary>Gives up (before Ready): the predecessor keeps serving.</summary>
    public void Abort(string reason) => _conversation.Abort(reason);

    public void Dispose()
    {
        foreach (var gate in _udpGates.Values) gate.TrySetCanceled();
        foreach (var socket in _udp.Values) socket.Dispose();
        _conversation.Dispose();
    }
}
