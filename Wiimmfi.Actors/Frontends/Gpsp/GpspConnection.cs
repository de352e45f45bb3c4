using System.Buffers;
using System.Net;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpsp;

namespace Wiimmfi.Actors.Frontends.Gpsp;

/// <summary>
/// One GPSP connection (TCP 29901): short profile searches. No greeting; each request is answered in
/// arrival order; the console closes when it has its answer (an idle connection is closed after
/// <see cref="GpspFrontendServices.IdleTimeout"/>).
/// </summary>
/// <remarks>
/// <para><c>otherslist</c> (the one request Mario Kart Wii sends) and <c>others</c> answer only for a live
/// GPCM session (profile id + session key, checked with the session entity), and show other players
/// the placeholder nick (a real nick contains the console's user id — WiiLink's privacy rule).
/// <c>search</c> finds a profile by the unique nick or e-mail the caller already knows; <c>valid</c>,
/// <c>nicks</c> and <c>check</c> look up an e-mail (<c>uniquenick@nds</c>); <c>newuser</c> is refused
/// (profiles are made at NAS login); <c>pmatch</c> and <c>profilelist</c> are counted and left
/// unanswered, as every reference does.</para>
/// <para>Bad input: stray bytes are dropped; an unparsable message, an unknown command or a message
/// over the size bound gets fatal error 1 and the connection closes; a request with bad fields gets
/// its family's non-fatal error (3328 for searches).</para>
/// </remarks>
public sealed class GpspConnection : ReceiveActor
{
    private const string EmailDomain = "@nds";
    private const string HiddenEmail = "[hidden]";

    private readonly IActorRef _connection;
    private readonly GpspFrontendServices _services;
    private IPEndPoint? _remote;
    private bool _closing;

    public GpspConnection(IActorRef connection, GpspFrontendServices services)
    {
        _connection = connection;
        _services = services;
        Receive<Tcp.Connected>(connected =>
        {
            _remote = connected.Remote;
            Context.SetReceiveTimeout(_services.IdleTimeout);
        });
        ReceiveAsync<Tcp.Received>(OnReceivedAsync);
        Receive<Tcp.MalformedInput>(malformed =>
        {
            _services.Metrics.Oversized();
            GpspLog.BadInput(Context.Logger, _remote, "oversized", malformed.Reason);
            Fail(new GpError(GpErrorCode.Parse, "The message is too long.", IsFatal: true));
        });
        Receive<ReceiveTimeout>(_ => Close());
        Receive<Tcp.ConnectionClosed>(_ => _closing = true);
        Receive<Tcp.CommandFailed>(_ => { });
    }

    private async Task OnReceivedAsync(Tcp.Received received)
    {
        if (_closing)
        {
            return;
        }

        if (!GameSpyMessage.TryParse(received.Data.Span, out var message, out var parseError))
        {
            if (parseError == GameSpyParseError.MissingLeadingBackslash)
            {
                GpspLog.BadInput(Context.Logger, _remote, "stray bytes", $"{received.Data.Length} bytes dropped");
                return;
            }

            _services.Metrics.ParseError();
            GpspLog.BadInput(Context.Logger, _remote, "parse error", parseError.ToString());
            Fail(GpError.For(GpErrorCode.Parse));
            return;
        }

        var parsed = GpspRequest.Parse(message);
        if (parsed.Error is { } error)
        {
            _services.Metrics.BadRequest();
            GpspLog.BadInput(Context.Logger, _remote, message.Command, error.Message);
            if (error.IsFatal)
            {
                Fail(error);
            }
            else
            {
                Answer(message.Command, error);
            }

            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_services.RequestTimeout);
            await HandleAsync(parsed.Request!, timeout.Token);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or OperationCanceledException or InvalidOperationException
                                      or ArgumentException or AskTimeoutException)
        {
            GpspLog.StoreFailed(Context.Logger, _remote, message.Command, e);
            Answer(message.Command, GpError.For(GpErrorCode.Search));
        }
    }

    private async Task HandleAsync(GpspRequest request, CancellationToken cancellationToken)
    {
        switch (request)
        {
            case GpspKeepAlive:
                Answer("ka", GpspKeepAlive.Instance);
                break;
            case GpspOthersListRequest othersList:
                await OthersListAsync(othersList, cancellationToken);
                break;
            case GpspOthersRequest others:
                await OthersAsync(others, cancellationToken);
                break;
            case GpspSearchRequest search:
                await SearchAsync(search, cancellationToken);
                break;
            case GpspValidRequest valid:
                Answer("valid", new GpspValidReply(await FindByEmailAsync(valid.Email, cancellationToken) is not null));
                break;
            case GpspNicksRequest nicks:
                var owner = await FindByEmailAsync(nicks.Email, cancellationToken);
                Answer("nicks", owner is null
                    ? new GpspNicksReply((int)GpErrorCode.CheckBadEmail, [])
                    : new GpspNicksReply(0, [new GpspNickEntry(owner.UniqueNick, owner.UniqueNick)]));
                break;
            case GpspCheckRequest check:
                var checkedProfile = await FindByEmailAsync(check.Email, cancellationToken);
                Answer("check", checkedProfile is null
                    ? new GpspCheckReply((int)GpErrorCode.CheckBadEmail, null)
                    : new GpspCheckReply(0, checkedProfile.ProfileId));
                break;
            case GpspNewUserRequest:
                // NWC profiles are created by the NAS login, never by GPSP.
                Answer("newuser", new GpspNewUserReply((int)GpErrorCode.NewUser, null));
                break;
            case GpspUniqueSearchRequest:
                Answer("uniquesearch", new GpspUniqueSearchReply([]));
                break;
            case GpspUnansweredRequest unanswered:
                _services.Metrics.UnansweredRequest();
                GpspLog.BadInput(Context.Logger, _remote, "unanswered", unanswered.Command);
                break;
            case GpspUnknownCommand unknown:
                _services.Metrics.UnknownCommand();
                GpspLog.BadInput(Context.Logger, _remote, "unknown command", unknown.Command);
                Fail(GpError.For(GpErrorCode.Parse));
                break;
        }
    }

    /// <summary><c>\otherslist\</c>: one entry per requested id, in request order, each with the placeholder nick.</summary>
    private async Task OthersListAsync(GpspOthersListRequest request, CancellationToken cancellationToken)
    {
        var verified = await VerifyAsync(request.ProfileId, request.SessionKey, request.GameName, cancellationToken);
        if (!verified.Valid)
        {
            return;
        }

        var profiles = request.ProfileIds.Count == 0
            ? []
            : await _services.Store.Profiles.GetManyAsync(request.ProfileIds, cancellationToken);
        var gsbrcdOf = profiles.ToDictionary(p => p.ProfileId, p => p.Gsbrcd);
        var entries = new GpspOthersListEntry[request.ProfileIds.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var id = request.ProfileIds[i];
            entries[i] = new GpspOthersListEntry(id, UniqueNick.CreatePlaceholder(gsbrcdOf.GetValueOrDefault(id) ?? verified.Gsbrcd!));
        }

        Answer("otherslist", new GpspOthersListReply(entries));
    }

    /// <summary><c>\others\</c>: the caller's mutual friends (placeholder nicks, hidden e-mail).</summary>
    private async Task OthersAsync(GpspOthersRequest request, CancellationToken cancellationToken)
    {
        if (request.SessionKey is not { } sessionKey)
        {
            _services.Metrics.Unverified();
            Answer("others", GpError.For(GpErrorCode.Search));
            return;
        }

        var verified = await VerifyAsync(request.ProfileId, sessionKey, null, cancellationToken);
        if (!verified.Valid)
        {
            return;
        }

        var mutual = await _services.Store.Friends.ListMutualAsync(request.ProfileId, cancellationToken);
        var profiles = mutual.Count == 0 ? [] : await _services.Store.Profiles.GetManyAsync(mutual, cancellationToken);
        var entries = profiles.OrderBy(p => p.ProfileId)
            .Select(p => ToEntry(p, UniqueNick.CreatePlaceholder(p.Gsbrcd), HiddenEmail, request.NamespaceId))
            .ToArray();
        Answer("others", new GpspOthersReply(entries));
    }

    /// <summary><c>\search\</c>: a profile whose unique nick or e-mail the caller gave (nothing else is searchable).</summary>
    private async Task SearchAsync(GpspSearchRequest request, CancellationToken cancellationToken)
    {
        ProfileRecord? hit = null;
        if (!string.IsNullOrEmpty(request.UniqueNick) && request.UniqueNick.Length <= StoreLimits.MaxUniqueNickLength)
        {
            hit = await _services.Store.Profiles.FindByUniqueNickAsync(request.UniqueNick, cancellationToken);
        }
        else if (!string.IsNullOrEmpty(request.Email))
        {
            hit = await FindByEmailAsync(request.Email, cancellationToken);
        }

        Answer(request.Unique ? "searchunique" : "search", new GpspSearchReply(hit is null
            ? []
            : [ToEntry(hit, hit.UniqueNick, hit.Email, request.NamespaceId)]));
    }

    private async Task<SessionVerified> VerifyAsync(uint profileId, int sessionKey, string? gameName, CancellationToken cancellationToken)
    {
        var verified = await _services.Sessions.Region.Ask<SessionVerified>(new VerifySession(profileId, sessionKey, gameName),
            _services.RequestTimeout, cancellationToken);
        if (!verified.Valid)
        {
            _services.Metrics.Unverified();
            GpspLog.BadInput(Context.Logger, _remote, "session", $"profile {profileId} has no such GPCM session");
            Answer("verify", GpError.For(GpErrorCode.Search));
        }

        return verified;
    }

    private async Task<ProfileRecord?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        if (!email.EndsWith(EmailDomain, StringComparison.OrdinalIgnoreCase) || email.Length > StoreLimits.MaxEmailLength)
        {
            return null;
        }

        var nick = email[..^EmailDomain.Length];
        return nick.Length == 0 ? null : await _services.Store.Profiles.FindByUniqueNickAsync(nick, cancellationToken);
    }

    private static GpspProfileEntry ToEntry(ProfileRecord profile, string nick, string email, int? namespaceId) =>
        new(profile.ProfileId, nick, profile.FirstName, profile.LastName, email, nick, namespaceId ?? 0);

    private void Answer(string command, IGameSpyWritable reply)
    {
        _services.Metrics.Request(command);
        var buffer = new ArrayBufferWriter<byte>(128);
        reply.WriteTo(buffer);
        _connection.Tell(new Tcp.Write(buffer.WrittenMemory), Self);
    }

    private void Fail(GpError error)
    {
        if (_closing)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        (error.IsFatal ? error : error with { IsFatal = true }).WriteTo(buffer);
        _connection.Tell(new Tcp.Write(buffer.WrittenMemory), Self);
        Close();
    }

    private void Close()
    {
        _closing = true;
        Context.SetReceiveTimeout(null);
        _connection.Tell(Tcp.Close.Instance, Self);
    }
}
