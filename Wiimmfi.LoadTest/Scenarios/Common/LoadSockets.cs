using System.Net;
using System.Net.Sockets;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Common;

/// <summary>
/// Sockets for emulated consoles, bound to the user's loopback source address when the run gives one. A capacity
/// run spreads thousands of connections over 127.0.x.y so that no single address runs out of ephemeral ports and no
/// 4-tuple left in TIME_WAIT by an earlier run stalls a connect (machine-limits.md, "connection storms").
/// </summary>
public static class LoadSockets
{
    // Linux: IPPROTO_IP (0) / IP_BIND_ADDRESS_NO_PORT (24). Binding a TCP socket to an address with port 0 would
    // otherwise reserve a port at bind time, before the kernel knows the destination, and connects slow down to
    // ~2k/s once thousands of ports are taken; with this option the port is picked at connect, per 4-tuple.
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    /// <summary>A TCP socket (Nagle off: every GameSpy message is one small write) bound to <paramref name="source"/> if given.</summary>
    public static Socket Tcp(IPEndPoint target, IPAddress? source)
    {
        LoopbackAddresses.Require(target);
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null)
            {
                LoopbackAddresses.Require(source);
                if (OperatingSystem.IsLinux() && source.AddressFamily == AddressFamily.InterNetwork)
                    socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(source, 0));
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects a new TCP socket to <paramref name="target"/> from <paramref name="source"/>.</summary>
    public static async Task<Socket> ConnectTcpAsync(IPEndPoint target, IPAddress? source, CancellationToken cancellationToken)
    {
        var socket = Tcp(target, source);
        try
        {
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A UDP socket on <paramref name="source"/> (127.0.0.1 when null) and a free port.</summary>
    public static Socket Udp(IPAddress? source)
    {
        var address = source ?? IPAddress.Loopback;
        LoopbackAddresses.Require(address);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
