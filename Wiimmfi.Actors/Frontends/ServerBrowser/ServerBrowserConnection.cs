using System.Buffers;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Protocols.Common.GameList;
using Wiimmfi.Protocols.ServerBrowser;

namespace Wiimmfi.Actors.Frontends.ServerBrowser;

/// <summary>
/// One MS (server browser, TCP 28910) connection: reads framed requests, asks the game's matchmaking table, and
/// writes the EncTypeX-encrypted answers. It keeps no game state: only this connection's cipher and the game it
/// asked about (SEND_MESSAGE and SERVER_INFO name no game; they mean the game of the last list request).
/// </summary>
/// <remarks>
/// <para><b>Flow.</b> A SERVER_LIST request picks the cipher key (the secret key of the <i>query-from</i> game and
/// the client's 8-byte challenge) — the clear crypt header goes out once, before the first encrypted byte, and the
/// cipher then runs over everything the server sends for the rest of the connection. The table answers a
/// <see cref="FindHosts"/> Ask; the reply is the requester's IP, the key list, no popular values, one entry per
/// host (flags, public address, private address for consoles behind the same NAT, key values) and the terminator.
/// SEND_MESSAGE becomes a <see cref="RelayClientMessage"/> for the table (no answer on TCP); SERVER_INFO a
/// PUSH_SERVER message with the host's rules. Requests are handled one at a time, in order, on one connection
/// (the mailbox waits while a query is out), as many as the client sends.</para>
/// <para><b>Keep-alive.</b> Once the cipher runs, a quiet connection gets a KEEPALIVE message every
/// <see cref="ServerBrowserSettings.KeepAliveInterval"/>, which the console echoes; a client silent for the
/// <see cref="ServerBrowserSettings.IdleTimeout"/> is closed.</para>
/// <para><b>Smart restart.</b> The connection hands its game and client IP to the successor
/// (<see cref="ServerBrowserHandoverState"/>); there SEND_MESSAGE keeps working, while a request that needs the
/// cipher closes the connection, since the cipher state cannot travel.</para>
/// <para><b>Bad input.</b> A length field out of bounds ends the connection (the stream cannot be resynchronised);
/// a list request that cannot be read, or whose query-from game is not served (there is no key to encrypt an
/// error with), closes it too. A query-for game not served gets the protocol's error reply (port <c>0xFFFF</c> and
/// a message); a refused filter an empty list; unsupported request types are ignored. All counted.</para>
/// </remarks>
public sealed class ServerBrowserConnection : ReceiveActor, IWithTimers
{
    private readonly IActorRef _connection;
    private readonly IActorRef _tables;
    private readonly GameListProvider _games;
    private readonly ServerBrowserSettings _settings;
    private readonly MatchmakingMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ArrayBufferWriter<byte> _plain = new(512);
    private string _remote = "?";
    private uint _remoteIp;
    private EncTypeXEncryptor? _encryptor;
    private bool _headerSent;
    private string? _game;
    private long _lastClientActivity;
    private long _lastWrite;
    private bool _closing;
    private bool _cipherLost;

    public ServerBrowserConnection(IActorRef connection, IActorRef tables, GameListProvider games,
        ServerBrowserSettings settings, MatchmakingMetrics metrics, ServerBrowserHandoverState? restored = null)
    {
        _connection = connection;
        _tables = tables;
        _games = games;
        _settings = settings;
        _metrics = metrics;
        _clock = Context.System.Settings.TimeProvider;
        _lastClientActivity = _lastWrite = _clock.GetTimestamp();
        if (restored is not null)
        {
            _game = restored.Game;
            _remoteIp = restored.RemoteIp;
            if (restored.CipherState is { } cipher)
            {
                _encryptor = EncTypeXEncryptor.Resume(cipher);
                _headerSent = true;
            }
            else _cipherLost = restored.CipherStarted;
        }

        Receive<Tcp.Connected>(OnConnected);
        ReceiveAsync<Tcp.Received>(OnFrameAsync);
        Receive<Tcp.MalformedInput>(malformed =>
        {
            _metrics.Increment(MatchmakingCounter.MsMalformedRequests);
            Close(malformed.Reason);
        });
        Receive<Tcp.ConnectionClosed>(_ =>
        {
            _closing = true;
            Timers.CancelAll();
        });
        Receive<Tick>(_ => OnTick());
        Receive<Tcp.CommandFailed>(_ => { });
        Receive<Tcp.CaptureHandoverState>(_ =>
        {
            // Smart restart: the successor's handler carries on from this; this one only waits to be stopped.
            Sender.Tell(new Tcp.HandoverState(new ServerBrowserHandoverState(_game, _remoteIp, _encryptor is not null || _cipherLost,
                _encryptor?.ExportState())), Self);
            _closing = true;
            Timers.CancelAll();
        });
    }

    /// <summary>Props of the handler of one connection; <paramref name="restored"/> when it continues a connection a
    /// predecessor process handed over.</summary>
    public static Props Props(IActorRef connection, IActorRef tables, GameListProvider games, ServerBrowserSettings settings,
        MatchmakingMetrics metrics, ServerBrowserHandoverState? restored = null) =>
        Runtime.Props.Create(() => new ServerBrowserConnection(connection, tables, games, settings, metrics, restored));

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        var shortest = _settings.KeepAliveInterval < _settings.IdleTimeout ? _settings.KeepAliveInterval : _settings.IdleTimeout;
        var interval = shortest / 4 < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : shortest / 4;
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, interval);
    }

    private void OnConnected(Tcp.Connected connected)
    {
        _remote = connected.Remote.ToString();
        _remoteIp = HostAddress.TryFrom(connected.Remote, out var address) ? address.Ip : _remoteIp;
    }

    private async Task OnFrameAsync(Tcp.Received received)
    {
        if (_closing)
            return;
        _lastClientActivity = _clock.GetTimestamp();
        var frame = received.Data.Span;
        var parsed = SbRequestReader.Read(frame);
        if (!parsed.IsSuccess)
        {
            _metrics.Increment(MatchmakingCounter.MsMalformedRequests);
            LogRefused(parsed.ToString());
            // The framing is lost, or a list request cannot be answered without its challenge: end the connection.
            // Other unreadable requests (an unsupported type, a send-message without data) are just ignored.
            if (parsed.Error == SbParseError.BadLength || (SbRequestType)frame[2] == SbRequestType.ServerList)
                Close(parsed.ToString());
            return;
        }
        switch (parsed.Request)
        {
            case SbServerListRequest list:
                await OnListAsync(list);
                break;
            case SbSendMessageRequest send:
                OnSendMessage(send);
                break;
            case SbServerInfoRequest info:
                await OnServerInfoAsync(info);
                break;
            case SbKeepAliveReply:
                break; // the echo of our KEEPALIVE: its arrival is all that counts
        }
    }

    private async Task OnListAsync(SbServerListRequest list)
    {
        _metrics.Increment(MatchmakingCounter.MsListRequests);
        if (_cipherLost)
        {
            Close("the cipher stream of the previous process cannot be continued; the console reconnects");
            return;
        }
        if (!_games.Current.TryGetMatchmakingGame(list.QueryFromGame, out var from, out string? refusal))
        {
            RefuseGame(list.QueryFromGame, refusal);
            Close($"no key to encrypt for query-from game '{list.QueryFromGame}'");
            return;
        }
        // One cipher per connection: a later list request continues the stream of the first.
        _encryptor ??= EncTypeXEncryptor.Create(from.SecretKey!, list.ClientChallenge.Span);
        uint clientIp = list.AlternateSourceIp ?? _remoteIp;
        _plain.ResetWrittenCount();
        if (!_games.Current.TryGetMatchmakingGame(list.QueryForGame, out var game, out refusal))
        {
            RefuseGame(list.QueryForGame, refusal);
            SbListReplyWriter.WriteError(_plain, clientIp, refusal);
            WriteEncrypted();
            return;
        }
        _game = game.Name;
        if (list.WantsNoServerList)
        {
            SbListReplyWriter.WriteHeaderOnly(_plain, clientIp);
            WriteEncrypted();
            return;
        }

        var fields = list.ListableFields;
        var found = await FindAsync(new FindHosts(game.Name, list.Filter, fields, list.MaxResults ?? int.MaxValue, _remoteIp));
        if (_closing)
            return;
        _plain.ResetWrittenCount();
        var reply = new SbListReplyWriter(_plain);
        reply.WriteHeader(clientIp);
        reply.WriteKeys(fields);
        reply.WritePopularValues([]);
        foreach (var host in found.Hosts)
        {
            // Guards against a malformed answer (another node's table): the writer would refuse these.
            if (host.Values.Count != fields.Count || host.Address.Ip == uint.MaxValue)
                continue;
            reply.BeginServer(new SbServerEntry(SbServerEntry.DwcHostFlags(host.NatNegotiate), host.Address.Ip, host.Address.Port,
                host.PrivateIp, host.PrivatePort, IcmpIp: 0));
            foreach (var value in host.Values)
                reply.WriteStringValue(value);
        }
        reply.WriteTerminator();
        WriteEncrypted();
    }

    private async Task<FoundHosts> FindAsync(FindHosts query)
    {
        try
        {
            return await _tables.Ask<FoundHosts>(query, _settings.QueryTimeout);
        }
        catch (AskTimeoutException)
        {
            _metrics.Increment(MatchmakingCounter.MsQueryTimeouts);
            ServerBrowserLog.QueryTimedOut(Context.Logger, _remote, query.GameName, _settings.QueryTimeout);
            return new FoundHosts(FindHostsOutcome.Listed, "the table did not answer", []);
        }
    }

    private void OnSendMessage(SbSendMessageRequest send)
    {
        _metrics.Increment(MatchmakingCounter.MsSendMessages);
        if (_game is null)
        {
            _metrics.Increment(MatchmakingCounter.MsMalformedRequests);
            LogRefused("send-message before any list request named a game");
            return;
        }
        _tables.Tell(new RelayClientMessage(_game, new HostAddress(send.TargetIp, send.TargetPort), send.Data.ToArray(), _remoteIp), Self);
    }

    private async Task OnServerInfoAsync(SbServerInfoRequest info)
    {
        _metrics.Increment(MatchmakingCounter.MsServerInfoRequests);
        if (_cipherLost)
        {
            Close("the cipher stream of the previous process cannot be continued; the console reconnects");
            return;
        }
        if (_game is null || _encryptor is null)
        {
            _metrics.Increment(MatchmakingCounter.MsMalformedRequests);
            LogRefused("server-info before any list request");
            return;
        }
        HostRules rules;
        try
        {
            rules = await _tables.Ask<HostRules>(new GetHostRules(_game, new HostAddress(info.Ip, info.Port), _remoteIp), _settings.QueryTimeout);
        }
        catch (AskTimeoutException)
        {
            _metrics.Increment(MatchmakingCounter.MsQueryTimeouts);
            ServerBrowserLog.QueryTimedOut(Context.Logger, _remote, _game, _settings.QueryTimeout);
            return;
        }
        if (_closing || rules.Host is not { } host || host.Address.Ip == uint.MaxValue)
            return; // no such listed host: the protocol has no negative answer
        _plain.ResetWrittenCount();
        SbAdHocMessageWriter.WriteServerInfo(_plain, new SbServerEntry(SbServerEntry.DwcHostFlags(host.NatNegotiate),
            host.Address.Ip, host.Address.Port, host.PrivateIp, host.PrivatePort, IcmpIp: 0), rules.Rules);
        WriteEncrypted();
    }

    private void OnTick()
    {
        if (_closing)
            return;
        long now = _clock.GetTimestamp();
        if (_clock.GetElapsedTime(_lastClientActivity, now) >= _settings.IdleTimeout)
        {
            _metrics.Increment(MatchmakingCounter.MsIdleClosed);
            Close("idle");
            return;
        }
        if (_encryptor is not null && _clock.GetElapsedTime(Math.Max(_lastClientActivity, _lastWrite), now) >= _settings.KeepAliveInterval)
        {
            _plain.ResetWrittenCount();
            SbAdHocMessageWriter.WriteKeepAlive(_plain);
            WriteEncrypted();
            _metrics.Increment(MatchmakingCounter.MsKeepAlivesSent);
        }
    }

    /// <summary>Encrypts what <see cref="_plain"/> holds (after the crypt header, the first time) and sends it.</summary>
    private void WriteEncrypted()
    {
        var encryptor = _encryptor!;
        int headerLength = _headerSent ? 0 : encryptor.Header.Length;
        var bytes = new byte[headerLength + _plain.WrittenCount];
        if (!_headerSent)
        {
            encryptor.Header.Span.CopyTo(bytes);
            _headerSent = true;
        }
        _plain.WrittenSpan.CopyTo(bytes.AsSpan(headerLength));
        encryptor.Encrypt(bytes.AsSpan(headerLength));
        _connection.Tell(new Tcp.Write(bytes), Self);
        _lastWrite = _clock.GetTimestamp();
    }

    private void RefuseGame(string name, string reason)
    {
        _metrics.Increment(MatchmakingCounter.MsUnknownGames);
        ServerBrowserLog.GameRefused(Context.Logger, _remote, name, reason);
    }

    private void LogRefused(string reason)
    {
        if (Context.Logger.IsEnabled(LogLevel.Debug))
            ServerBrowserLog.RequestRefused(Context.Logger, _remote, reason);
    }

    private void Close(string reason)
    {
        if (_closing)
            return;
        _closing = true;
        ServerBrowserLog.Closing(Context.Logger, _remote, reason);
        _connection.Tell(Tcp.Close.Instance, Self);
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
