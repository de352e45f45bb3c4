using System.Net;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Actors.Moderation;

/// <summary>
/// What operators do to players: kick an online profile, ban a profile, console (MAC or NG id) or
/// address — which kicks every matching online session at once — and lift bans. Every action is
/// written to the moderation audit log with the operator's name and reason.
/// </summary>
/// <remarks>
/// A kick reaches the profile's session through the shard region (wherever it lives) and closes the
/// console's connection after GP error 7. A ban on a MAC, NG id or IP finds its online victims in this
/// node's <see cref="OnlineSessionDirectory"/>; logins are refused by the ban itself at NAS and GPCM.
/// </remarks>
public sealed class ModerationService
{
    /// <summary>How long a kick waits for the session's answer.</summary>
    public static readonly TimeSpan KickTimeout = TimeSpan.FromSeconds(5);

    private readonly IWiimmfiStore _store;
    private readonly ConsoleSessionRegion _sessions;
    private readonly ILogger _logger;

    public ModerationService(IWiimmfiStore store, ConsoleSessionRegion sessions, ILogger logger)
    {
        _store = store;
        _sessions = sessions;
        _logger = logger;
    }

    /// <summary>The consoles online on this node, by profile id.</summary>
    public IReadOnlyList<OnlineSessionInfo> OnlineSessions() => _sessions.Directory.Snapshot();

    /// <summary>Disconnects <paramref name="profileId"/>; false (and nothing logged) when it was not online.</summary>
    public async Task<bool> KickAsync(uint profileId, string reason, string operatorName, CancellationToken cancellationToken = default)
    {
        var wasOnline = await _sessions.KickAsync(profileId, (int)GpErrorCode.ConnectionClosed, reason, KickTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (wasOnline)
        {
            await _store.AuditLog.AppendAsync(new NewAuditEntry
            {
                Action = ModerationAction.Kick, Operator = operatorName, Reason = reason, TargetProfileId = profileId, Detail = "kicked",
            }, cancellationToken).ConfigureAwait(false);
            ModerationLog.Kicked(_logger, profileId, operatorName, reason);
        }

        return wasOnline;
    }

    /// <summary>Stores the ban, kicks every online session it matches, and records both in the audit log.</summary>
    public async Task<BanOutcome> BanAsync(NewBan ban, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ban);
        var record = await _store.Bans.IssueAsync(ban, cancellationToken).ConfigureAwait(false);
        var targets = new SortedSet<uint>();
        if (record.ProfileId is { } bannedProfile)
        {
            targets.Add(bannedProfile);
        }

        foreach (var session in _sessions.Directory.Snapshot())
        {
            if (Matches(record, session.Identity))
            {
                targets.Add(session.Identity.ProfileId);
            }
        }

        var kicked = new List<uint>();
        foreach (var target in targets)
        {
            if (await _sessions.KickAsync(target, (int)GpErrorCode.ConnectionClosed, "banned: " + record.Reason, KickTimeout, cancellationToken)
                    .ConfigureAwait(false))
            {
                kicked.Add(target);
            }
        }

        await _store.AuditLog.AppendAsync(new NewAuditEntry
        {
            Action = ModerationAction.Ban,
            Operator = record.IssuedBy,
            Reason = record.Reason,
            TargetProfileId = record.ProfileId,
            TargetMac = record.Mac,
            TargetNgId = record.NgId,
            TargetIp = record.Ip is null ? null : IPAddress.Parse(record.Ip),
            BanId = record.BanId,
            Detail = kicked.Count == 0 ? "nobody online was kicked" : "kicked " + string.Join(", ", kicked),
        }, cancellationToken).ConfigureAwait(false);
        ModerationLog.Banned(_logger, record.BanId, record.IssuedBy, record.Reason, kicked.Count);
        return new BanOutcome(record, kicked);
    }

    /// <summary>Lifts a ban and records it; see <see cref="UnbanOutcome"/> for the cases.</summary>
    public async Task<UnbanOutcome> UnbanAsync(long banId, string operatorName, string reason, CancellationToken cancellationToken = default)
    {
        var ban = await _store.Bans.GetAsync(banId, cancellationToken).ConfigureAwait(false);
        if (ban is null)
        {
            return new UnbanOutcome(null, false);
        }

        if (!await _store.Bans.RevokeAsync(banId, operatorName, cancellationToken).ConfigureAwait(false))
        {
            return new UnbanOutcome(ban, false);
        }

        await _store.AuditLog.AppendAsync(new NewAuditEntry
        {
            Action = ModerationAction.Unban,
            Operator = operatorName,
            Reason = reason,
            TargetProfileId = ban.ProfileId,
            TargetMac = ban.Mac,
            TargetNgId = ban.NgId,
            TargetIp = ban.Ip is null ? null : IPAddress.Parse(ban.Ip),
            BanId = banId,
        }, cancellationToken).ConfigureAwait(false);
        ModerationLog.Unbanned(_logger, banId, operatorName);
        return new UnbanOutcome(await _store.Bans.GetAsync(banId, cancellationToken).ConfigureAwait(false), true);
    }

    /// <summary>True when the ban catches the online console (its profile is matched separately).</summary>
    public static bool Matches(BanRecord ban, SessionIdentity identity) =>
        (ban.Mac is not null && ban.Mac == identity.Mac)
        || (ban.NgId is not null && ban.NgId == identity.NgId)
        || (ban.Ip is not null && identity.Ip is not null && IPAddress.TryParse(identity.Ip, out var address)
            && (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() == ban.Ip);
}
