using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.ConsoleEmulator.Qr2;

/// <summary>
/// The QR2 side of an emulated console: one UDP socket on loopback that reports to MASTER as a DWC game does —
/// heartbeats with the library keys first, the challenge answered with the game's secret key, client messages
/// acknowledged (every copy, processed once per message key) — and exposes what MASTER sent.
/// </summary>
/// <remarks>
/// A background loop reads the socket: challenges are answered at once (correctly, or deliberately wrong with
/// <see cref="AnswerChallengesCorrectly"/> off), the public address the challenge carries is remembered and
/// reported as <c>publicip</c>/<c>publicport</c> from then on, like the SDK does; CLIENT_REGISTERED completes
/// <see cref="WhenRegistered"/>. Every packet is also available on <see cref="Packets"/>.
/// </remarks>
public sealed class Qr2Console : IAsyncDisposable
{
    private const int PacketBacklog = 1024;

    private readonly UdpClient _socket;
    private readonly IPEndPoint _master;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;
    private readonly Channel<Qr2ServerPacket> _packets = Channel.CreateBounded<Qr2ServerPacket>(
        new BoundedChannelOptions(PacketBacklog) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<byte[]> _clientMessages = Channel.CreateUnbounded<byte[]>();
    private readonly HashSet<uint> _seenMessageKeys = [];
    private TaskCompletionSource _registered = NewSignal();
    private int _challenges;
    private int _clientMessageCopies;

    /// <summary>Opens the console's socket on 127.0.0.1 (any free port) and starts listening.</summary>
    /// <param name="master">MASTER's address (loopback only).</param>
    /// <param name="gameName">The gamename the console reports.</param>
    /// <param name="secretKey">The game's secret key, for challenge responses.</param>
    /// <param name="instanceKey">The QR2 instance key; random when not given.</param>
    public Qr2Console(IPEndPoint master, string gameName, string secretKey, Qr2InstanceKey? instanceKey = null)
    {
        _master = LoopbackGuard.Require(master);
        GameName = gameName;
        SecretKey = secretKey;
        InstanceKey = instanceKey ?? new Qr2InstanceKey(BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)));
        _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        LocalEndPoint = (IPEndPoint)_socket.Client.LocalEndPoint!;
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The gamename reported.</summary>
    public string GameName { get; }

    /// <summary>The secret key challenges are answered with.</summary>
    public string SecretKey { get; }

    /// <summary>The console's QR2 instance key (change it to emulate a QR2 restart).</summary>
    public Qr2InstanceKey InstanceKey { get; set; }

    /// <summary>The console's socket address (what MASTER sees as its public address on loopback).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Answer challenges with the right response (default) or a wrong one.</summary>
    public bool AnswerChallengesCorrectly { get; set; } = true;

    /// <summary>Acknowledge client messages (default) or stay silent, as a console that went away.</summary>
    public bool AcknowledgeClientMessages { get; set; } = true;

    /// <summary>Whether heartbeats ask for NAT negotiation (<c>natneg</c>); DWC games do.</summary>
    public bool NatNegotiate { get; set; } = true;

    /// <summary>The public IPv4 (big-endian u32) learned from the last challenge, or 0.</summary>
    public uint LearnedPublicIp { get; private set; }

    /// <summary>The public port learned from the last challenge, or 0.</summary>
    public ushort LearnedPublicPort { get; private set; }

    /// <summary>Challenges received.</summary>
    public int ChallengesReceived => Volatile.Read(ref _challenges);

    /// <summary>CLIENT_MESSAGE packets received, duplicates included.</summary>
    public int ClientMessageCopiesReceived => Volatile.Read(ref _clientMessageCopies);

    /// <summary>Completes when MASTER confirmed the registration (CLIENT_REGISTERED).</summary>
    public Task WhenRegistered => _registered.Task;

    /// <summary>The last ADDERROR MASTER sent, or null.</summary>
    public Qr2AddErrorPacket? LastError { get; private set; }

    /// <summary>Every packet MASTER sent (the oldest are dropped past 1,024 unread).</summary>
    public ChannelReader<Qr2ServerPacket> Packets => _packets.Reader;

    /// <summary>The data of each new client message (a retransmission of one already seen is not repeated).</summary>
    public ChannelReader<byte[]> ClientMessages => _clientMessages.Reader;

    /// <summary>
    /// Sends a heartbeat: the QR2 library keys (<c>localip0</c>, <c>localport</c>, <c>natneg</c>,
    /// <c>statechanged</c> unless periodic, <c>gamename</c>, <c>publicip</c>, <c>publicport</c>), then
    /// <paramref name="gameKeys"/>. A shutdown heartbeat carries the library keys only, as the SDK's does.
    /// </summary>
    public Task SendHeartbeatAsync(IEnumerable<KeyValuePair<string, string>> gameKeys, Qr2StateChange state = Qr2StateChange.Periodic)
    {
        var keys = new List<KeyValuePair<string, string>>
        {
            new(Qr2KeyNames.LocalIp0, LocalEndPoint.Address.ToString()),
            new(Qr2KeyNames.LocalPort, LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture)),
            new(Qr2KeyNames.NatNeg, NatNegotiate ? "1" : "0"),
        };
        if (state != Qr2StateChange.Periodic)
            keys.Add(new(Qr2KeyNames.StateChanged, ((int)state).ToString(CultureInfo.InvariantCulture)));
        keys.Add(new(Qr2KeyNames.GameName, GameName));
        keys.Add(new(Qr2KeyNames.PublicIp, Qr2PublicIp.Format(LearnedPublicIp, Qr2AddressByteOrder.BigEndian)));
        keys.Add(new(Qr2KeyNames.PublicPort, LearnedPublicPort.ToString(CultureInfo.InvariantCulture)));
        if (state == Qr2StateChange.Shutdown)
            return SendRawAsync(Qr2ClientPacketWriter.Heartbeat(InstanceKey, keys));
        keys.AddRange(gameKeys);
        return SendRawAsync(Qr2ClientPacketWriter.Heartbeat(InstanceKey, keys, Qr2KeyTable.Empty, Qr2KeyTable.Empty));
    }

    /// <summary>
    /// Registers as the SDK does: repeats the initial heartbeat (<c>statechanged=3</c>) until MASTER confirms —
    /// every <paramref name="repeat"/> (default 1 s; the SDK waits 10 s) — and fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task RegisterAsync(IEnumerable<KeyValuePair<string, string>> gameKeys, TimeSpan? timeout = null, TimeSpan? repeat = null)
    {
        var keys = gameKeys.ToList();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (!WhenRegistered.IsCompleted)
        {
            await SendHeartbeatAsync(keys, Qr2StateChange.Initial).ConfigureAwait(false);
            try
            {
                await WhenRegistered.WaitAsync(repeat ?? TimeSpan.FromSeconds(1), deadline.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // not confirmed yet: send the initial heartbeat again
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"MASTER did not confirm the registration of {LocalEndPoint} in time");
            }
        }
    }

    /// <summary>Sends a keep-alive (<c>08</c> + instance key).</summary>
    public Task SendKeepAliveAsync() => SendRawAsync(Qr2ClientPacketWriter.KeepAlive(InstanceKey));

    /// <summary>Leaves matchmaking: the shutdown heartbeat (<c>statechanged=2</c>).</summary>
    public Task ShutdownAsync() => SendHeartbeatAsync([], Qr2StateChange.Shutdown);

    /// <summary>Forgets the registration (before registering again, e.g. with a new instance key).</summary>
    public void ResetRegistration() => _registered = NewSignal();

    /// <summary>Sends any bytes to MASTER (bad-input tests).</summary>
    public async Task SendRawAsync(byte[] datagram) => await _socket.SendAsync(datagram, _master).ConfigureAwait(false);

    /// <summary>Waits for the next packet of type <typeparamref name="T"/> (others are skipped), or null on timeout.</summary>
    public async Task<T?> ReceiveAsync<T>(TimeSpan timeout) where T : Qr2ServerPacket
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                if (await _packets.Reader.ReadAsync(deadline.Token).ConfigureAwait(false) is T packet)
                    return packet;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits for the next new client message's data, or null on timeout.</summary>
    public async Task<byte[]?> ReceiveClientMessageAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await _clientMessages.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// The availability check a console makes before anything else (<c>&lt;game&gt;.available.gs…</c>): the status
    /// MASTER answers, or null when it does not answer within <paramref name="timeout"/> (the SDK then assumes
    /// "available").
    /// </summary>
    public static async Task<Qr2AvailabilityStatus?> CheckAvailabilityAsync(IPEndPoint master, string gameName, TimeSpan timeout)
    {
        LoopbackGuard.Require(master);
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await socket.SendAsync(Qr2ClientPacketWriter.AvailabilityCheck(gameName), master).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var reply = await socket.ReceiveAsync(deadline.Token).ConfigureAwait(false);
                // The SDK accepts the answer only from the address and port it asked.
                if (!reply.RemoteEndPoint.Equals(master))
                    continue;
                if (Qr2ServerPacketReader.Read(reply.Buffer).Packet is Qr2AvailabilityReplyPacket answer)
                    return answer.Status;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an ICMP error from an earlier send; keep listening
            }
            var parsed = Qr2ServerPacketReader.Read(received.Buffer);
            if (!parsed.IsSuccess)
                continue; // the SDK drops what it cannot read
            await HandleAsync(parsed.Packet).ConfigureAwait(false);
            _packets.Writer.TryWrite(parsed.Packet);
        }
    }

    private async Task HandleAsync(Qr2ServerPacket packet)
    {
        switch (packet)
        {
            case Qr2ChallengePacket challenge when challenge.InstanceKey == InstanceKey:
                Interlocked.Increment(ref _challenges);
                if (Qr2Challenge.TryParse(challenge.Challenge, out _, out uint ip, out ushort port))
                {
                    LearnedPublicIp = ip;
                    LearnedPublicPort = port;
                }
                string response = AnswerChallengesCorrectly
                    ? Qr2ChallengeAlgorithm.ComputeResponse(SecretKey, challenge.Challenge)
                    : "AAAAAAAAAAAAAAAAAAAAAAAAAAAA";
                await SendRawAsync(Qr2ClientPacketWriter.ChallengeResponse(InstanceKey, response)).ConfigureAwait(false);
                break;
            case Qr2ClientRegisteredPacket registered when registered.InstanceKey == InstanceKey:
                _registered.TrySetResult();
                break;
            case Qr2ClientMessagePacket message when message.InstanceKey == InstanceKey:
                Interlocked.Increment(ref _clientMessageCopies);
                if (!AcknowledgeClientMessages)
                    break;
                await SendRawAsync(Qr2ClientPacketWriter.ClientMessageAck(InstanceKey, message.MessageKey)).ConfigureAwait(false);
                bool isNew;
                lock (_seenMessageKeys)
                    isNew = _seenMessageKeys.Add(message.MessageKey);
                if (isNew)
                    _clientMessages.Writer.TryWrite(message.Data.ToArray());
                break;
            case Qr2AddErrorPacket error:
                LastError = error;
                break;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiver.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
