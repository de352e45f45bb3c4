using System.Diagnostics.Metrics;

namespace Wiimmfi.Actors.Frontends.Gpcm;

/// <summary>
/// Counters of the GPCM front-end (logins and the bad input it refused), on the <c>Wiimmfi.Gpcm</c>
/// meter and as plain numbers for the management API.
/// </summary>
public sealed class GpcmMetrics
{
    private static readonly Meter GpcmMeter = new("Wiimmfi.Gpcm");
    private static readonly Counter<long> LoginsInstrument = GpcmMeter.CreateCounter<long>("wiimmfi.gpcm.logins_accepted");
    private static readonly Counter<long> RefusedInstrument = GpcmMeter.CreateCounter<long>("wiimmfi.gpcm.logins_refused");
    private static readonly Counter<long> BadInputInstrument = GpcmMeter.CreateCounter<long>("wiimmfi.gpcm.bad_input");

    private long _loginsAccepted;
    private long _unknownToken;
    private long _expiredToken;
    private long _wrongResponse;
    private long _banned;
    private long _gameUnavailable;
    private long _loginFailures;
    private long _parseErrors;
    private long _oversized;
    private long _strayBytes;
    private long _unknownCommands;
    private long _notLoggedIn;
    private long _badSessionKey;
    private long _badRequests;
    private long _keepAlivesSent;
    private long _idleClosed;

    public long LoginsAccepted => Interlocked.Read(ref _loginsAccepted);

    /// <summary>Logins with a token that was never issued or is already used (error 266).</summary>
    public long UnknownTokens => Interlocked.Read(ref _unknownToken);

    /// <summary>Logins with an expired token (error 268).</summary>
    public long ExpiredTokens => Interlocked.Read(ref _expiredToken);

    /// <summary>Logins whose response did not prove the NAS challenge (error 260).</summary>
    public long WrongResponses => Interlocked.Read(ref _wrongResponse);

    /// <summary>Logins refused by a ban (error 256).</summary>
    public long BannedLogins => Interlocked.Read(ref _banned);

    /// <summary>Logins for an unknown or disabled game (error 256).</summary>
    public long GameUnavailable => Interlocked.Read(ref _gameUnavailable);

    /// <summary>Logins that failed for other reasons (second login on a connection, store trouble, timeouts).</summary>
    public long LoginFailures => Interlocked.Read(ref _loginFailures);

    /// <summary>Messages that could not be parsed (error 1, fatal).</summary>
    public long ParseErrors => Interlocked.Read(ref _parseErrors);

    /// <summary>Connections that sent more than the bound without <c>\final\</c> (error 1, closed).</summary>
    public long OversizedMessages => Interlocked.Read(ref _oversized);

    /// <summary>Bytes before a message that did not start with a backslash (dropped).</summary>
    public long StrayBytes => Interlocked.Read(ref _strayBytes);

    /// <summary>Commands the server does not know (non-fatal error 1).</summary>
    public long UnknownCommands => Interlocked.Read(ref _unknownCommands);

    /// <summary>Commands before login (error 2, fatal).</summary>
    public long CommandsBeforeLogin => Interlocked.Read(ref _notLoggedIn);

    /// <summary>Commands with another connection's session key (error 3, fatal).</summary>
    public long BadSessionKeys => Interlocked.Read(ref _badSessionKey);

    /// <summary>Known commands with bad fields (their family's error code).</summary>
    public long BadRequests => Interlocked.Read(ref _badRequests);

    public long KeepAlivesSent => Interlocked.Read(ref _keepAlivesSent);

    /// <summary>Connections closed after the idle timeout.</summary>
    public long IdleClosed => Interlocked.Read(ref _idleClosed);

    internal void LoginAccepted()
    {
        Interlocked.Increment(ref _loginsAccepted);
        LoginsInstrument.Add(1);
    }

    internal void UnknownToken() => Refused(ref _unknownToken, "unknown_token");

    internal void ExpiredToken() => Refused(ref _expiredToken, "expired_token");

    internal void WrongResponse() => Refused(ref _wrongResponse, "wrong_response");

    internal void Banned() => Refused(ref _banned, "banned");

    internal void GameNotAvailable() => Refused(ref _gameUnavailable, "game_unavailable");

    internal void LoginFailed() => Refused(ref _loginFailures, "other");

    internal void ParseError() => BadInput(ref _parseErrors, "parse_error");

    internal void Oversized() => BadInput(ref _oversized, "oversized");

    internal void Stray() => BadInput(ref _strayBytes, "stray_bytes");

    internal void UnknownCommand() => BadInput(ref _unknownCommands, "unknown_command");

    internal void NotLoggedIn() => BadInput(ref _notLoggedIn, "not_logged_in");

    internal void BadSessionKey() => BadInput(ref _badSessionKey, "bad_session_key");

    internal void BadRequest() => BadInput(ref _badRequests, "bad_request");

    internal void KeepAliveSent() => Interlocked.Increment(ref _keepAlivesSent);

    internal void Idle() => Interlocked.Increment(ref _idleClosed);

    private static void Refused(ref long field, string reason)
    {
        Interlocked.Increment(ref field);
        RefusedInstrument.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    private static void BadInput(ref long field, string kind)
    {
        Interlocked.Increment(ref field);
        BadInputInstrument.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }
}
