using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.ConsoleEmulator.Gpcm;

/// <summary>
/// A TCP connection that speaks GameSpy text messages (GPCM, GPSP): messages are sent whole, and a
/// background reader frames what arrives at <c>\final\</c> and queues each parsed message, so a test
/// can wait for the message it expects. Knows nothing about either protocol's meaning.
/// </summary>
public sealed class GameSpyStream : IAsyncDisposable
{
    /// <summary>How long a wait for a message lasts when the caller gives no timeout (generous: tests run on busy machines).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    // The server's messages are small; 64 KiB bounds the emulator's buffer against a broken server.
    private const int MaxMessageBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly Channel<GameSpyMessage> _incoming = Channel.CreateUnbounded<GameSpyMessage>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private int _disposed;

    private GameSpyStream(Socket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>True once the server has closed the connection (or it failed).</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Completes when the server has closed the connection.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects to a loopback endpoint.</summary>
    public static async Task<GameSpyStream> ConnectAsync(IPEndPoint target, CancellationToken cancellationToken = default)
    {
        LoopbackGuard.Require(target);
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new GameSpyStream(socket);
    }

    /// <summary>Sends one message.</summary>
    public Task SendAsync(IGameSpyWritable message, CancellationToken cancellationToken = default) =>
        SendRawAsync(message.ToBytes(), cancellationToken);

    /// <summary>Sends bytes as they are (split messages, junk, oversized input).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                bytes = bytes[sent..];
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>The next message; throws <see cref="TimeoutException"/>, or <see cref="EndOfStreamException"/> when the server closed first.</summary>
    public async Task<GameSpyMessage> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _incoming.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new EndOfStreamException("The server closed the connection.");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message arrived within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Skips messages until one matches; the skipped ones are gone.</summary>
    public async Task<GameSpyMessage> WaitForAsync(Func<GameSpyMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("The expected message did not arrive in time.");
            }

            var message = await ReceiveAsync(left).ConfigureAwait(false);
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>Messages already received and not yet taken (does not wait).</summary>
    public IReadOnlyList<GameSpyMessage> Drain()
    {
        var messages = new List<GameSpyMessage>();
        while (_incoming.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Waits until the server closes the connection; false when it is still open after the timeout.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(_closed.Task, Task.Delay(timeout ?? DefaultTimeout)).ConfigureAwait(false);
        return finished == _closed.Task;
    }

    /// <summary>Closes our side (FIN), like a console leaving; the server sees a logout.</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _socket.Dispose();
        await _reader.ConfigureAwait(false);
        _stop.Dispose();
        _sendGate.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[MaxMessageBytes];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    break; // a message larger than the bound: treat the connection as broken
                }

                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                var consumedTotal = 0;
                while (GameSpyFraming.FindMessage(buffer.AsSpan(consumedTotal, filled - consumedTotal), MaxMessageBytes, out var bodyLength, out var consumed)
                       == GameSpyFrameStatus.Complete)
                {
                    if (GameSpyMessage.TryParse(buffer.AsSpan(consumedTotal, bodyLength), out var message, out _))
                    {
                        _incoming.Writer.TryWrite(message);
                    }

                    consumedTotal += consumed;
                }

                buffer.AsSpan(consumedTotal, filled - consumedTotal).CopyTo(buffer);
                filled -= consumedTotal;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _incoming.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }
}
