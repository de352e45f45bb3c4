using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary><see cref="IBanStore"/> over either dialect (the SQL is shared).</summary>
internal sealed class SqlBanStore(StoreDatabase database, TimeProvider time) : IBanStore
{
    private const string Columns =
        "ban_id, profile_id, mac, ng_id, ip, reason, issued_by, issued_ms, expires_ms, revoked_ms, revoked_by";

    /// <summary>"Most severe first": permanent bans, then the latest expiry, then the oldest ban.</summary>
    private const string Severity = "CASE WHEN expires_ms IS NULL THEN 0 ELSE 1 END, expires_ms DESC, ban_id";

    public async Task<BanRecord> IssueAsync(NewBan ban, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ban);
        if (ban.ProfileId is null && ban.Mac is null && ban.NgId is null && ban.Ip is null)
        {
            throw new ArgumentException("A ban needs at least one key: profile id, MAC, NG id or IP address.", nameof(ban));
        }
        var parameters = new
        {
            profileId = ban.ProfileId is { } id ? StoreArguments.ProfileId(id, nameof(ban.ProfileId)) : (long?)null,
            mac = ban.Mac is null ? null : ConsoleMac.Normalize(ban.Mac, nameof(ban.Mac)),
            ngId = (long?)ban.NgId,
            ip = StoreArguments.IpText(ban.Ip),
            reason = StoreArguments.Text(ban.Reason, nameof(ban.Reason), StoreLimits.MaxReasonLength),
            issuedBy = StoreArguments.Text(ban.IssuedBy, nameof(ban.IssuedBy), StoreLimits.MaxOperatorLength, allowEmpty: false),
            issued = UnixMilliseconds.From(time.GetUtcNow()),
            expires = UnixMilliseconds.From(ban.ExpiresAt),
        };
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleAsync<BanRow>(database.Command(
            $"""
            INSERT INTO bans (profile_id, mac, ng_id, ip, reason, issued_by, issued_ms, expires_ms)
            VALUES (@profileId, @mac, @ngId, @ip, @reason, @issuedBy, @issued, @expires)
            RETURNING {Columns}
            """, parameters, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return row.ToRecord();
    }

    public async Task<bool> RevokeAsync(long banId, string revokedBy, CancellationToken cancellationToken = default)
    {
        var by = StoreArguments.Text(revokedBy, nameof(revokedBy), StoreLimits.MaxOperatorLength, allowEmpty: false);
        var changed = await database.WithConnectionAsync(connection => connection.ExecuteAsync(database.Command(
            "UPDATE bans SET revoked_ms = @now, revoked_by = @by WHERE ban_id = @banId AND revoked_ms IS NULL",
            new { banId, by, now = UnixMilliseconds.From(time.GetUtcNow()) }, null, cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<BanRecord?> GetAsync(long banId, CancellationToken cancellationToken = default)
    {
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<BanRow>(database.Command(
            $"SELECT {Columns} FROM bans WHERE ban_id = @banId", new { banId }, null, cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<BanRecord?> FindActiveAsync(BanQuery query, CancellationToken cancellationToken = default)
    {
        var bans = await QueryAsync(query, includeInactive: false, Severity, limit: 1, cancellationToken).ConfigureAwait(false);
        return bans.Count == 0 ? null : bans[0];
    }

    public Task<IReadOnlyList<BanRecord>> ListAsync(BanQuery query, bool includeInactive = false, CancellationToken cancellationToken = default) =>
        QueryAsync(query, includeInactive, "issued_ms DESC, ban_id DESC", StoreLimits.MaxRowsPerQuery, cancellationToken);

    public async Task<IReadOnlyList<BanRecord>> ListRecentAsync(bool includeInactive = false, int limit = 100, CancellationToken cancellationToken = default)
    {
        if (limit < 1 || limit > StoreLimits.MaxRowsPerQuery)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"Limit must be between 1 and {StoreLimits.MaxRowsPerQuery}.");
        }
        var active = includeInactive ? "" : "WHERE revoked_ms IS NULL AND (expires_ms IS NULL OR expires_ms > @now)";
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<BanRow>(database.Command(
            $"SELECT {Columns} FROM bans {active} ORDER BY issued_ms DESC, ban_id DESC LIMIT {limit}",
            new { now = UnixMilliseconds.From(time.GetUtcNow()) }, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    private async Task<IReadOnlyList<BanRecord>> QueryAsync(
        BanQuery query, bool includeInactive, string order, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new
        {
            profileId = (long?)query.ProfileId,
            mac = query.Mac is null ? null : ConsoleMac.Normalize(query.Mac, nameof(query.Mac)),
            ngId = (long?)query.NgId,
            ip = StoreArguments.IpText(query.Ip),
            now = UnixMilliseconds.From(time.GetUtcNow()),
        };
        // Only the keys the caller knows take part, so no "column = NULL" comparisons reach the SQL.
        var keys = new List<string>(4);
        if (parameters.profileId is not null) keys.Add("profile_id = @profileId");
        if (parameters.mac is not null) keys.Add("mac = @mac");
        if (parameters.ngId is not null) keys.Add("ng_id = @ngId");
        if (parameters.ip is not null) keys.Add("ip = @ip");
        if (keys.Count == 0)
        {
            return [];
        }
        var active = includeInactive ? "" : "AND revoked_ms IS NULL AND (expires_ms IS NULL OR expires_ms > @now)";
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<BanRow>(database.Command(
            $"SELECT {Columns} FROM bans WHERE ({string.Join(" OR ", keys)}) {active} ORDER BY {order} LIMIT {limit}",
            parameters, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    private sealed class BanRow
    {
        public long BanId { get; set; }

        public long? ProfileId { get; set; }

        public string? Mac { get; set; }

        public long? NgId { get; set; }

        public string? Ip { get; set; }

        public string Reason { get; set; } = "";

        public string IssuedBy { get; set; } = "";

        public long IssuedMs { get; set; }

        public long? ExpiresMs { get; set; }

        public long? RevokedMs { get; set; }

        public string? RevokedBy { get; set; }

        public BanRecord ToRecord() => new(
            BanId, (uint?)ProfileId, Mac, (uint?)NgId, Ip, Reason, IssuedBy, UnixMilliseconds.ToTime(IssuedMs),
            UnixMilliseconds.ToTime(ExpiresMs), UnixMilliseconds.ToTime(RevokedMs), RevokedBy);
    }
}
