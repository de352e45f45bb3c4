using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary><see cref="IModerationAuditLog"/> over either dialect (the SQL is shared).</summary>
internal sealed class SqlModerationAuditLog(StoreDatabase database, TimeProvider time) : IModerationAuditLog
{
    private const string Columns =
        "audit_id, at_ms, action, operator, target_profile_id, target_mac, target_ng_id, target_ip, ban_id, reason, detail";

    public async Task<long> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!Enum.IsDefined(entry.Action))
        {
            throw new ArgumentOutOfRangeException(nameof(entry), entry.Action, "Unknown moderation action.");
        }
        var parameters = new
        {
            at = UnixMilliseconds.From(time.GetUtcNow()),
            action = (long)entry.Action,
            @operator = StoreArguments.Text(entry.Operator, nameof(entry.Operator), StoreLimits.MaxOperatorLength, allowEmpty: false),
            profileId = entry.TargetProfileId is { } id ? StoreArguments.ProfileId(id, nameof(entry.TargetProfileId)) : (long?)null,
            mac = entry.TargetMac is null ? null : ConsoleMac.Normalize(entry.TargetMac, nameof(entry.TargetMac)),
            ngId = (long?)entry.TargetNgId,
            ip = StoreArguments.IpText(entry.TargetIp),
            banId = entry.BanId,
            reason = StoreArguments.Text(entry.Reason, nameof(entry.Reason), StoreLimits.MaxReasonLength),
            detail = StoreArguments.OptionalText(entry.Detail, nameof(entry.Detail), StoreLimits.MaxDetailLength),
        };
        return await database.WithConnectionAsync(connection => connection.ExecuteScalarAsync<long>(database.Command(
            """
            INSERT INTO moderation_audit (at_ms, action, operator, target_profile_id, target_mac, target_ng_id, target_ip, ban_id, reason, detail)
            VALUES (@at, @action, @operator, @profileId, @mac, @ngId, @ip, @banId, @reason, @detail)
            RETURNING audit_id
            """, parameters, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListRecentAsync(uint? targetProfileId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        if (limit < 1 || limit > StoreLimits.MaxRowsPerQuery)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Limit must be between 1 and {StoreLimits.MaxRowsPerQuery}.");
        }
        var where = targetProfileId is null ? "" : "WHERE target_profile_id = @profileId";
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<AuditRow>(database.Command(
            $"SELECT {Columns} FROM moderation_audit {where} ORDER BY at_ms DESC, audit_id DESC LIMIT {limit}",
            new { profileId = (long?)targetProfileId }, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToArray();
    }

    private sealed class AuditRow
    {
        public long AuditId { get; set; }

        public long AtMs { get; set; }

        public long Action { get; set; }

        public string Operator { get; set; } = "";

        public long? TargetProfileId { get; set; }

        public string? TargetMac { get; set; }

        public long? TargetNgId { get; set; }

        public string? TargetIp { get; set; }

        public long? BanId { get; set; }

        public string Reason { get; set; } = "";

        public string? Detail { get; set; }

        public AuditEntry ToEntry() => new(
            AuditId, UnixMilliseconds.ToTime(AtMs), (ModerationAction)Action, Operator, (uint?)TargetProfileId, TargetMac,
            (uint?)TargetNgId, TargetIp, BanId, Reason, Detail);
    }
}
