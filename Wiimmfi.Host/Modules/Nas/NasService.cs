using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>
/// The NAS login server's logic (nas.md), independent of HTTP: a request body and the client's address
/// in, a <see cref="NasReply"/> out.
/// </summary>
/// <remarks>
/// <para><b>login</b> validates the fields (103), refuses maintenance (101), disabled games (107) and bans
/// (3914); records the console; creates the profile of (user id, gsbrcd) on its first login; issues a
/// single-use token bound to a fresh 8-letter challenge, stored with everything GPCM needs; answers 001
/// (040 when the in-game name is on the word list). <b>acctcreate</b> refuses maintenance, disabled games
/// and bans (3913) and hands out a random 43-bit user id. <b>svcloc</b> answers 007 with WiiLink's
/// constant service token.</para>
/// <para><b>Tokens.</b> The store's single-use tokens (<c>NDS</c> + 80 random characters) are the one
/// mechanism: GPCM redeems a token exactly once, so a replayed token is refused, and any node of a cluster
/// can redeem it. The sealed format of <c>NasAuthTokenCodec</c> is not used: it cannot be single use
/// without the same table.</para>
/// <para><b>Bad input</b> never throws out of here: an unreadable form is HTTP 400, a bad login field is
/// returncd 103, an unknown action 109, a store failure HTTP 500 (the write was whole or not at all).</para>
/// </remarks>
public sealed class NasService
{
    private readonly IWiimmfiStore _store;
    private readonly NasSettings _settings;
    private readonly NasProfanityFilter _profanity;
    private readonly NasMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public NasService(IWiimmfiStore store, NasSettings settings, NasProfanityFilter profanity, NasMetrics metrics, TimeProvider time, ILogger logger)
    {
        _store = store;
        _settings = settings;
        _profanity = profanity;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Counters.</summary>
    public NasMetrics Metrics => _metrics;

    /// <summary>Answers a POST to <c>/ac</c>.</summary>
    public async Task<NasReply> HandleAccountAsync(ReadOnlyMemory<byte> body, IPAddress? remote, CancellationToken cancellationToken)
    {
        var formError = NasForm.TryParse(body.Span, out var form, out var offendingKey);
        if (formError != NasFormError.None)
        {
            _metrics.BadForm();
            NasLog.BadRequest(_logger, remote, formError.ToString(), offendingKey ?? "(form)");
            return NasReply.BadRequest("bad form: " + formError);
        }

        var parsed = NasAcRequest.Parse(form!);
        var now = _time.GetUtcNow();
        switch (parsed.Failure)
        {
            case NasAcParseFailure.MissingAction:
                _metrics.UnknownAction();
                NasLog.BadRequest(_logger, remote, "action", "missing");
                return NasReply.BadRequest("missing action");
            case NasAcParseFailure.UnknownAction:
                _metrics.UnknownAction();
                NasLog.BadRequest(_logger, remote, "action", form!.GetText("action") ?? "");
                return Ok(NasResponses.UnknownAction().Set("datetime", NasResponses.FormatDateTime(now)));
            case NasAcParseFailure.InvalidLogin:
                _metrics.BadLogin();
                NasLog.BadRequest(_logger, remote, "login", parsed.LoginProblem.ToString());
                await LogAttemptAsync(LoginOutcome.BadRequest, null, null, form!.GetText("gamecd"), remote, form.GetText("macadr"),
                    "returncd=103 " + parsed.LoginProblem, cancellationToken);
                return Ok(NasResponses.BadLoginRequest(now));
        }

        try
        {
            return parsed.Request switch
            {
                NasLoginRequest login => await LoginAsync(login, remote, now, cancellationToken),
                NasAcctCreateRequest create => await CreateAccountAsync(create, remote, now, cancellationToken),
                NasSvcLocRequest svcLoc => ServiceLocation(svcLoc, now),
                _ => NasReply.BadRequest("unknown action"),
            };
        }
        catch (Exception e) when (e is DbException or TimeoutException or OperationCanceledException or InvalidOperationException or ArgumentException)
        {
            _metrics.ServerError();
            NasLog.StoreFailed(_logger, remote, e);
            return NasReply.ServerError;
        }
    }

    /// <summary>Answers a POST to <c>/pr</c>: one flag per word of the list (nas.md §6.4).</summary>
    public NasReply HandleProfanity(ReadOnlyMemory<byte> body, IPAddress? remote)
    {
        var formError = NasForm.TryParse(body.Span, out var form, out var offendingKey);
        if (formError != NasFormError.None)
        {
            _metrics.BadForm();
            NasLog.BadRequest(_logger, remote, formError.ToString(), offendingKey ?? "(form)");
            return NasReply.BadRequest("bad form: " + formError);
        }

        var request = NasProfanityRequest.Parse(form!);
        if (!request.WordsFieldPresent)
        {
            _metrics.BadForm();
            NasLog.BadRequest(_logger, remote, "pr", "no words");
            return NasReply.BadRequest("missing words");
        }

        _metrics.ProfanityCheck();
        return Ok(NasResponses.Profanity(_profanity.Check(request.Words), request.PerRegionResults, _time.GetUtcNow()));
    }

    private async Task<NasReply> LoginAsync(NasLoginRequest login, IPAddress? remote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mac = CanonicalMac(login.Console.MacAddress);
        long? consoleFriendCode = login.ConsoleFriendCode == 0 ? null : (long)login.ConsoleFriendCode;
        if (Refusal(login.GameCode, "login") is { } refusal)
        {
            await LogAttemptAsync(LoginOutcome.Refused, (long)login.UserId, null, login.GameCode, remote, mac,
                "returncd=" + refusal.Code.ToWireText(), cancellationToken);
            return Ok(NasResponses.Refused(refusal.Code, refusal.Reason, now));
        }

        if (mac is not null)
        {
            await _store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, BanKeys.NgIdFrom(consoleFriendCode), consoleFriendCode,
                Serial(login.Console.SerialNumber), (long)login.UserId), cancellationToken);
        }

        var profile = await _store.Profiles.FindAsync((long)login.UserId, login.Gsbrcd, cancellationToken);
        var ban = await _store.Bans.FindActiveAsync(
            await BanKeys.ForLoginAsync(_store, profile?.ProfileId, mac, consoleFriendCode, remote, cancellationToken), cancellationToken);
        if (ban is not null)
        {
            _metrics.Ban();
            NasLog.Refused(_logger, "login", remote, NasReturnCode.LoginBanned.ToWireText(), ban.Reason);
            await LogAttemptAsync(LoginOutcome.Banned, (long)login.UserId, profile?.ProfileId, login.GameCode, remote, mac,
                string.Create(CultureInfo.InvariantCulture, $"returncd=3914 ban {ban.BanId}"), cancellationToken);
            return Ok(NasResponses.Refused(NasReturnCode.LoginBanned, "User banned: " + ban.Reason, now));
        }

        var nick = Bounded(login.InGameName);
        profile ??= await CreateProfileAsync(login, nick, cancellationToken);
        if (profile is null)
        {
            _metrics.ServerError();
            return NasReply.ServerError;
        }

        var challenge = NasChallenge.Create();
        var token = NasTokens.CreateRandom();
        await _store.AuthTokens.IssueAsync(new NewAuthToken
        {
            Token = token,
            Challenge = challenge,
            UserId = (long)login.UserId,
            Gsbrcd = login.Gsbrcd,
            GameCode = login.GameCode,
            ProfileId = profile.ProfileId,
            Mac = mac,
            ConsoleFriendCode = consoleFriendCode,
            UnitCode = (byte)login.Platform,
            Region = login.Region,
            Language = login.Language,
            InGameNick = nick,
            ExpiresAt = now + _settings.TokenLifetime,
        }, cancellationToken);

        var code = _profanity.IsProfane(login.InGameName) ? NasReturnCode.ProfaneName : NasReturnCode.LoginOk;
        _metrics.Login();
        await LogAttemptAsync(LoginOutcome.Success, (long)login.UserId, profile.ProfileId, login.GameCode, remote, mac,
            "returncd=" + code.ToWireText(), cancellationToken);
        return Ok(NasResponses.Login(challenge, token, now, code));
    }

    /// <summary>The first login of (user id, gsbrcd) creates its profile; a concurrent login of the same pair gets the same one.</summary>
    private async Task<ProfileRecord?> CreateProfileAsync(NasLoginRequest login, string nick, CancellationToken cancellationToken)
    {
        var uniqueNick = UniqueNick.Create(login.UserId, login.Gsbrcd);
        var result = await _store.Profiles.CreateAsync(
            new NewProfile((long)login.UserId, login.Gsbrcd, login.GameCode, nick, uniqueNick, uniqueNick + "@nds"), cancellationToken);
        if (result.Outcome == ProfileCreateOutcome.Created)
        {
            NasLog.ProfileCreated(_logger, result.Profile!.ProfileId, (long)login.UserId, login.Gsbrcd);
        }

        return result.Profile;
    }

    private async Task<NasReply> CreateAccountAsync(NasAcctCreateRequest create, IPAddress? remote, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var gameCode = create.Console.GameCode;
        var mac = CanonicalMac(create.Console.MacAddress);
        long? consoleFriendCode = ConsoleFriendCode.TryParse(create.Console.ConsoleFriendCode, out var cfc) && cfc > 0 ? (long)cfc : null;
        if (Refusal(gameCode, "acctcreate") is { } refusal)
        {
            return Ok(NasResponses.Refused(refusal.Code, refusal.Reason, now));
        }

        var ban = await _store.Bans.FindActiveAsync(await BanKeys.ForLoginAsync(_store, null, mac, consoleFriendCode, remote, cancellationToken),
            cancellationToken);
        if (ban is not null)
        {
            _metrics.Ban();
            NasLog.Refused(_logger, "acctcreate", remote, NasReturnCode.AcctCreateBanned.ToWireText(), ban.Reason);
            await LogAttemptAsync(LoginOutcome.Banned, null, null, ShortGameCode(gameCode), remote, mac,
                string.Create(CultureInfo.InvariantCulture, $"returncd=3913 ban {ban.BanId}"), cancellationToken);
            return Ok(NasResponses.Refused(NasReturnCode.AcctCreateBanned, "User banned: " + ban.Reason, now));
        }

        // WiiLink's rule: a random id below 2^43; uniqueness is not needed because the profile key is (user id, gsbrcd)
        // and two consoles drawing the same id out of 8.8 trillion is not a practical concern. 0 is never handed out.
        var userId = NewUserId();
        if (mac is not null)
        {
            await _store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, BanKeys.NgIdFrom(consoleFriendCode), consoleFriendCode,
                Serial(create.Console.SerialNumber), userId), cancellationToken);
        }

        _metrics.AccountCreated();
        return Ok(NasResponses.AcctCreate((ulong)userId, now));
    }

    private NasReply ServiceLocation(NasSvcLocRequest request, DateTimeOffset now)
    {
        if (_settings.Maintenance)
        {
            _metrics.InMaintenance();
            return Ok(NasResponses.Refused(NasReturnCode.ServerMaintenance, "The server is in maintenance.", now));
        }

        // WiiLink's constant token: DLS1 does not redeem it (see docs/protocols/nas.md).
        _metrics.ServiceLocation();
        return Ok(NasResponses.SvcLoc(request.Service, NasTokens.SvcLocConstant, now));
    }

    private (NasReturnCode Code, string Reason)? Refusal(string? gameCode, string action)
    {
        if (_settings.Maintenance)
        {
            _metrics.InMaintenance();
            NasLog.Refused(_logger, action, null, NasReturnCode.ServerMaintenance.ToWireText(), "maintenance");
            return (NasReturnCode.ServerMaintenance, "The server is in maintenance.");
        }

        if (_settings.IsDisabled(gameCode))
        {
            _metrics.GameDisabled();
            NasLog.Refused(_logger, action, null, NasReturnCode.GameNotSupported.ToWireText(), "game " + gameCode + " is disabled");
            return (NasReturnCode.GameNotSupported, "This game is not available.");
        }

        return null;
    }

    private async Task LogAttemptAsync(LoginOutcome outcome, long? userId, uint? profileId, string? gameCode, IPAddress? remote, string? mac,
        string detail, CancellationToken cancellationToken)
    {
        try
        {
            await _store.LoginLog.AppendAsync(new LoginAttempt
            {
                Service = LoginService.Nas, Outcome = outcome, UserId = userId, ProfileId = profileId, GameCode = ShortGameCode(gameCode),
                Ip = remote, Mac = CanonicalMac(mac), Detail = detail,
            }, cancellationToken);
        }
        catch (Exception e) when (e is DbException or TimeoutException or OperationCanceledException or InvalidOperationException or ArgumentException)
        {
            // The log is for operators; losing one line must not refuse a console.
            NasLog.StoreFailed(_logger, remote, e);
        }
    }

    private static long NewUserId()
    {
        Span<byte> bytes = stackalloc byte[8];
        long id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = (long)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes) & UniqueNick.MaxUserId);
        }
        while (id == 0);

        return id;
    }

    private static NasReply Ok(NasResponse response) => new(200, response.ToBody());

    private static string? CanonicalMac(string? mac) => mac is not null && ConsoleMac.TryNormalize(mac, out var canonical) ? canonical : null;

    // Descriptive fields of acctcreate are not validated by the codec: keep only clean, bounded ones.
    private static string? Serial(string? serial) =>
        serial is { Length: > 0 and <= StoreLimits.MaxSerialLength } && IsPrintableAscii(serial) ? serial : null;

    private static string? ShortGameCode(string? gameCode) =>
        gameCode is { Length: > 0 and <= StoreLimits.MaxGsbrcdLength } && IsPrintableAscii(gameCode) ? gameCode : null;

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static string Bounded(string nick) => nick.Length <= StoreLimits.MaxNickLength ? nick : nick[..StoreLimits.MaxNickLength];
}
