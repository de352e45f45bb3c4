using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// One UDP socket as an actor (Akka.IO's UDP bind role; Kestrel has no UDP transport). A dedicated thread
/// blocks in <c>ReceiveFrom</c> and tells each datagram to the handler — on this machine a blocking receive
/// thread is the fastest .NET receive path, about 85 % of raw C (see machine-limits.md) — while
/// <see cref="Udp.Send"/> messages are sent from the actor, one at a time.
///
/// The socket is bound before the actor starts (<see cref="Bind"/>), so the caller learns the real port at
/// once, and a socket handed over by a previous process enters the same way (<see cref="Adopt"/>). The receive
/// thread wakes twice a second to notice a <see cref="Detach"/>, which stops it without closing the socket
/// (smart restart hands the socket on); stopping the actor otherwise closes the socket.
/// </summary>
public sealed class UdpBinding : UntypedActor
{
    /// <summary>Largest datagram read whole; longer ones are cut here and the protocol codec refuses them.</summary>
    private const int ReceiveBufferSize = 64 * 1024;

    private static readonly Meter IoMeter = new("Wiimmfi.Io.Udp");
    private static readonly Counter<long> ReceivedInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.udp.datagrams_received");
    private static readonly Counter<long> SentInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.udp.datagrams_sent");
    private static readonly Counter<long> SendErrorsInstrument = IoMeter.CreateCounter<long>("wiimmfi.io.udp.send_errors");

    private readonly string _name;
    private readonly Socket _socket;
    private readonly IActorRef _handler;
    private readonly UdpBindingMetrics _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private Thread? _receiver;
    private volatile bool _stopReceiving;
    private bool _detached;

    private UdpBinding(string name, Socket socket, IActorRef handler, UdpBindingMetrics metrics)
    {
        _name = name;
        _socket = socket;
        _handler = handler;
        _metrics = metrics;
        _tag = new("binding", name);
    }

    /// <summary>Stops receiving and the actor, but leaves the socket open for whoever takes it over.</summary>
    public sealed class Detach
    {
        public static Detach Instance { get; } = new();
        private Detach() { }
    }

    /// <summary>Binds a new socket to <paramref name="endpoint"/> (port 0 = any free port) and starts the binding actor.</summary>
    public static UdpBindingHandle Bind(ActorSystem system, string name, IPEndPoint endpoint, IActorRef handler)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endpoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return Adopt(system, name, socket, handler);
    }

    /// <summary>Starts a binding actor on a socket that is already bound (for example handed over at smart restart).</summary>
    public static UdpBindingHandle Adopt(ActorSystem system, string name, Socket socket, IActorRef handler)
    {
        // Bigger kernel buffers absorb bursts of heartbeats while a GC pause holds the receive thread.
        TrySet(() => socket.ReceiveBufferSize = 4 * 1024 * 1024);
        TrySet(() => socket.SendBufferSize = 1024 * 1024);
        socket.ReceiveTimeout = 500;
        var metrics = new UdpBindingMetrics();
        var actor = system.ActorOf(Props.Create(() => new UdpBinding(name, socket, handler, metrics)), $"udp-{name}");
        return new UdpBindingHandle(actor, (IPEndPoint)socket.LocalEndPoint!, socket, metrics);
    }

    private static void TrySet(Action set)
    {
        try { set(); }
        catch (SocketException) { /* the kernel caps it; the default still works */ }
    }

    protected override void PreStart()
    {
        var self = Self;
        _receiver = new Thread(() => ReceiveLoop(self)) { IsBackground = true, Name = $"udp-{_name}" };
        _receiver.Start();
        _handler.Tell(new Udp.Bound((IPEndPoint)_socket.LocalEndPoint!), self);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Udp.Send send:
                SendNow(send);
                break;
            case Udp.Unbind:
                Context.Stop(Self);
                break;
            case Detach:
                _detached = true;
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void SendNow(Udp.Send send)
    {
        try
        {
            _socket.SendTo(send.Data.Span, SocketFlags.None, send.Target);
            _metrics.Sent();
            SentInstrument.Add(1, _tag);
        }
        catch (SocketException e)
        {
            // A datagram that cannot be sent (unreachable, buffer full) is lost, as UDP datagrams may be;
            // the protocols retransmit what matters.
            _metrics.SendError();
            SendErrorsInstrument.Add(1, _tag);
            Context.Logger.LogDebug("UDP {Binding} could not send to {Target}: {Error}", _name, send.Target, e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            _metrics.SendError();
        }
    }

    private void ReceiveLoop(IActorRef self)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
        var address = new SocketAddress(_socket.AddressFamily);
        var template = _socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!_stopReceiving)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stopReceiving)
                    self.Tell(new ReceiveFailed(e.Message), self);
                return;
            }
            var remote = (IPEndPoint)template.Create(address);
            var data = buffer.AsSpan(0, length).ToArray();
            _metrics.Received();
            ReceivedInstrument.Add(1, _tag);
            _handler.Tell(new Udp.Received(data, remote), self);
        }
    }

    private sealed record ReceiveFailed(string Cause);

    protected override void PostStop()
    {
        _stopReceiving = true;
        if (!_detached) _socket.Dispose();
        if (_receiver is { } t && t != Thread.CurrentThread) t.Join(TimeSpan.FromSeconds(2));
        _handler.Tell(Udp.Unbound.Instance, ActorRefs.NoSender);
    }
}

/// <summary>A started binding: its actor, the address it really listens on, and its socket (for hand-over).</summary>
public sealed record UdpBindingHandle(IActorRef Actor, IPEndPoint LocalEndPoint, Socket Socket, UdpBindingMetrics Metrics);

/// <summary>Datagram counters of one binding, for the management API and load reports.</summary>
public sealed class UdpBindingMetrics
{
    private long _received;
    private long _sent;
    private long _sendErrors;

    public long DatagramsReceived => Interlocked.Read(ref _received);
    public long DatagramsSent => Interlocked.Read(ref _sent);
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    internal void Received() => Interlocked.Increment(ref _received);
    internal void Sent() => Interlocked.Increment(ref _sent);
    internal void SendError() => Interlocked.Increment(ref _sendErrors);
}
