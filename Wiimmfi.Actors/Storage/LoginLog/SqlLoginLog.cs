using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary><see cref="ILoginLog"/> over either dialect (the SQL is shared).</summary>
internal sealed class SqlLoginLog(StoreDatabase database, TimeProvider time) : ILoginLog
{
    private const string Columns = "entry_id, at_ms, service, outcome, user_id, profile_id, game_code, ip, mac, detail";

    public async Task<long> AppendAsync(LoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var parameters = new
        {
            at = UnixMilliseconds.From(time.GetUtcNow()),
            service = (long)attempt.Service,
            outcome = (long)attempt.Outcome,
            userId = attempt.UserId is { } userId ? StoreArguments.UserId(userId, nameof(attempt.UserId)) : (long?)null,
            profileId = (long?)attempt.ProfileId,
            gameCode = StoreArguments.OptionalText(attempt.GameCode, nameof(attempt.GameCode), StoreLimits.MaxGsbrcdLength),
            ip = StoreArguments.IpText(attempt.Ip),
            mac = attempt.Mac is null ? null : ConsoleMac.Normalize(attempt.Mac, nameof(attempt.Mac)),
            detail = StoreArguments.OptionalText(attempt.Detail, nameof(attempt.Detail), StoreLimits.MaxDetailLength),
        };
        return await database.WriteStatementAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(database.Command(
            """
            INSERT INTO login_log (at_ms, service, outcome, user_id, profile_id, game_code, ip, mac, detail)
            VALUES (@at, @service, @outcome, @userId, @profileId, @gameCode, @ip, @mac, @detail)
            RETURNING entry_id
            """, parameters, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LoginLogEntry>> ListRecentAsync(LoginLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 1 || query.Limit > StoreLimits.MaxRowsPerQuery)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"Limit must be between 1 and {StoreLimits.MaxRowsPerQuery}.");
        }
        var filters = new List<string>(2);
        if (query.ProfileId is not null) filters.Add("profile_id = @profileId");
        if (query.UserId is not null) filters.Add("user_id = @userId");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<EntryRow>(database.Command(
            $"SELECT {Columns} FROM login_log {where} ORDER BY at_ms DESC, entry_id DESC LIMIT {query.Limit}",
            new { profileId = (long?)query.ProfileId, userId = query.UserId }, null, cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToArray();
    }

    public Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        database.WithConnectionAsync(connection => connection.ExecuteAsync(database.Command(
            "DELETE FROM login_log WHERE at_ms < @cutoff", new { cutoff = UnixMilliseconds.From(olderThan) }, null, cancellationToken)),
            cancellationToken);

    private sealed class EntryRow
    {
        public long EntryId { get; set; }

        public long AtMs { get; set; }

        public long Service { get; set; }

        public long Outcome { get; set; }

        public long? UserId { get; set; }

        public long? ProfileId { get; set; }

        public string? GameCode { get; set; }

        public string? Ip { get; set; }

        public string? Mac { get; set; }

        public string? Detail { get; set; }

        public LoginLogEntry ToEntry() => new(
            EntryId, UnixMilliseconds.ToTime(AtMs), (LoginService)Service, (LoginOutcome)Outcome, UserId, (uint?)ProfileId,
            GameCode, Ip, Mac, Detail);
    }
}
