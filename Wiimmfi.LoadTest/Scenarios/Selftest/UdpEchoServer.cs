using System.Net;
using System.Net.Sockets;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Selftest;

/// <summary>
/// A UDP echo on a loopback address, run by the tool itself so the engine can be demonstrated and tested with no
/// server. One thread blocks in ReceiveFrom and sends each datagram straight back (the fastest .NET path on this
/// machine, see machine-limits.md); disposing closes the socket, which ends the thread.
/// </summary>
public sealed class UdpEchoServer : IAsyncDisposable
{
    /// <summary>The largest datagram echoed whole; a UDP payload cannot be larger.</summary>
    private const int MaxDatagram = 65_507;

    private readonly Socket _socket;
    private readonly Thread _thread;

    public UdpEchoServer(IPAddress address, int port = 0)
    {
        LoopbackAddresses.Require(address);
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, port));
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(Echo) { IsBackground = true, Name = "selftest-udp-echo" };
        _thread.Start();
    }

    public IPEndPoint Endpoint { get; }

    private void Echo()
    {
        var buffer = new byte[MaxDatagram];
        var remote = new SocketAddress(_socket.AddressFamily);
        while (true)
        {
            try
            {
                var length = _socket.ReceiveFrom(buffer, SocketFlags.None, remote);
                _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, remote);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // A client that went away (ICMP port unreachable) or sent too much: skip it, keep serving.
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // closed
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _thread.Join(TimeSpan.FromSeconds(5));
        return ValueTask.CompletedTask;
    }
}
