using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Wiimmfi.Protocols.ServerBrowser;

namespace Wiimmfi.ConsoleEmulator.ServerBrowser;

/// <summary>
/// The server-browser (MS, TCP 28910) side of an emulated console: sends requests as the GameSpy SDK writes them
/// and reads the encrypted answers — the clear crypt header once, then one cipher stream for the rest of the
/// connection, decrypted with the query-from game's secret key and the client challenge of the first list
/// request. Several requests may use one connection, as a DWC console does (list, then SEND_MESSAGE).
/// </summary>
public sealed class ServerBrowserClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _receiveBuffer = new byte[16 * 1024];
    private readonly List<byte> _plain = [];
    private EncTypeXDecryptor? _decryptor;

    private ServerBrowserClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Connects to MS (loopback only).</summary>
    public static async Task<ServerBrowserClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken = default)
    {
        LoopbackGuard.Require(server);
        var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
        try
        {
            await client.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return new ServerBrowserClient(client);
    }

    /// <summary>This end of the connection (the server sees it as the requester's address).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    /// <summary>
    /// Sends a SERVER_LIST request and reads the reply. The first request of the connection sets the cipher
    /// (<paramref name="secretKey"/> of <paramref name="queryFromGame"/> and a fresh 8-byte challenge); later ones
    /// continue its stream. <paramref name="maxResults"/> adds the SDK's result limit (option 0x80).
    /// </summary>
    public async Task<SbServerListReply> ListAsync(string queryForGame, string queryFromGame, string secretKey, string filter,
        IEnumerable<string> fields, int? maxResults = null, SbListOptions options = SbListOptions.None, TimeSpan? timeout = null)
    {
        var challenge = NewClientChallenge();
        if (maxResults is not null)
            options |= SbListOptions.LimitResultCount;
        _decryptor ??= new EncTypeXDecryptor(secretKey, challenge);
        await SendRawAsync(SbRequestWriter.ServerList(queryForGame, queryFromGame, challenge, filter, fields, options,
            maxResults: maxResults)).ConfigureAwait(false);
        bool expectList = (options & SbListOptions.NoServerList) == 0;
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var status = SbListReplyReader.TryRead(PlainSpan(), expectList, out var reply, out int consumed);
            if (status == SbReplyReadStatus.Complete)
            {
                _plain.RemoveRange(0, consumed);
                return reply!;
            }
            if (status == SbReplyReadStatus.Invalid)
                throw new InvalidDataException("the list reply does not decode");
            if (!await ReadMoreAsync(deadline.Token).ConfigureAwait(false))
                throw new IOException("MS closed the connection before the list reply was complete");
        }
    }

    /// <summary>Sends a SEND_MESSAGE request: deliver <paramref name="data"/> to the listed server (no reply).</summary>
    public Task SendMessageAsync(uint targetIp, ushort targetPort, ReadOnlySpan<byte> data) =>
        SendRawAsync(SbRequestWriter.SendMessage(targetIp, targetPort, data));

    /// <summary>Sends a SERVER_INFO request and reads the PUSH_SERVER answer with the server's rules.</summary>
    public async Task<SbListedServer> ServerInfoAsync(uint ip, ushort port, TimeSpan? timeout = null)
    {
        await SendRawAsync(SbRequestWriter.ServerInfo(ip, port)).ConfigureAwait(false);
        var (type, payload) = await ReadAdHocAsync(timeout).ConfigureAwait(false);
        if (type != SbAdHocMessageType.PushServer || !SbListReplyReader.TryReadPushServer(payload, [], out var server))
            throw new InvalidDataException($"expected a PUSH_SERVER answer, got {type}");
        return server!;
    }

    /// <summary>Reads the next message after the list (KEEPALIVE, PUSH_SERVER…): its type and payload.</summary>
    public async Task<(SbAdHocMessageType Type, byte[] Payload)> ReadAdHocAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var status = SbListReplyReader.TryReadAdHoc(PlainSpan(), out var type, out var payload, out int consumed);
            if (status == SbReplyReadStatus.Complete)
            {
                var copy = payload.ToArray();
                _plain.RemoveRange(0, consumed);
                return (type, copy);
            }
            if (status == SbReplyReadStatus.Invalid)
                throw new InvalidDataException("the message after the list does not decode");
            if (!await ReadMoreAsync(deadline.Token).ConfigureAwait(false))
                throw new IOException("MS closed the connection");
        }
    }

    /// <summary>Answers a KEEPALIVE as the SDK does: the decrypted message sent back unchanged.</summary>
    public Task EchoKeepAliveAsync(ReadOnlySpan<byte> keepAlivePayload)
    {
        var message = new byte[3 + keepAlivePayload.Length];
        message[0] = (byte)(message.Length >> 8);
        message[1] = (byte)message.Length;
        message[2] = (byte)SbAdHocMessageType.KeepAlive;
        keepAlivePayload.CopyTo(message.AsSpan(3));
        return SendRawAsync(SbRequestWriter.KeepAliveEcho(message));
    }

    /// <summary>True when the server closes the connection within <paramref name="timeout"/> (bytes that still
    /// arrive are read and decrypted on the way).</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await ReadMoreAsync(deadline.Token).ConfigureAwait(false))
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset by the server
        }
    }

    /// <summary>Sends any bytes (bad-input tests).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes).ConfigureAwait(false);

    /// <summary>An 8-byte challenge of printable characters, as the SDK picks (33–125).</summary>
    private static byte[] NewClientChallenge()
    {
        var challenge = new byte[SbLimits.ClientChallengeLength];
        for (int i = 0; i < challenge.Length; i++)
            challenge[i] = (byte)RandomNumberGenerator.GetInt32(33, 126);
        return challenge;
    }

    private ReadOnlySpan<byte> PlainSpan() => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_plain);

    /// <summary>Reads and decrypts more bytes; false when the server closed the connection.</summary>
    private async Task<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        int read = await _stream.ReadAsync(_receiveBuffer, cancellationToken).ConfigureAwait(false);
        if (read == 0)
            return false;
        if (_decryptor is null)
            throw new InvalidDataException("MS sent bytes before any list request set the cipher");
        var plain = new byte[read];
        int count = _decryptor.Decrypt(_receiveBuffer.AsSpan(0, read), plain);
        _plain.AddRange(plain.AsSpan(0, count));
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
