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
    private volatile bool _capturing;
    private IPEndPoint? _wakeFrom;
    private readonly List<Udp.Received> _captured = [];
    private readonly TaskCompletionSource _receiverStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IActorRef? _handoverRequester;
    private bool _detached;

    private readonly IReadOnlyList<Udp.Received> _deliverFirst;
    private readonly Task<IReadOnlyList<Udp.Received>>? _gate;

    private UdpBinding(string name, Socket socket, IActorRef handler, UdpBindingMetrics metrics, IReadOnlyList<Udp.Received>? deliverFirst = null,
        Task<IReadOnlyList<Udp.Received>>? gate = null)
    {
        _deliverFirst = deliverFirst ?? [];
        _gate = gate;
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
        return Adopt(system, name, socket, handler, null);
    }

    /// <summary>Starts a binding actor on a socket that is already bound (for example handed over at smart restart).</summary>
    public static UdpBindingHandle Adopt(ActorSystem system, string name, Socket socket, IActorRef handler) =>
        Adopt(system, name, socket, handler, null);

    /// <summary>
    /// Starts a binding actor on a socket handed over by a previous process; <paramref name="deliverFirst"/> are the
    /// datagrams that process read during the hand-over, delivered before anything new is read.
    /// </summary>
    public static UdpBindingHandle Adopt(ActorSystem system, string name, Socket socket, IActorRef handler, IReadOnlyList<Udp.Received>? deliverFirst)
    {
        // Bigger kernel buffers absorb bursts of heartbeats while a GC pause holds the receive thread.
        TrySet(() => socket.ReceiveBufferSize = 4 * 1024 * 1024);
        TrySet(() => socket.SendBufferSize = 1024 * 1024);
        socket.ReceiveTimeout = 500;
        var metrics = new UdpBindingMetrics();
        var actor = system.ActorOf(Props.Create(() => new UdpBinding(name, socket, handler, metrics, deliverFirst)), $"udp-{name}");
        return new UdpBindingHandle(actor, (IPEndPoint)socket.LocalEndPoint!, socket, metrics) { Name = name, Handler = handler };
    }

    /// <summary>
    /// Like <see cref="Adopt(ActorSystem, string, Socket, IActorRef, IReadOnlyList{Udp.Received})"/>, but nothing is
    /// read until <paramref name="gate"/> completes (while a predecessor still reads the same socket); its result is
    /// delivered first — the datagrams the predecessor read after it stopped.
    /// </summary>
    public static UdpBindingHandle AdoptGated(ActorSystem system, string name, Socket socket, IActorRef handler, Task<IReadOnlyList<Udp.Received>> gate)
    {
        TrySet(() => socket.ReceiveBufferSize = 4 * 1024 * 1024);
        TrySet(() => socket.SendBufferSize = 1024 * 1024);
        socket.ReceiveTimeout = 500;
        var metrics = new UdpBindingMetrics();
        var actor = system.ActorOf(Props.Create(() => new UdpBinding(name, socket, handler, metrics, null, gate)), $"udp-{name}");
        return new UdpBindingHandle(actor, (IPEndPoint)socket.LocalEndPoint!, socket, metrics) { Name = name, Handler = handler };
    }

    private static void TrySet(Action set)
    {
        try { set(); }
        catch (SocketException) { /* the kernel caps it; the default still works */ }
    }

    protected override void PreStart()
    {
        var self = Self;
        _handler.Tell(new Udp.Bound((IPEndPoint)_socket.LocalEndPoint!), self);
        // Datagrams a predecessor read during the hand-over come before anything read here.
        foreach (var datagram in _deliverFirst)
        {
            _metrics.Received();
            _handler.Tell(datagram, self);
        }
        _receiver = new Thread(() => ReceiveLoop(self)) { IsBackground = true, Name = $"udp-{_name}" };
        _receiver.Start();
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
            case CaptureForHandover:
                BeginCapture(Sender);
                break;
            case CaptureComplete:
                FinishCapture();
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

    /// <summary>
    /// Smart restart: stop reading at a precise point and hand the socket over. Every datagram the receive thread
    /// takes from now on is kept instead of delivered, until a wake-up datagram this binding sends to itself comes
    /// back: the kernel queue is FIFO, so everything that arrived before the wake-up has then been read and kept,
    /// and everything after it stays in the socket for the successor. Replies <see cref="UdpHandoverPackage"/>.
    /// </summary>
    public sealed class CaptureForHandover
    {
        public static CaptureForHandover Instance { get; } = new();
        private CaptureForHandover() { }
    }

    private sealed class CaptureComplete
    {
        public static CaptureComplete Instance { get; } = new();
    }

    private static ReadOnlySpan<byte> WakeMagic => "wiimmfi-handover-wake"u8;

    private void BeginCapture(IActorRef requester)
    {
        if (_handoverRequester is not null) return;
        _handoverRequester = requester;
        var local = (IPEndPoint)_socket.LocalEndPoint!;
        var target = local.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, local.Port)
            : local.Address.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.IPv6Loopback, local.Port) : local;
        using (var wake = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
        {
            wake.Bind(new IPEndPoint(target.Address, 0));
            _wakeFrom = (IPEndPoint)wake.LocalEndPoint!;
            _capturing = true;
            wake.SendTo(WakeMagic, target);
        }
        var self = Self;
        _receiverStopped.Task.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => self.Tell(CaptureComplete.Instance, self),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void FinishCapture()
    {
        _stopReceiving = true; // in case the wake-up never came back
        List<Udp.Received> captured;
        lock (_captured) captured = [.. _captured];
        var descriptor = Handover.SocketDescriptors.Duplicate(_socket);
        _handoverRequester!.Tell(new Handover.UdpHandoverPackage(_name, descriptor, (IPEndPoint)_socket.LocalEndPoint!,
            [.. captured.Select(c => new Handover.CapturedDatagram(c.Data.ToArray(), c.Remote.Address.ToString(), c.Remote.Port))]), Self);
        // Replies to datagrams read before the switch still go out from here (the socket is shared); the
        // receive thread has stopped, so nothing more is read here.
        Context.Logger.LogDebug("UDP {Binding} handed over ({Count} datagrams captured); sending only from now on", _name, captured.Count);
    }

    private void ReceiveLoop(IActorRef self)
    {
        try
        {
            if (_gate is not null)
            {
                // A predecessor still reads this socket: wait for it to let go, then deliver what it kept.
                IReadOnlyList<Udp.Received> first;
                try
                {
                    first = _gate.GetAwaiter().GetResult();
                }
                catch (Exception)
                {
                    return;
                }
                foreach (var datagram in first)
                {
                    _metrics.Received();
                    _handler.Tell(datagram, self);
                }
            }
            ReceiveUntilStopped(self);
        }
        finally
        {
            _receiverStopped.TrySetResult();
        }
    }

    private void ReceiveUntilStopped(IActorRef self)
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
            if (_capturing)
            {
                if (remote.Equals(_wakeFrom) && data.AsSpan().SequenceEqual(WakeMagic)) return;
                lock (_captured) _captured.Add(new Udp.Received(data, remote));
                continue;
            }
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
public sealed record UdpBindingHandle(IActorRef Actor, IPEndPoint LocalEndPoint, Socket Socket, UdpBindingMetrics Metrics)
{
    /// <summary>The binding's name (<c>master</c>, <c>natneg</c>…), which a successor process looks it up by.</summary>
    public string Name { get; init; } = "";

    /// <summary>The actor the datagrams go to.</summary>
    public IActorRef Handler { get; init; } = ActorRefs.Nobody;
}

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
