using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>
/// One UDP socket of an emulated console (its game socket, negotiation socket or a NAT-test socket), bound to a
/// loopback address. It sends raw bytes or packets (loopback targets only), and a background loop receives
/// every datagram, parses it and queues it — for <see cref="ReceiveAsync"/>, or into a shared channel when
/// several sockets feed one console. An emulated <see cref="NatFilter"/> marks what a real NAT would drop.
/// </summary>
public sealed class NatNegUdpSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly Channel<NatNegDatagram> _own = Channel.CreateUnbounded<NatNegDatagram>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ChannelWriter<NatNegDatagram>? _sink;
    private readonly ConcurrentDictionary<IPEndPoint, byte> _contacted = new();
    private readonly ConcurrentDictionary<IPAddress, byte> _contactedIps = new();
    private readonly ConcurrentQueue<NatNegDatagram> _filtered = new();
    private readonly ConcurrentQueue<NatNegDatagram> _history = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    /// <param name="address">A loopback address to bind (any port).</param>
    /// <param name="filter">The emulated NAT's filtering.</param>
    /// <param name="sink">When given, received datagrams go there instead of this socket's own queue.</param>
    public NatNegUdpSocket(IPAddress address, NatFilter filter = NatFilter.Open, ChannelWriter<NatNegDatagram>? sink = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        LoopbackGuard.Require(new IPEndPoint(address, 0));
        Filter = filter;
        _sink = sink;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint LocalEndPoint { get; }

    public NatFilter Filter { get; }

    /// <summary>Datagrams the emulated NAT dropped (never delivered by <see cref="ReceiveAsync"/>).</summary>
    public IReadOnlyCollection<NatNegDatagram> FilteredOut => _filtered;

    /// <summary>Most datagrams <see cref="History"/> keeps (the oldest go first), so a long-lived socket stays small.</summary>
    public const int HistoryLimit = 1024;

    /// <summary>The datagrams the NAT let through, oldest first, whether or not they were read (a snapshot).</summary>
    public IReadOnlyList<NatNegDatagram> History => [.. _history];

    /// <summary>How many datagrams of <paramref name="type"/> arrived (through the NAT) so far.</summary>
    public int CountReceived(NatNegPacketType type) => _history.Count(d => d.Type == type);

    public ValueTask SendAsync(NatNegPacket packet, IPEndPoint target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return SendAsync(packet.ToArray(), target, cancellationToken);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint target, CancellationToken cancellationToken = default)
    {
        LoopbackGuard.Require(target);
        // A NAT opens its filter for a destination when the first datagram goes out.
        _contacted.TryAdd(target, 0);
        _contactedIps.TryAdd(target.Address, 0);
        await _socket.SendToAsync(datagram, SocketFlags.None, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next datagram the NAT lets through; <see cref="TimeoutException"/> when none comes in time.</summary>
    public async Task<NatNegDatagram> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await TryReceiveAsync(timeout, cancellationToken).ConfigureAwait(false)
        ?? throw new TimeoutException($"No datagram reached {LocalEndPoint} within {timeout.TotalMilliseconds} ms.");

    /// <summary>The next datagram the NAT lets through, or null when none comes in time.</summary>
    public async Task<NatNegDatagram?> TryReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_sink is not null) throw new InvalidOperationException("This socket feeds a shared channel; read that instead.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _own.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Waits for a datagram of <paramref name="type"/>, skipping (and returning in <paramref name="skipped"/>) others.</summary>
    public async Task<NatNegDatagram> ReceiveAsync(NatNegPacketType type, TimeSpan timeout, List<NatNegDatagram>? skipped = null, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            var datagram = await ReceiveAsync(left, cancellationToken).ConfigureAwait(false);
            if (datagram.Type == type) return datagram;
            skipped?.Add(datagram);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP port unreachable reported on the next receive
            }
            var bytes = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            var from = (IPEndPoint)result.RemoteEndPoint;
            var parsed = NatNegParser.Parse(bytes);
            var datagram = new NatNegDatagram(this, bytes, parsed.Packet, parsed.Reason, from, Stopwatch.GetTimestamp(), !Passes(from));
            if (datagram.FilteredByNat)
            {
                _filtered.Enqueue(datagram);
            }
            else
            {
                _history.Enqueue(datagram);
                while (_history.Count > HistoryLimit) _history.TryDequeue(out _);
            }
            if (_sink is not null) _sink.TryWrite(datagram);
            else if (!datagram.FilteredByNat) _own.Writer.TryWrite(datagram);
        }
    }

    private bool Passes(IPEndPoint from) => Filter switch
    {
        NatFilter.AddressRestricted => _contactedIps.ContainsKey(from.Address),
        NatFilter.PortRestricted => _contacted.ContainsKey(from),
        _ => true,
    };

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try { _receiving.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { /* the loop ends with the socket */ }
        _stop.Dispose();
    }
}
