using System.Buffers;
using System.Net;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Actors.Frontends.Gpcm;

/// <summary>
/// One console's GPCM connection (TCP 29900): turns its messages into session commands and the
/// session's deliveries into bytes. It keeps only what the connection itself needs (challenge,
/// session key, timers); everything a console's friends see lives in its <see cref="ConsoleSession"/>.
/// </summary>
/// <remarks>
/// <code>
///            \login\ (async checks)          SessionLoginAccepted → \lc\2
///  Greeting ───────────────────▶ LoggingIn ──────────────────────────────▶ LoggedIn
///     │  \ka\ answered in every state │ refused / timeout                    │ \logout\, close, idle, kick
///     └────────── any fatal error ────┴──────────────────────▶ Closing ◀─────┘
/// </code>
/// <para><b>Bad input.</b> Bytes before a message that do not start with a backslash are dropped
/// (AltWFC does the same); an unparsable message, a message over the size bound, a command before the
/// login, or a command with another session's key gets its fatal GP error and the connection closes;
/// an unknown command gets a non-fatal error 1; a known command with bad fields gets its family's
/// non-fatal error. Every case is counted in <see cref="GpcmMetrics"/>. A problem on one connection
/// never reaches another: each connection is its own actor.</para>
/// <para><b>Closing.</b> Whatever ends the connection (the console's FIN, a reset, our close), the
/// session gets exactly one <see cref="SessionLogout"/> with this connection's key; a session that has
/// already moved on (second login, kick) ignores it.</para>
/// </remarks>
public sealed partial class GpcmConnection : ReceiveActor, IWithTimers
{
    private readonly IActorRef _connection;
    private readonly GpcmFrontendServices _services;
    private readonly string _serverChallenge = GpcmLoginProof.CreateServerChallenge();
    private readonly TimeSpan _tickInterval;
    private IPEndPoint? _remote;
    private Phase _phase = Phase.Greeting;
    private long _lastInput;
    private long _lastKeepAlive;
    private uint _profileId;
    private int _sessionKey;
    private bool _sessionEnded;

    public GpcmConnection(IActorRef connection, GpcmFrontendServices services)
    {
        _connection = connection;
        _services = services;
        var shortest = services.KeepAliveInterval < services.IdleTimeout ? services.KeepAliveInterval : services.IdleTimeout;
        // Four checks per shortest period keep the timing within a quarter of it, without a timer per message.
        _tickInterval = shortest / 4 > TimeSpan.FromMilliseconds(50) ? shortest / 4 : TimeSpan.FromMilliseconds(50);

        Receive<Tcp.Connected>(OnConnected);
        ReceiveAsync<Tcp.Received>(OnReceivedAsync);
        Receive<Tcp.MalformedInput>(OnMalformedInput);
        Receive<Tcp.ConnectionClosed>(OnClosed);
        Receive<ConsoleDelivery>(OnDelivery);
        Receive<ConsoleError>(OnSessionError);
        Receive<ConsoleKick>(OnKick);
        Receive<Tick>(_ => OnTick());
        Receive<Tcp.CommandFailed>(_ => { });
    }

    private enum Phase
    {
        Greeting,
        LoggingIn,
        LoggedIn,
        Closing,
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private void OnConnected(Tcp.Connected connected)
    {
        _remote = connected.Remote;
        _lastInput = _lastKeepAlive = _services.Time.GetTimestamp();
        Write(new GpcmLoginChallenge(_serverChallenge));
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _tickInterval);
    }

    private Task OnReceivedAsync(Tcp.Received received)
    {
        if (_phase == Phase.Closing)
        {
            return Task.CompletedTask;
        }

        _lastInput = _services.Time.GetTimestamp();
        if (!GameSpyMessage.TryParse(received.Data.Span, out var message, out var parseError))
        {
            if (parseError == GameSpyParseError.MissingLeadingBackslash)
            {
                _services.Metrics.Stray();
                GpcmLog.BadInput(Context.Logger, _remote, "stray bytes", $"{received.Data.Length} bytes dropped");
                return Task.CompletedTask;
            }

            _services.Metrics.ParseError();
            GpcmLog.BadInput(Context.Logger, _remote, "parse error", parseError.ToString());
            Fail(GpError.For(GpErrorCode.Parse));
            return Task.CompletedTask;
        }

        var parsed = GpcmClientMessage.Parse(message);
        if (parsed.Error is { } error)
        {
            if (message.Command == "login")
            {
                _services.Metrics.LoginFailed();
            }
            else
            {
                _services.Metrics.BadRequest();
            }

            GpcmLog.BadInput(Context.Logger, _remote, message.Command, error.Message);
            if (error.IsFatal)
            {
                Fail(error);
            }
            else
            {
                Write(error);
            }

            return Task.CompletedTask;
        }

        return Dispatch(parsed.Message!, message);
    }

    private void OnMalformedInput(Tcp.MalformedInput malformed)
    {
        _services.Metrics.Oversized();
        GpcmLog.BadInput(Context.Logger, _remote, "oversized", malformed.Reason);
        Fail(new GpError(GpErrorCode.Parse, "The message is too long.", IsFatal: true));
    }

    private void OnClosed(Tcp.ConnectionClosed closed)
    {
        _phase = Phase.Closing;
        EndSession(closed switch
        {
            Tcp.PeerClosed => "connection closed by the console",
            Tcp.ErrorClosed e => "connection failed: " + e.Cause,
            _ => "connection closed by the server",
        });
    }

    private void OnDelivery(ConsoleDelivery delivery)
    {
        if (_phase != Phase.LoggedIn)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(128 * delivery.Messages.Count);
        foreach (var item in delivery.Messages)
        {
            new GpcmBuddyMessage((GpBuddyMessageType)item.Type, item.From, item.Text, item.Date).WriteTo(buffer);
        }

        _connection.Tell(new Tcp.Write(buffer.WrittenMemory), Self);
    }

    private void OnSessionError(ConsoleError error)
    {
        if (_phase == Phase.LoggedIn)
        {
            Write(new GpError((GpErrorCode)error.Code, error.Message, IsFatal: false));
        }
    }

    private void OnKick(ConsoleKick kick)
    {
        // The session has already gone offline (or moved to a newer connection): no logout from here.
        _sessionEnded = true;
        if (_phase != Phase.Closing)
        {
            Fail(new GpError((GpErrorCode)kick.Code, kick.Message, IsFatal: true));
        }
    }

    private void OnTick()
    {
        if (_phase == Phase.Closing)
        {
            return;
        }

        var quiet = _services.Time.GetElapsedTime(_lastInput);
        if (quiet >= _services.IdleTimeout)
        {
            _services.Metrics.Idle();
            GpcmLog.IdleClose(Context.Logger, _remote, quiet);
            Close("idle timeout");
            return;
        }

        if (quiet >= _services.KeepAliveInterval && _services.Time.GetElapsedTime(_lastKeepAlive) >= _services.KeepAliveInterval)
        {
            _lastKeepAlive = _services.Time.GetTimestamp();
            _services.Metrics.KeepAliveSent();
            Write(GpcmKeepAlive.Instance);
        }
    }

    /// <summary>Sends a fatal error and closes the connection.</summary>
    private void Fail(GpError error)
    {
        if (_phase == Phase.Closing)
        {
            return;
        }

        Write(error.IsFatal ? error : error with { IsFatal = true });
        Close(error.Message);
    }

    private void Close(string reason)
    {
        _phase = Phase.Closing;
        Timers.Cancel(Tick.Instance);
        _connection.Tell(Tcp.Close.Instance, Self);
        EndSession(reason);
    }

    private void EndSession(string reason)
    {
        if (_sessionKey != 0 && !_sessionEnded)
        {
            _sessionEnded = true;
            _services.Sessions.Region.Tell(new SessionLogout(_profileId, _sessionKey, reason), Self);
        }
    }

    private void Write(IGameSpyWritable message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        message.WriteTo(buffer);
        _connection.Tell(new Tcp.Write(buffer.WrittenMemory), Self);
    }

    private void Write(IGameSpyWritable first, IGameSpyWritable second, IGameSpyWritable? third = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        first.WriteTo(buffer);
        second.WriteTo(buffer);
        third?.WriteTo(buffer);
        _connection.Tell(new Tcp.Write(buffer.WrittenMemory), Self);
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
