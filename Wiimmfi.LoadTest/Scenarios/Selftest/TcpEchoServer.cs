using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Selftest;

/// <summary>
/// A TCP echo on a loopback address for the self-test: accepts connections and writes back whatever each one
/// sends. Its connections live in the load process too, so a self-test user costs two file descriptors; the
/// connection cap keeps the tool clear of the 20,000-files limit.
/// </summary>
public sealed class TcpEchoServer : IAsyncDisposable
{
    /// <summary>Connections served at once; more are closed at accept (2 × 9,000 descriptors stays under 20,000).</summary>
    public const int MaxConnections = 9_000;

    private const int BufferSize = 4096;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _connections = new();
    private readonly Task _acceptLoop;

    public TcpEchoServer(IPAddress address, int port = 0)
    {
        LoopbackAddresses.Require(address);
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, port));
        _listener.Listen(4096); // the kernel caps it at somaxconn; connection storms need the deep queue
        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptAsync();
    }

    public IPEndPoint Endpoint { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a connection that died in the queue, or a descriptor shortage: keep accepting
            }
            if (_connections.Count >= MaxConnections)
            {
                connection.Dispose();
                continue;
            }
            connection.NoDelay = true;
            _connections[connection] = 0;
            _ = EchoAsync(connection);
        }
    }

    private async Task EchoAsync(Socket connection)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0) break;
                var sent = 0;
                while (sent < read)
                    sent += await connection.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var connection in _connections.Keys) connection.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
