using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Actors.Frontends.Gpcm;

// The commands of a logged-in console: each is checked here (syntax, bounds, session key) and handed to
// the console's session entity, which decides what it means for friends.
public sealed partial class GpcmConnection
{
    /// <summary>
    /// Longest text relayed in a non-match buddy message (types 5, 102, 103). GP clients keep buddy
    /// messages short; the bound keeps one console from pushing large blobs through its friends.
    /// </summary>
    public const int MaxRelayedTextLength = 1024;

    private Task Dispatch(GpcmClientMessage command, GameSpyMessage raw)
    {
        switch (command)
        {
            case GpcmKeepAlive:
                Write(GpcmKeepAlive.Instance);
                return Task.CompletedTask;
            case GpcmLoginRequest login:
                return LoginAsync(login);
            case GpcmLogoutRequest:
                Close("logout");
                return Task.CompletedTask;
        }

        if (_phase != Phase.LoggedIn)
        {
            _services.Metrics.NotLoggedIn();
            GpcmLog.BadInput(Context.Logger, _remote, "before login", raw.Command);
            Fail(GpError.For(GpErrorCode.NotLoggedIn, raw.GetValueOrNull("id")));
            return Task.CompletedTask;
        }

        if (command is GpcmUnknownCommand unknown)
        {
            _services.Metrics.UnknownCommand();
            GpcmLog.BadInput(Context.Logger, _remote, "unknown command", unknown.Command);
            Write(new GpError(GpErrorCode.Parse, "Unknown command.", IsFatal: false, raw.GetValueOrNull("id")));
            return Task.CompletedTask;
        }

        var sessionKey = GpcmSessionKeyOf(command);
        if (sessionKey is { } key && key != _sessionKey)
        {
            _services.Metrics.BadSessionKey();
            GpcmLog.BadInput(Context.Logger, _remote, "session key", raw.Command);
            Fail(GpError.For(GpErrorCode.BadSessionKey));
            return Task.CompletedTask;
        }

        switch (command)
        {
            case GpcmStatusRequest status:
                Tell(new PublishStatus(_profileId, _sessionKey, new SessionPresence((int)status.Status, status.StatString, status.LocString)));
                break;
            case GpcmGetProfileRequest getProfile:
                return GetProfileAsync(getProfile);
            case GpcmUpdateProRequest updatePro:
                UpdatePro(updatePro);
                break;
            case GpcmUpdateUiRequest:
                // Not sent by DWC games; accepted and ignored like the references do.
                break;
            case GpcmAddBuddyRequest addBuddy:
                if (addBuddy.NewProfileId == _profileId)
                {
                    Refuse(GpErrorCode.AddBuddyBadNew, "A profile cannot add itself.");
                }
                else
                {
                    Tell(new AddBuddy(_profileId, _sessionKey, addBuddy.NewProfileId));
                }

                break;
            case GpcmAuthAddRequest authAdd:
                Tell(new AuthorizeBuddy(_profileId, _sessionKey, authAdd.FromProfileId));
                break;
            case GpcmDelBuddyRequest delBuddy:
                Tell(new RemoveBuddy(_profileId, _sessionKey, delBuddy.DelProfileId));
                break;
            case GpcmBuddyMessageRequest buddyMessage:
                SendBuddyMessage(buddyMessage);
                break;
        }

        return Task.CompletedTask;
    }

    private void UpdatePro(GpcmUpdateProRequest updatePro)
    {
        var first = updatePro.FirstName;
        var last = updatePro.LastName;
        if (first?.Length > StoreLimits.MaxNameLength || last?.Length > StoreLimits.MaxNameLength)
        {
            Refuse(GpErrorCode.UpdatePro, "A name is too long.");
            return;
        }

        Tell(new UpdateNames(_profileId, _sessionKey, first, last));
    }

    /// <summary>
    /// Buddy messages: type 1 must be a DWC match command (that is all DWC games send, and what WiiLink
    /// accepts), checked with the GPCM and MKW codecs within the 0x80-byte relay bound and relayed
    /// unchanged; under-the-table messages and pings are relayed when short; anything else is error 2304.
    /// </summary>
    private void SendBuddyMessage(GpcmBuddyMessageRequest request)
    {
        if (request.To == _profileId)
        {
            Refuse(GpErrorCode.BuddyMessage, "A profile cannot message itself.");
            return;
        }

        switch (request.Type)
        {
            case GpBuddyMessageType.Message:
                if (!GpcmMatchCommandText.TryParse(request.Message, out var matchCommand, out var error))
                {
                    Refuse(GpErrorCode.BuddyMessage, "Not an acceptable match command: " + error);
                    return;
                }

                if (!IsValidPayload(matchCommand))
                {
                    Refuse(GpErrorCode.BuddyMessage, "The match command payload is malformed.");
                    return;
                }

                Tell(new SendBuddyMessage(_profileId, _sessionKey, request.To, (int)request.Type, request.Message, matchCommand.Version));
                return;
            case GpBuddyMessageType.Utm or GpBuddyMessageType.Ping or GpBuddyMessageType.Pong:
                if (request.Message.Length > MaxRelayedTextLength)
                {
                    Refuse(GpErrorCode.BuddyMessage, "The message is too long.");
                    return;
                }

                Tell(new SendBuddyMessage(_profileId, _sessionKey, request.To, (int)request.Type, request.Message, 0));
                return;
            default:
                Refuse(GpErrorCode.BuddyMessage, "This buddy message type is not relayed.");
                return;
        }
    }

    /// <summary>The commands the server reads fields of must have a well-formed payload; others are opaque and relayed as they are.</summary>
    private static bool IsValidPayload(GpcmMatchCommand command)
    {
        var version = (uint)command.Version;
        return (MatchCommandType)command.Command switch
        {
            MatchCommandType.Reservation => MatchCommandPayloads.TryReadReservation(version, command.Payload, out _, out _),
            MatchCommandType.ResvOk => MatchCommandPayloads.TryReadResvOk(version, command.Payload, out _, out _),
            MatchCommandType.TellAddr => MatchCommandPayloads.TryReadTellAddr(command.Payload, out _, out _),
            MatchCommandType.SuspendMatch => MatchCommandPayloads.TryReadSuspendMatch(command.Payload, out _, out _),
            MatchCommandType.ScCloseCl => MatchCommandPayloads.TryReadScCloseClient(command.Payload, out _, out _),
            _ => true,
        };
    }

    /// <summary><c>\getprofile\</c> → <c>\pi\</c>: the stored profile with the owner's current location string.</summary>
    private async Task GetProfileAsync(GpcmGetProfileRequest request)
    {
        ProfileRecord? profile;
        try
        {
            using var timeout = new CancellationTokenSource(_services.LoginTimeout);
            profile = await _services.Store.Profiles.GetAsync(request.ProfileId, timeout.Token);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            GpcmLog.StoreFailed(Context.Logger, _remote, e);
            Refuse(GpErrorCode.GetProfile, "The profile could not be read.", request.OperationId);
            return;
        }

        if (profile is null)
        {
            Refuse(GpErrorCode.GetProfileBadProfile, GpError.DefaultMessage(GpErrorCode.GetProfileBadProfile), request.OperationId);
            return;
        }

        var location = "";
        try
        {
            var presence = await _services.Sessions.Region.Ask<PresenceAnswer>(new GetPresence(request.ProfileId), _services.QueryTimeout);
            location = presence.Online ? presence.Presence.LocString : "";
        }
        catch (AskTimeoutException)
        {
            // The location is informative; a slow session does not hold up the answer.
        }

        if (_phase != Phase.LoggedIn)
        {
            return;
        }

        Write(request.ProfileId == _profileId
            ? GpcmProfileInfo.ForOwner(profile.ProfileId, (ulong)profile.UserId, profile.UniqueNick, EmptyAsNull(profile.FirstName),
                EmptyAsNull(profile.LastName), location, request.OperationId)
            : GpcmProfileInfo.ForOthers(profile.ProfileId, profile.Gsbrcd, EmptyAsNull(profile.FirstName), location, request.OperationId));
    }

    private void Refuse(GpErrorCode code, string message, string? operationId = null)
    {
        _services.Metrics.BadRequest();
        GpcmLog.BadInput(Context.Logger, _remote, code.ToString(), message);
        Write(new GpError(code, message, IsFatal: false, operationId));
    }

    private void Tell(SessionMessage message) => _services.Sessions.Region.Tell(message, Self);

    private static int? GpcmSessionKeyOf(GpcmClientMessage command) => command switch
    {
        GpcmStatusRequest m => m.SessionKey,
        GpcmGetProfileRequest m => m.SessionKey,
        GpcmUpdateProRequest m => m.SessionKey,
        GpcmUpdateUiRequest m => m.SessionKey,
        GpcmAddBuddyRequest m => m.SessionKey,
        GpcmAuthAddRequest m => m.SessionKey,
        GpcmDelBuddyRequest m => m.SessionKey,
        GpcmBuddyMessageRequest m => m.SessionKey,
        _ => null,
    };

    private static string? EmptyAsNull(string text) => text.Length == 0 ? null : text;

    private static bool IsStoreFailure(Exception e) =>
        e is System.Data.Common.DbException or TimeoutException or OperationCanceledException or InvalidOperationException;
}
