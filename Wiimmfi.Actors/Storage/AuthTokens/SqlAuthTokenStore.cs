using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// <see cref="IAuthTokenStore"/> over either dialect. Consuming is one <c>DELETE … RETURNING</c>:
/// the database hands the row to exactly one statement, so single use needs no extra locking.
/// </summary>
internal sealed class SqlAuthTokenStore(StoreDatabase database, TimeProvider time) : IAuthTokenStore
{
    private const string Columns =
        "token, challenge, user_id, gsbrcd, game_code, profile_id, mac, console_friend_code, unit_code, region, language, " +
        "ingame_nick, issued_ms, expires_ms";

    public async Task<bool> IssueAsync(NewAuthToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = time.GetUtcNow();
        if (token.ExpiresAt <= now)
        {
            throw new ArgumentException("A token must expire after the moment it is issued.", nameof(token));
        }
        var parameters = new
        {
            token = StoreArguments.Text(token.Token, nameof(token.Token), StoreLimits.MaxTokenLength, allowEmpty: false),
            challenge = StoreArguments.Text(token.Challenge, nameof(token.Challenge), StoreLimits.MaxChallengeLength, allowEmpty: false),
            userId = StoreArguments.UserId(token.UserId, nameof(token.UserId)),
            gsbrcd = StoreArguments.Text(token.Gsbrcd, nameof(token.Gsbrcd), StoreLimits.MaxGsbrcdLength),
            gameCode = StoreArguments.GameCode(token.GameCode, nameof(token.GameCode)),
            profileId = token.ProfileId is { } id ? StoreArguments.ProfileId(id, nameof(token.ProfileId)) : (long?)null,
            mac = token.Mac is null ? null : ConsoleMac.Normalize(token.Mac, nameof(token.Mac)),
            consoleFriendCode = StoreArguments.ConsoleFriendCode(token.ConsoleFriendCode),
            unitCode = (long)token.UnitCode,
            region = (long)token.Region,
            language = (long)token.Language,
            inGameNick = StoreArguments.OptionalText(token.InGameNick, nameof(token.InGameNick), StoreLimits.MaxNickLength),
            issued = UnixMilliseconds.From(now),
            expires = UnixMilliseconds.From(token.ExpiresAt),
        };
        var inserted = await database.WriteStatementAsync((connection, transaction) => connection.ExecuteAsync(database.Command(
            """
            INSERT INTO auth_tokens (token, challenge, user_id, gsbrcd, game_code, profile_id, mac, console_friend_code,
                unit_code, region, language, ingame_nick, issued_ms, expires_ms)
            VALUES (@token, @challenge, @userId, @gsbrcd, @gameCode, @profileId, @mac, @consoleFriendCode,
                @unitCode, @region, @language, @inGameNick, @issued, @expires)
            ON CONFLICT (token) DO NOTHING
            """, parameters, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return inserted > 0;
    }

    public async Task<AuthTokenConsumeResult> ConsumeAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is 0 or > StoreLimits.MaxTokenLength || token.Contains('\0'))
        {
            // Not something we could have issued; no need to ask the database.
            return new AuthTokenConsumeResult(AuthTokenConsumeStatus.Unknown, null);
        }
        var row = await database.WriteStatementAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<TokenRow>(database.Command(
            $"DELETE FROM auth_tokens WHERE token = @token RETURNING {Columns}", new { token }, transaction, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return new AuthTokenConsumeResult(AuthTokenConsumeStatus.Unknown, null);
        }
        var stored = row.ToToken();
        return stored.ExpiresAt <= time.GetUtcNow()
            ? new AuthTokenConsumeResult(AuthTokenConsumeStatus.Expired, stored)
            : new AuthTokenConsumeResult(AuthTokenConsumeStatus.Consumed, stored);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        database.WithConnectionAsync(connection => connection.ExecuteAsync(database.Command(
            "DELETE FROM auth_tokens WHERE expires_ms <= @now", new { now = UnixMilliseconds.From(time.GetUtcNow()) }, null,
            cancellationToken)), cancellationToken);

    private sealed class TokenRow
    {
        public string Token { get; set; } = "";

        public string Challenge { get; set; } = "";

        public long UserId { get; set; }

        public string Gsbrcd { get; set; } = "";

        public string GameCode { get; set; } = "";

        public long? ProfileId { get; set; }

        public string? Mac { get; set; }

        public long? ConsoleFriendCode { get; set; }

        public long UnitCode { get; set; }

        public long Region { get; set; }

        public long Language { get; set; }

        public string? IngameNick { get; set; }

        public long IssuedMs { get; set; }

        public long ExpiresMs { get; set; }

        public AuthToken ToToken() => new(
            Token, Challenge, UserId, Gsbrcd, GameCode, (uint?)ProfileId, Mac, ConsoleFriendCode,
            (byte)UnitCode, (byte)Region, (byte)Language, IngameNick,
            UnixMilliseconds.ToTime(IssuedMs), UnixMilliseconds.ToTime(ExpiresMs));
    }
}
