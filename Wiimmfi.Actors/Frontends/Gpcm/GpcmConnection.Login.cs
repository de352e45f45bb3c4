using System.Globalization;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Actors.Frontends.Gpcm;

// The GPCM login (gpcm.md §5–7): redeem the NAS token once, check the console's proof of the NAS
// challenge, check the game and bans, then let the profile's session take the connection.
public sealed partial class GpcmConnection
{
    private async Task LoginAsync(GpcmLoginRequest login)
    {
        if (_phase != Phase.Greeting)
        {
            _services.Metrics.LoginFailed();
            RefuseLogin(login, null, GpErrorCode.Login, "This connection is already logged in.", LoginOutcome.BadRequest);
            return;
        }

        _phase = Phase.LoggingIn;
        try
        {
            using var timeout = new CancellationTokenSource(_services.LoginTimeout);
            await CheckAndLoginAsync(login, timeout.Token);
        }
        catch (Exception e) when (IsStoreFailure(e) || e is AskTimeoutException or ArgumentException)
        {
            GpcmLog.StoreFailed(Context.Logger, _remote, e);
            _services.Metrics.LoginFailed();
            RefuseLogin(login, null, GpErrorCode.Login, "The server could not complete the login; try again.", LoginOutcome.ServerError);
        }
    }

    private async Task CheckAndLoginAsync(GpcmLoginRequest login, CancellationToken cancellationToken)
    {
        // Single use: whatever happens next, this token cannot be presented again.
        var consumed = await _services.Store.AuthTokens.ConsumeAsync(login.AuthToken, cancellationToken);
        if (consumed.Status == AuthTokenConsumeStatus.Unknown)
        {
            _services.Metrics.UnknownToken();
            RefuseLogin(login, null, GpErrorCode.LoginBadPreAuth, GpError.DefaultMessage(GpErrorCode.LoginBadPreAuth), LoginOutcome.BadCredentials);
            return;
        }

        var token = consumed.Token!;
        if (consumed.Status == AuthTokenConsumeStatus.Expired)
        {
            _services.Metrics.ExpiredToken();
            RefuseLogin(login, token, GpErrorCode.LoginTicketExpired, GpError.DefaultMessage(GpErrorCode.LoginTicketExpired), LoginOutcome.TokenExpired);
            return;
        }

        if (!GpcmLoginProof.VerifyResponse(login.Response, token.Challenge, login.AuthToken, login.ClientChallenge, _serverChallenge))
        {
            // GP_LOGIN_BAD_PASSWORD: the response proves the "password" (the NAS challenge). WiiLink sends 256 here.
            _services.Metrics.WrongResponse();
            RefuseLogin(login, token, GpErrorCode.LoginBadPassword, "The login response is not valid.", LoginOutcome.BadCredentials);
            return;
        }

        if (!_services.Games.Current.TryGetByName(login.GameName, out var game) || !game.Enabled)
        {
            _services.Metrics.GameNotAvailable();
            RefuseLogin(login, token, GpErrorCode.Login, "This game is not available on this server.", LoginOutcome.Refused);
            return;
        }

        var profile = await FindOrCreateProfileAsync(token, cancellationToken);
        if (profile is null)
        {
            _services.Metrics.LoginFailed();
            RefuseLogin(login, token, GpErrorCode.Login, "The profile could not be created.", LoginOutcome.ServerError);
            return;
        }

        var ip = _remote?.Address;
        var banQuery = await BanKeys.ForLoginAsync(_services.Store, profile.ProfileId, token.Mac, token.ConsoleFriendCode, ip, cancellationToken);
        var ban = await _services.Store.Bans.FindActiveAsync(banQuery, cancellationToken);
        if (ban is not null)
        {
            _services.Metrics.Banned();
            RefuseLogin(login, token, GpErrorCode.Login, "This profile is banned: " + ban.Reason, LoginOutcome.Banned, profile.ProfileId,
                string.Create(CultureInfo.InvariantCulture, $"ban {ban.BanId}"));
            return;
        }

        await _services.Store.Profiles.RecordLoginAsync(profile.ProfileId, new ProfileLogin(token.InGameNick, ip, token.Mac), cancellationToken);

        var sessionKey = GpcmSessionKey.Create();
        var identity = new SessionIdentity(
            profile.ProfileId, profile.UserId, profile.UniqueNick, profile.Gsbrcd, login.GameName, token.InGameNick ?? profile.InGameNick,
            FriendCode.ComputeDisplay(profile.ProfileId, profile.FriendCodeGameId), token.UnitCode, ip?.ToString(), token.Mac,
            banQuery.NgId, _services.Time.GetUtcNow());
        var answer = await _services.Sessions.Region.Ask<object>(new SessionLogin(profile.ProfileId, Self, sessionKey, identity), _services.LoginTimeout,
            cancellationToken);
        if (answer is not SessionLoginAccepted accepted)
        {
            var refused = answer as SessionLoginRefused;
            _services.Metrics.LoginFailed();
            RefuseLogin(login, token, (GpErrorCode)(refused?.Code ?? (int)GpErrorCode.Login), refused?.Message ?? "The login was refused.",
                LoginOutcome.ServerError, profile.ProfileId);
            return;
        }

        _profileId = profile.ProfileId;
        _sessionKey = sessionKey;
        _phase = Phase.LoggedIn;
        var proof = GpcmLoginProof.ComputeProof(token.Challenge, login.AuthToken, login.ClientChallenge, _serverChallenge);
        var ticket = _services.Tickets.Issue(profile.ProfileId, _services.Time.GetUtcNow());
        // WiiLink sends user id 0 to DS consoles: the DS GP SDK reads it as a signed 32-bit number.
        var userId = token.UnitCode == 0 ? 0UL : (ulong)profile.UserId;
        var reply = new GpcmLoginReply(sessionKey, proof, userId, profile.ProfileId, profile.UniqueNick, ticket, login.OperationId);
        if (login.WantsListsOnLogin)
        {
            Write(reply, new GpcmBuddyList(accepted.BuddyList), new GpcmBuddyList([], IsBlockList: true));
        }
        else
        {
            Write(reply);
        }

        _services.Metrics.LoginAccepted();
        AppendLoginLog(new LoginAttempt
        {
            Service = LoginService.Gpcm, Outcome = LoginOutcome.Success, UserId = profile.UserId, ProfileId = profile.ProfileId,
            GameCode = login.GameName, Ip = ip, Mac = token.Mac,
        });
    }

    /// <summary>NAS creates the profile at login; a token issued before that (or by an older node) still gets one here.</summary>
    private async Task<ProfileRecord?> FindOrCreateProfileAsync(AuthToken token, CancellationToken cancellationToken)
    {
        if (token.ProfileId is { } known)
        {
            var stored = await _services.Store.Profiles.GetAsync(known, cancellationToken);
            if (stored is not null)
            {
                return stored;
            }
        }

        var uniqueNick = UniqueNick.Create((ulong)token.UserId, token.Gsbrcd);
        var created = await _services.Store.Profiles.CreateAsync(
            new NewProfile(token.UserId, token.Gsbrcd, token.GameCode, token.InGameNick ?? "", uniqueNick, uniqueNick + "@nds"), cancellationToken);
        return created.Profile;
    }

    private void RefuseLogin(GpcmLoginRequest login, AuthToken? token, GpErrorCode code, string message, LoginOutcome outcome,
        uint? profileId = null, string? detail = null)
    {
        GpcmLog.LoginRefused(Context.Logger, _remote, (int)code, message);
        AppendLoginLog(new LoginAttempt
        {
            Service = LoginService.Gpcm, Outcome = outcome, UserId = token?.UserId, ProfileId = profileId ?? token?.ProfileId,
            GameCode = login.GameName.Length is > 0 and <= StoreLimits.MaxGsbrcdLength ? login.GameName : null, Ip = _remote?.Address,
            Mac = token?.Mac, Detail = string.Create(CultureInfo.InvariantCulture, $"err={(int)code}") + (detail is null ? "" : " " + detail),
        });
        Fail(new GpError(code, message, IsFatal: true, login.OperationId));
    }

    /// <summary>The login log is for operators; writing it never delays or fails a login.</summary>
    private void AppendLoginLog(LoginAttempt attempt)
    {
        var logger = Context.Logger;
        var remote = _remote;
        _services.Store.LoginLog.AppendAsync(attempt).ContinueWith(
            t => GpcmLog.LoginLogFailed(logger, remote, t.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
