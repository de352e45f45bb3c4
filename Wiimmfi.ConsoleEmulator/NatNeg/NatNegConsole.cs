using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.ConsoleEmulator.NatNeg;

/// <summary>
/// A console negotiating one cookie the way the GameSpy SDK's natneg.c does it (the DWC library in Wii and DS
/// games follows it): a game socket and a negotiation socket; INITs for port types GP (game socket → natneg1),
/// NN1, NN2 and NN3 (negotiation socket → natneg1/2/3) resent until each is acknowledged; then waiting for
/// CONNECT, acknowledging it to its sender, pinging the named partner from the game socket until the partner's
/// ping says it got ours; then REPORT to natneg1 until REPORT_ACK. ERTTESTs are echoed as ERTACK.
///
/// <para>After <see cref="NegotiateAsync"/> returns the console keeps answering its partner's pings until it is
/// disposed, as the SDK keeps a finished negotiator around while its partner lingers.</para>
/// </summary>
public sealed class NatNegConsole : IDisposable
{
    private enum State { InitSent, InitAcked, ConnectPing, ReportSent, Finished }

    private readonly NatNegServerAddresses _servers;
    private readonly NatNegConsoleOptions _options;
    private readonly Channel<NatNegDatagram> _inbox = Channel.CreateUnbounded<NatNegDatagram>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NatNegUdpSocket _gameSocket;
    private readonly NatNegUdpSocket _negotiationSocket;
    private readonly CancellationTokenSource _stop = new();
    private readonly bool[] _initAcked = new bool[4];
    private readonly List<NatNegDatagram> _received = [];
    private State _state = State.InitSent;
    private int _retries;
    private long _retryAt;
    private NatNegAddress? _toldPeer;
    private IPEndPoint? _guess;
    private bool _gotRemoteData;
    private bool _remoteGotOurData;
    private int _connects;
    private NatNegFinished? _finishCode;
    private NatNegConsoleOutcome _outcome = NatNegConsoleOutcome.UnknownError;
    private bool _reportAcknowledged;
    private Task<NatNegConsoleResult>? _run;

    public NatNegConsole(NatNegServerAddresses servers, NatNegConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(options);
        _servers = servers;
        _options = options;
        _gameSocket = new NatNegUdpSocket(options.LocalAddress, NatFilter.Open, _inbox.Writer);
        _negotiationSocket = new NatNegUdpSocket(options.LocalAddress, NatFilter.Open, _inbox.Writer);
    }

    /// <summary>The game socket: the address the partner is told to ping.</summary>
    public IPEndPoint GameEndPoint => _gameSocket.LocalEndPoint;

    public IPEndPoint NegotiationEndPoint => _negotiationSocket.LocalEndPoint;

    /// <summary>Every datagram either socket received, in order (a snapshot).</summary>
    public IReadOnlyList<NatNegDatagram> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    /// <summary>Runs the negotiation (once; later calls return the same result).</summary>
    public Task<NatNegConsoleResult> NegotiateAsync(CancellationToken cancellationToken = default) =>
        _run ??= RunAsync(cancellationToken);

    private async Task<NatNegConsoleResult> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        await SendInitsAsync(token).ConfigureAwait(false);
        while (_state != State.Finished)
        {
            var datagram = await NextAsync(UntilRetry(), token).ConfigureAwait(false);
            if (datagram is null) await OnTimerAsync(token).ConfigureAwait(false);
            else await OnDatagramAsync(datagram, token).ConfigureAwait(false);
        }
        var result = new NatNegConsoleResult(_outcome, _toldPeer, _guess, _reportAcknowledged, _connects, _finishCode);
        _ = Task.Run(() => LingerAsync(_stop.Token), CancellationToken.None);
        return result;
    }

    // After the result: keep answering pings (the partner may still be waiting for ours) until disposed.
    private async Task LingerAsync(CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                var datagram = await _inbox.Reader.ReadAsync(token).ConfigureAwait(false);
                Record(datagram);
                if (datagram.Packet is NatNegConnectPacket { Type: NatNegPacketType.ConnectPing } && datagram.Socket == PingSocket)
                {
                    _guess = datagram.From;
                    _gotRemoteData = true;
                    await SendPingAsync(token).ConfigureAwait(false);
                }
                else if (datagram.Packet is NatNegConnectPacket { Type: NatNegPacketType.Connect, Finished: 0 })
                {
                    _connects++;
                    await SendConnectAckAsync(datagram.From, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private NatNegUdpSocket PingSocket => _options.UseGamePort ? _gameSocket : _negotiationSocket;

    private async Task OnDatagramAsync(NatNegDatagram datagram, CancellationToken token)
    {
        Record(datagram);
        if (datagram.Packet is not { } packet || packet.Cookie != _options.Cookie && packet.Type != NatNegPacketType.ConnectPing) return;
        switch (packet)
        {
            case NatNegInitPacket ack when packet.Type == NatNegPacketType.InitAck:
                if ((int)ack.PortType <= 3) _initAcked[(int)ack.PortType] = true;
                if (_state == State.InitSent && AllInitsAcked())
                {
                    _state = State.InitAcked;
                    _retryAt = Now + Ticks(_options.PartnerWait);
                }
                break;
            case NatNegInitPacket ert when packet.Type == NatNegPacketType.ErtTest && datagram.Socket == _negotiationSocket:
                await _negotiationSocket.SendAsync(NatNegReplies.ErtAck(ert), datagram.From, token).ConfigureAwait(false);
                break;
            case NatNegConnectPacket connect when packet.Type == NatNegPacketType.Connect:
                _connects++;
                await OnConnectAsync(connect, datagram.From, token).ConfigureAwait(false);
                break;
            case NatNegConnectPacket ping when packet.Type == NatNegPacketType.ConnectPing && datagram.Socket == PingSocket:
                await OnPingAsync(ping, datagram.From, token).ConfigureAwait(false);
                break;
            case NatNegReportPacket when packet.Type == NatNegPacketType.ReportAck:
                if (_state == State.ReportSent)
                {
                    _reportAcknowledged = true;
                    _state = State.Finished;
                }
                break;
        }
    }

    private async Task OnConnectAsync(NatNegConnectPacket connect, IPEndPoint from, CancellationToken token)
    {
        if (connect.Finished == (byte)NatNegFinished.NoError)
            await SendConnectAckAsync(from, token).ConfigureAwait(false);
        if (_state >= State.ConnectPing) return; // the SDK acknowledges a late CONNECT and otherwise ignores it
        if (connect.Finished != (byte)NatNegFinished.NoError)
        {
            _finishCode = (NatNegFinished)connect.Finished;
            _outcome = connect.Finished switch
            {
                (byte)NatNegFinished.DeadbeatPartner => NatNegConsoleOutcome.DeadbeatPartner,
                (byte)NatNegFinished.InitPacketsTimedOut => NatNegConsoleOutcome.InitTimeout,
                _ => NatNegConsoleOutcome.UnknownError,
            };
            _state = State.Finished; // errors are not reported (StartReport cancels on these)
            return;
        }
        _toldPeer = connect.RemoteAddress;
        _guess = connect.RemoteAddress.ToEndPoint();
        _retries = 0;
        _state = State.ConnectPing;
        await SendPingAsync(token).ConfigureAwait(false);
    }

    private async Task OnPingAsync(NatNegConnectPacket ping, IPEndPoint from, CancellationToken token)
    {
        if (_state < State.ConnectPing) return; // the SDK ignores pings before its CONNECT
        _guess = from; // the real source beats the server's guess
        _gotRemoteData = true;
        _remoteGotOurData = ping.GotYourData != 0;
        await SendPingAsync(token).ConfigureAwait(false);
        if (_state == State.ConnectPing && _remoteGotOurData)
            await StartReportAsync(NatNegConsoleOutcome.Success, token).ConfigureAwait(false);
    }

    private async Task OnTimerAsync(CancellationToken token)
    {
        switch (_state)
        {
            case State.InitSent:
                if (_retries >= _options.InitRetries)
                {
                    _outcome = NatNegConsoleOutcome.InitTimeout;
                    _state = State.Finished;
                    return;
                }
                _retries++;
                await SendInitsAsync(token).ConfigureAwait(false);
                break;
            case State.InitAcked:
                _outcome = NatNegConsoleOutcome.DeadbeatPartner;
                _state = State.Finished;
                break;
            case State.ConnectPing:
                if (_retries >= _options.PingRetries)
                {
                    await StartReportAsync(NatNegConsoleOutcome.PingTimeout, token).ConfigureAwait(false);
                    return;
                }
                _retries++;
                await SendPingAsync(token).ConfigureAwait(false);
                break;
            case State.ReportSent:
                if (_retries >= _options.ReportRetries)
                {
                    _state = State.Finished;
                    return;
                }
                _retries++;
                await SendReportAsync(token).ConfigureAwait(false);
                break;
        }
    }

    private async Task SendInitsAsync(CancellationToken token)
    {
        var privateIp = NatNegAddress.FromEndPoint(new IPEndPoint(_options.ClaimedPrivateAddress ?? _options.LocalAddress, 0)).Ip;
        // The SDK fills the local port only after its first send (GP and NN1 carry 0), then the game socket's port.
        var noPort = new NatNegAddress(privateIp, 0);
        var withPort = new NatNegAddress(privateIp, (ushort)(_options.UseGamePort ? _gameSocket : _negotiationSocket).LocalEndPoint.Port);
        if (_options.UseGamePort && !_initAcked[0])
            await _gameSocket.SendAsync(Init(NatNegPortType.GamePort, noPort), _servers.Natneg1, token).ConfigureAwait(false);
        if (!_initAcked[1])
            await _negotiationSocket.SendAsync(Init(NatNegPortType.Nn1, noPort), _servers.Natneg1, token).ConfigureAwait(false);
        if (!_initAcked[2])
            await _negotiationSocket.SendAsync(Init(NatNegPortType.Nn2, withPort), _servers.Natneg2, token).ConfigureAwait(false);
        if (!_initAcked[3])
            await _negotiationSocket.SendAsync(Init(NatNegPortType.Nn3, withPort), _servers.Natneg3, token).ConfigureAwait(false);
        _retryAt = Now + Ticks(_options.InitRetryInterval);
    }

    private NatNegInitPacket Init(NatNegPortType portType, NatNegAddress local) =>
        NatNegInitPacket.CreateInit(_options.Version, _options.Cookie, portType, _options.ClientIndex, _options.UseGamePort, local, _options.GameName);

    private async Task SendPingAsync(CancellationToken token)
    {
        if (_guess is null) return;
        var ping = new NatNegConnectPacket(new NatNegHeader(_options.Version, NatNegPacketType.ConnectPing, _options.Cookie), NatNegWire.ConnectSize,
            NatNegAddress.FromEndPoint(_guess), _gotRemoteData ? (byte)1 : (byte)0, _gotRemoteData && _remoteGotOurData ? (byte)1 : (byte)0);
        await PingSocket.SendAsync(ping, _guess, token).ConfigureAwait(false);
        _retryAt = Now + Ticks(_options.PingInterval);
    }

    private Task SendConnectAckAsync(IPEndPoint to, CancellationToken token) =>
        _negotiationSocket.SendAsync(NatNegReplies.ConnectAck(_options.Version, _options.Cookie, _options.ClientIndex), to, token).AsTask();

    private async Task StartReportAsync(NatNegConsoleOutcome outcome, CancellationToken token)
    {
        _outcome = outcome;
        _state = State.ReportSent;
        _retries = 0;
        await SendReportAsync(token).ConfigureAwait(false);
    }

    private async Task SendReportAsync(CancellationToken token)
    {
        // A Wii writes the NAT type (never detected here: 6, unknown) big-endian, as in the MKW capture.
        var report = new NatNegReportPacket(new NatNegHeader(_options.Version, NatNegPacketType.Report, _options.Cookie), NatNegWire.ReportSize,
            NatNegPortType.GamePort, _options.ClientIndex, _outcome == NatNegConsoleOutcome.Success ? (byte)1 : (byte)0,
            (uint)NatType.Unknown, (uint)NatMappingScheme.Unrecognized, _options.GameName);
        await _negotiationSocket.SendAsync(report, _servers.Natneg1, token).ConfigureAwait(false);
        _retryAt = Now + Ticks(_options.ReportRetryInterval);
    }

    private bool AllInitsAcked() => _initAcked[1] && _initAcked[2] && _initAcked[3] && (!_options.UseGamePort || _initAcked[0]);

    private async Task<NatNegDatagram?> NextAsync(TimeSpan wait, CancellationToken token)
    {
        if (_inbox.Reader.TryRead(out var ready)) return ready;
        if (wait <= TimeSpan.Zero) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(wait);
        try
        {
            return await _inbox.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return null;
        }
    }

    private TimeSpan UntilRetry() => TimeSpan.FromSeconds(Math.Max(0, _retryAt - Now) / (double)Stopwatch.Frequency);

    private void Record(NatNegDatagram datagram)
    {
        lock (_received) _received.Add(datagram);
    }

    private static long Now => Stopwatch.GetTimestamp();

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public void Dispose()
    {
        _stop.Cancel();
        _gameSocket.Dispose();
        _negotiationSocket.Dispose();
        _stop.Dispose();
    }
}
