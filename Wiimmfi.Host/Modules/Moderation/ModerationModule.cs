using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Moderation;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Modules.Moderation;

/// <summary>
/// The operators' moderation routes on the management listener (all need the admin credentials):
/// <list type="bullet">
/// <item><c>GET /admin/sessions</c> — consoles online on this node;</item>
/// <item><c>GET /admin/sessions/{pid}</c> — one profile's session entity as stored (also offline or dormant after a restart);</item>
/// <item><c>POST /admin/kick/{pid}</c> — disconnect a profile (<c>{"reason": …}</c> or <c>?reason=</c>);</item>
/// <item><c>POST /admin/bans</c> — ban a profile, MAC, NG id or IP, with reason and expiry; kicks matching sessions at once;</item>
/// <item><c>DELETE /admin/bans/{id}</c> — lift a ban (<c>?reason=</c>);</item>
/// <item><c>GET /admin/bans</c> — standing bans (<c>?all=true</c> also lifted and expired ones; <c>?profileId= mac= ngId= ip=</c> to filter);</item>
/// <item><c>GET /admin/audit</c> — the audit log, newest first (<c>?profileId=</c>, <c>?limit=</c>).</item>
/// </list>
/// Every action is written to the audit log under the configured admin user name.
/// </summary>
public sealed class ModerationModule : NodeModule
{
    private ModerationService? _moderation;

    public override string Name => "moderation";

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        _moderation = new ModerationService(node.Store, node.Services.Get<ConsoleSessionRegion>(), node.LoggerFactory.CreateLogger<ModerationService>());
        node.Services.Add(_moderation);
        return Task.CompletedTask;
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node)
    {
        var moderation = _moderation!;
        var operatorName = node.Options.Management.Username;
        admin.MapGet("/sessions", () =>
        {
            var sessions = moderation.OnlineSessions().Select(ToView).ToList();
            return Results.Json(new SessionsView(sessions.Count, sessions), ModerationJson.Default.SessionsView);
        });
        admin.MapGet("/sessions/{pid}", async (string pid, CancellationToken ct) =>
        {
            if (!TryProfileId(pid, out var profileId))
            {
                return Error(StatusCodes.Status400BadRequest, $"'{pid}' is not a profile id");
            }

            var sessions = node.Services.Get<ConsoleSessionRegion>();
            try
            {
                var r = await sessions.Region.Ask<SessionRecord>(new GetSessionRecord(profileId), TimeSpan.FromSeconds(10), ct);
                return Results.Json(new SessionRecordView(r.ProfileId, r.Online, r.Dormant, r.Presence.Status, r.Presence.StatString, r.Presence.LocString,
                    r.GameName, r.Friends, r.Mutual), ModerationJson.Default.SessionRecordView);
            }
            catch (AskTimeoutException)
            {
                return Error(StatusCodes.Status504GatewayTimeout, "the session did not answer in time");
            }
        });
        admin.MapPost("/kick/{pid}", async (string pid, HttpContext http, CancellationToken ct) =>
        {
            if (!TryProfileId(pid, out var profileId))
            {
                return Error(StatusCodes.Status400BadRequest, $"'{pid}' is not a profile id");
            }

            var body = await ReadJsonAsync(http, ModerationJson.Default.KickRequest, ct);
            if (body.Error is not null)
            {
                return body.Error;
            }

            var reason = Reason(body.Value?.Reason ?? http.Request.Query["reason"], "kicked by an operator");
            if (reason is null)
            {
                return Error(StatusCodes.Status400BadRequest, $"the reason is longer than {StoreLimits.MaxReasonLength} characters");
            }

            bool kicked;
            try
            {
                kicked = await moderation.KickAsync(profileId, reason, operatorName, ct);
            }
            catch (AskTimeoutException)
            {
                return Error(StatusCodes.Status504GatewayTimeout, $"the session of profile {profileId} did not answer");
            }

            return kicked
                ? Results.Json(new KickView(profileId, true, reason), ModerationJson.Default.KickView)
                : Error(StatusCodes.Status404NotFound, $"profile {profileId} is not online");
        });
        admin.MapPost("/bans", async (HttpContext http, CancellationToken ct) =>
        {
            var body = await ReadJsonAsync(http, ModerationJson.Default.BanRequest, ct);
            if (body.Error is not null)
            {
                return body.Error;
            }

            if (body.Value is null)
            {
                return Error(StatusCodes.Status400BadRequest, "a ban needs a JSON body");
            }

            if (!TryBuildBan(body.Value, operatorName, node.Time.GetUtcNow(), out var ban, out var problem))
            {
                return Error(StatusCodes.Status400BadRequest, problem);
            }

            var outcome = await moderation.BanAsync(ban, ct);
            return Results.Json(new BanIssuedView(ToView(outcome.Ban, node.Time.GetUtcNow()), outcome.Kicked), ModerationJson.Default.BanIssuedView,
                statusCode: StatusCodes.Status201Created);
        });
        admin.MapDelete("/bans/{id}", async (string id, HttpContext http, CancellationToken ct) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var banId))
            {
                return Error(StatusCodes.Status400BadRequest, $"'{id}' is not a ban id");
            }

            var reason = Reason(http.Request.Query["reason"], "lifted by an operator");
            if (reason is null)
            {
                return Error(StatusCodes.Status400BadRequest, $"the reason is longer than {StoreLimits.MaxReasonLength} characters");
            }

            var outcome = await moderation.UnbanAsync(banId, operatorName, reason, ct);
            return outcome switch
            {
                { Ban: null } => Error(StatusCodes.Status404NotFound, $"there is no ban {banId}"),
                { Revoked: false } => Error(StatusCodes.Status409Conflict, $"ban {banId} was already lifted"),
                _ => Results.Json(ToView(outcome.Ban!, node.Time.GetUtcNow()), ModerationJson.Default.BanView),
            };
        });
        admin.MapGet("/bans", async (HttpContext http, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            var all = string.Equals(query["all"], "true", StringComparison.OrdinalIgnoreCase);
            if (!TryBanQuery(query, out var banQuery, out var problem))
            {
                return Error(StatusCodes.Status400BadRequest, problem);
            }

            var bans = banQuery.IsEmpty
                ? await node.Store.Bans.ListRecentAsync(all, StoreLimits.MaxRowsPerQuery, ct)
                : await node.Store.Bans.ListAsync(banQuery, all, ct);
            var now = node.Time.GetUtcNow();
            return Results.Json(new BansView([.. bans.Select(b => ToView(b, now))]), ModerationJson.Default.BansView);
        });
        admin.MapGet("/audit", async (HttpContext http, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            uint? profileId = null;
            if (query.ContainsKey("profileId"))
            {
                if (!TryProfileId(query["profileId"], out var id))
                {
                    return Error(StatusCodes.Status400BadRequest, "profileId is not a profile id");
                }

                profileId = id;
            }

            var limit = 100;
            if (query.ContainsKey("limit")
                && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > StoreLimits.MaxRowsPerQuery))
            {
                return Error(StatusCodes.Status400BadRequest, $"limit must be 1 to {StoreLimits.MaxRowsPerQuery}");
            }

            var entries = await node.Store.AuditLog.ListRecentAsync(profileId, limit, ct);
            return Results.Json(new AuditsView([.. entries.Select(ToView)]), ModerationJson.Default.AuditsView);
        });
    }

    private static bool TryBuildBan(BanRequest request, string operatorName, DateTimeOffset now, out NewBan ban, out string problem)
    {
        ban = null!;
        problem = "";
        if (request.ProfileId is null && request.Mac is null && request.NgId is null && request.Ip is null)
        {
            problem = "a ban needs at least one of profileId, mac, ngId, ip";
            return false;
        }

        if (request.ProfileId == 0 || request.NgId == 0)
        {
            problem = "profileId and ngId must not be 0";
            return false;
        }

        string? mac = null;
        if (request.Mac is not null && !ConsoleMac.TryNormalize(request.Mac, out mac))
        {
            problem = $"'{request.Mac}' is not a MAC address (12 hex digits)";
            return false;
        }

        IPAddress? ip = null;
        if (request.Ip is not null && !IPAddress.TryParse(request.Ip, out ip))
        {
            problem = $"'{request.Ip}' is not an IP address";
            return false;
        }

        var reason = Reason(request.Reason, "");
        if (string.IsNullOrWhiteSpace(reason))
        {
            problem = $"a ban needs a reason of at most {StoreLimits.MaxReasonLength} characters";
            return false;
        }

        DateTimeOffset? expires = request.ExpiresAt;
        if (request.DurationSeconds is { } seconds)
        {
            if (expires is not null || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                problem = "give either expiresAt or a positive durationSeconds";
                return false;
            }

            expires = now + TimeSpan.FromSeconds(seconds);
        }

        if (expires <= now)
        {
            problem = "expiresAt is in the past";
            return false;
        }

        ban = new NewBan { ProfileId = request.ProfileId, Mac = mac, NgId = request.NgId, Ip = ip, Reason = reason, IssuedBy = operatorName, ExpiresAt = expires };
        return true;
    }

    private static bool TryBanQuery(IQueryCollection query, out BanQuery banQuery, out string problem)
    {
        banQuery = new BanQuery();
        problem = "";
        uint? profileId = null;
        if (query.ContainsKey("profileId"))
        {
            if (!TryProfileId(query["profileId"], out var id))
            {
                problem = "profileId is not a profile id";
                return false;
            }

            profileId = id;
        }

        string? mac = null;
        if (query.ContainsKey("mac") && !ConsoleMac.TryNormalize(query["mac"], out mac))
        {
            problem = "mac is not a MAC address";
            return false;
        }

        uint? ngId = null;
        if (query.ContainsKey("ngId"))
        {
            if (!uint.TryParse(query["ngId"], NumberStyles.None, CultureInfo.InvariantCulture, out var ng))
            {
                problem = "ngId is not a number";
                return false;
            }

            ngId = ng;
        }

        IPAddress? ip = null;
        if (query.ContainsKey("ip") && !IPAddress.TryParse(query["ip"], out ip))
        {
            problem = "ip is not an IP address";
            return false;
        }

        banQuery = new BanQuery(profileId, mac, ngId, ip);
        return true;
    }

    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        CancellationToken cancellationToken) where T : class
    {
        if (http.Request.ContentLength is null or 0 && !http.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return (null, null);
        }

        try
        {
            return (await http.Request.ReadFromJsonAsync(type, cancellationToken), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "the body is not the expected JSON: " + e.Message));
        }
    }

    private static string? Reason(string? given, string fallback)
    {
        var reason = string.IsNullOrWhiteSpace(given) ? fallback : given.Trim();
        return reason.Length > StoreLimits.MaxReasonLength || reason.Contains('\0') ? null : reason;
    }

    private static bool TryProfileId(string? text, out uint profileId) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out profileId) && profileId != 0;

    private static IResult Error(int status, string message) =>
        Results.Json(new ModerationError(message), ModerationJson.Default.ModerationError, statusCode: status);

    private static SessionView ToView(OnlineSessionInfo session)
    {
        var identity = session.Identity;
        return new SessionView(identity.ProfileId, identity.FriendCode, identity.InGameNick, identity.UniqueNick, identity.GameName, identity.Ip,
            identity.Mac, identity.LoginTime, new StatusView(session.Presence.Status, session.Presence.StatString, session.Presence.LocString));
    }

    private static BanView ToView(BanRecord ban, DateTimeOffset now) =>
        new(ban.BanId, ban.ProfileId, ban.Mac, ban.NgId, ban.Ip, ban.Reason, ban.IssuedBy, ban.IssuedAt, ban.ExpiresAt, ban.RevokedAt, ban.RevokedBy,
            ban.IsActiveAt(now));

    private static AuditView ToView(AuditEntry entry) =>
        new(entry.AuditId, entry.At, entry.Action.ToString().ToLowerInvariant(), entry.Operator, entry.TargetProfileId, entry.TargetMac,
            entry.TargetNgId, entry.TargetIp, entry.BanId, entry.Reason, entry.Detail);
}
