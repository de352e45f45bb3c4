using System.Net;
using System.Net.Sockets;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.LoadTest.Scenarios.Common;

/// <summary>
/// One emulated console's GPCM connection, lean enough for thousands per load process: the login as the GP SDK
/// does it (the server's proof checked too), keep-alives, status, buddy messages, logout — all built with the
/// <c>Wiimmfi.Protocols</c> codecs, like the emulator's <c>GpcmClient</c>.
/// </summary>
/// <remarks>
/// <para><b>How waiting works.</b> A step registers what it expects (<see cref="ExpectAsync"/>) before it sends;
/// the connection's read loop frames what arrives at <c>\final\</c>, parses it and hands each message to the first
/// waiter that matches. Messages nobody waits for are dropped (a console that sits online must not queue every
/// keep-alive for ever). An <c>\error\</c> goes to every waiter, so a refused step fails at once with the server's
/// code; a closed connection fails every waiter with <see cref="EndOfStreamException"/> (<c>closed-by-server</c>).</para>
/// <para><b>Why not the emulator's client.</b> <c>GameSpyStream</c> keeps a 64 KiB buffer and an unbounded queue per
/// connection, waits on wall-clock timeouts rather than the step's token, and cannot bind a source address; a
/// capacity run holds ~5,000 connections per load process, each bound to a 127.0.x.y address.</para>
/// <para><b>Bounds.</b> The read buffer starts at 1 KiB and grows to <see cref="MaxMessageBytes"/>; a longer
/// message breaks the connection (a broken server must not grow the generator without bound).</para>
/// </remarks>
public sealed class GpcmLoadConnection : IAsyncDisposable
{
    /// <summary>Largest server message accepted: a login's buddy list is the longest (the server's own bound is 16 KiB per input).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private const int InitialBufferBytes = 1024;

    private readonly Socket _socket;
    private readonly List<Waiter> _waiters = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private long _bytesIn;
    private long _bytesOut;
    private int _serverKeepAlives;
    private int _disposed;

    private GpcmLoadConnection(Socket socket) => _socket = socket;

    /// <summary>The server's <c>\lc\1</c> challenge.</summary>
    public string ServerChallenge { get; private set; } = "";

    /// <summary>Profile id and session key of the accepted login (0 before).</summary>
    public uint ProfileId { get; private set; }

    public int SessionKey { get; private set; }

    public bool IsLoggedIn => SessionKey != 0;

    /// <summary>True once the server closed the connection (or it failed).</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary><c>\ka\</c> messages the server sent that no step waited for (its own keep-alives to a quiet console).</summary>
    public int UnsolicitedKeepAlives => Volatile.Read(ref _serverKeepAlives);

    /// <summary>Connects from <paramref name="source"/> and reads the greeting (<c>\lc\1</c>).</summary>
    public static async Task<GpcmLoadConnection> ConnectAsync(IPEndPoint target, IPAddress? source, CancellationToken cancellationToken)
    {
        var socket = await LoadSockets.ConnectTcpAsync(target, source, cancellationToken).ConfigureAwait(false);
        var connection = new GpcmLoadConnection(socket);
        try
        {
            // The waiter exists before the read loop starts, so the greeting cannot slip past it.
            var greeting = connection.ExpectAsync(static m => m.Command == "lc", cancellationToken);
            connection._reader = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
            var message = await greeting.ConfigureAwait(false);
            if (!GpcmLoginChallenge.TryParse(message, out var challenge))
                throw new GpcmLoadException("gpcm-bad-greeting", $"GPCM greeted with {message.Command} instead of \\lc\\1");
            connection.ServerChallenge = challenge.ServerChallenge;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Logs in with a NAS token and challenge as Mario Kart Wii does and checks the server's proof. Throws
    /// <see cref="GpcmLoadException"/> (<c>gpcm-error-&lt;code&gt;</c>, <c>gpcm-bad-proof</c>) when refused.
    /// </summary>
    public async Task LoginAsync(string authToken, string nasChallenge, CancellationToken cancellationToken)
    {
        var clientChallenge = GpcmLoginProof.CreateClientChallenge();
        var response = GpcmLoginProof.ComputeResponse(nasChallenge, authToken, clientChallenge, ServerChallenge);
        var answer = ExpectAsync(static m => m.Command is "lc" or "error", cancellationToken);
        await SendAsync(GpcmLoginRequest.ForMarioKartWii(clientChallenge, authToken, response), cancellationToken).ConfigureAwait(false);
        var message = await answer.ConfigureAwait(false);
        if (message.Command == "error") throw FromError(message);
        if (!GpcmLoginReply.TryParse(message, out var reply))
            throw new GpcmLoadException("gpcm-bad-reply", $"GPCM answered the login with {message.Command}");
        if (reply.Proof != GpcmLoginProof.ComputeProof(nasChallenge, authToken, clientChallenge, ServerChallenge))
            throw new GpcmLoadException("gpcm-bad-proof", "the server's login proof is wrong (a console would disconnect)");
        ProfileId = reply.ProfileId;
        SessionKey = reply.SessionKey;
    }

    /// <summary>Sends <c>\ka\</c> and waits for the server's <c>\ka\</c>: one round trip through the front-end.</summary>
    public async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        var echo = ExpectAsync(static m => m.Command == "ka", cancellationToken);
        await SendAsync(GpcmKeepAlive.Instance, cancellationToken).ConfigureAwait(false);
        var message = await echo.ConfigureAwait(false);
        if (message.Command != "ka") throw FromError(message);
    }

    /// <summary><c>\status\</c>: publishes presence (friends get <c>\bm\100</c>; the sender gets no answer).</summary>
    public Task SetStatusAsync(DwcStatus status, string statString, string locString, CancellationToken cancellationToken) =>
        SendAsync(new GpcmStatusRequest(status, SessionKey, statString, locString), cancellationToken);

    /// <summary><c>\addbuddy\</c>.</summary>
    public Task AddBuddyAsync(uint profileId, CancellationToken cancellationToken) =>
        SendAsync(new GpcmAddBuddyRequest(SessionKey, profileId, ""), cancellationToken);

    /// <summary><c>\bm\</c> to a friend.</summary>
    public Task SendBuddyMessageAsync(uint to, string text, GpBuddyMessageType type, CancellationToken cancellationToken) =>
        SendAsync(new GpcmBuddyMessageRequest(type, SessionKey, to, text), cancellationToken);

    /// <summary>Waits for a buddy message that matches (status, auth notice, relayed message).</summary>
    public async Task<GpcmBuddyMessage> ExpectBuddyMessageAsync(Func<GpcmBuddyMessage, bool> match, CancellationToken cancellationToken)
    {
        var message = await ExpectAsync(m => m.Command == "bm" && GpcmBuddyMessage.TryParse(m, out var bm) && match(bm), cancellationToken).ConfigureAwait(false);
        if (!GpcmBuddyMessage.TryParse(message, out var buddyMessage))
            throw FromError(message);
        return buddyMessage;
    }

    /// <summary>
    /// Registers interest in the next message that matches; an <c>\error\</c> from the server completes every waiter
    /// (the caller then throws <see cref="GpcmLoadException"/> through <see cref="FromError"/>), and the end of the
    /// connection fails them with <see cref="EndOfStreamException"/>. Register before sending what provokes it.
    /// </summary>
    public Task<GameSpyMessage> ExpectAsync(Func<GameSpyMessage, bool> match, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(match);
        lock (_waiters)
        {
            if (IsClosed) return Task.FromException<GameSpyMessage>(new EndOfStreamException("the server closed the GPCM connection"));
            _waiters.Add(waiter);
        }
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(static state =>
            {
                var (connection, w) = ((GpcmLoadConnection, Waiter))state!;
                lock (connection._waiters) connection._waiters.Remove(w);
                w.Completion.TrySetCanceled();
            }, (this, waiter));
        }
        return WaitAsync(waiter);
    }

    /// <summary>An <c>\error\</c> (or any unexpected message) as the failure a step reports.</summary>
    public static GpcmLoadException FromError(GameSpyMessage message) =>
        GpError.TryParse(message, out var error)
            ? new GpcmLoadException($"gpcm-error-{(int)error.Code}", error.Message)
            : new GpcmLoadException("gpcm-unexpected", $"unexpected \\{message.Command}\\");

    /// <summary>Sends one message whole.</summary>
    public async Task SendAsync(IGameSpyWritable message, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> bytes = message.ToBytes();
        Interlocked.Add(ref _bytesOut, bytes.Length);
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Logs out as a console leaving does: <c>\logout\</c>, then our FIN; the server closes its side.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        if (IsClosed) return;
        try
        {
            if (IsLoggedIn) await SendAsync(new GpcmLogoutRequest(SessionKey), cancellationToken).ConfigureAwait(false);
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: a logout has nothing left to do.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _socket.Dispose();
        await _reader.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task<GameSpyMessage> WaitAsync(Waiter waiter)
    {
        try
        {
            return await waiter.Completion.Task.ConfigureAwait(false);
        }
        finally
        {
            await waiter.Registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[InitialBufferBytes];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxMessageBytes) break; // longer than any honest message: the connection is broken
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxMessageBytes));
                }
                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0) break;
                Interlocked.Add(ref _bytesIn, read);
                filled += read;
                var consumedTotal = 0;
                while (GameSpyFraming.FindMessage(buffer.AsSpan(consumedTotal, filled - consumedTotal), MaxMessageBytes, out var bodyLength, out var consumed)
                       == GameSpyFrameStatus.Complete)
                {
                    if (GameSpyMessage.TryParse(buffer.AsSpan(consumedTotal, bodyLength), out var message, out _)) Deliver(message);
                    consumedTotal += consumed;
                }
                if (consumedTotal > 0)
                {
                    buffer.AsSpan(consumedTotal, filled - consumedTotal).CopyTo(buffer);
                    filled -= consumedTotal;
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended; the waiters learn it below.
        }
        finally
        {
            Waiter[] left;
            lock (_waiters)
            {
                _closed.TrySetResult();
                left = [.. _waiters];
                _waiters.Clear();
            }
            foreach (var waiter in left) waiter.Completion.TrySetException(new EndOfStreamException("the server closed the GPCM connection"));
        }
    }

    private void Deliver(GameSpyMessage message)
    {
        if (message.Command == "error")
        {
            Waiter[] all;
            lock (_waiters)
            {
                all = [.. _waiters];
                _waiters.Clear();
            }
            foreach (var waiter in all) waiter.Completion.TrySetResult(message);
            return;
        }
        Waiter? found = null;
        lock (_waiters)
        {
            for (var i = 0; i < _waiters.Count; i++)
            {
                if (!_waiters[i].Match(message)) continue;
                found = _waiters[i];
                _waiters.RemoveAt(i);
                break;
            }
        }
        if (found is not null) found.Completion.TrySetResult(message);
        else if (message.Command == "ka") Interlocked.Increment(ref _serverKeepAlives);
    }

    private sealed class Waiter(Func<GameSpyMessage, bool> match)
    {
        public Func<GameSpyMessage, bool> Match { get; } = match;

        public TaskCompletionSource<GameSpyMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}

/// <summary>A GPCM exchange that ended in something a console would not accept; <see cref="Kind"/> names it for the report.</summary>
public sealed class GpcmLoadException(string kind, string message) : Exception(message)
{
    public string Kind { get; } = kind;
}
