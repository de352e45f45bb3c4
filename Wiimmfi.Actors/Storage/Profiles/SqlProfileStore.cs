using System.Data.Common;
using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// <see cref="IProfileStore"/> over either dialect (the SQL is shared).
///
/// Creating a profile is the one subtle operation. In one write transaction: look the key up;
/// take an id (the requested one, or the next value of the <c>profile_id</c> counter row, whose
/// row lock serialises allocations on PostgreSQL; SQLite's write lock does the same); insert with
/// ON CONFLICT DO NOTHING. If the insert hits a unique key — the same (user id, gsbrcd) committed
/// meanwhile by another login, or a taken requested id or uniquenick — the transaction rolls back
/// (the counter with it, so no id is burnt) and the reason is reported, never a half-made profile.
/// </summary>
internal sealed class SqlProfileStore(StoreDatabase database, TimeProvider time) : IProfileStore
{
    private const string Columns =
        "profile_id, user_id, gsbrcd, game_code, ingame_nick, unique_nick, email, first_name, last_name, " +
        "status_code, status_string, location_string, created_ms, last_login_ms, last_ip, last_mac";

    public async Task<ProfileCreateResult> CreateAsync(NewProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var userId = StoreArguments.UserId(profile.UserId, nameof(profile.UserId));
        var gsbrcd = StoreArguments.Gsbrcd(profile.Gsbrcd, nameof(profile.Gsbrcd));
        var gameCode = StoreArguments.GameCode(profile.GameCode, nameof(profile.GameCode));
        var inGameNick = StoreArguments.Text(profile.InGameNick, nameof(profile.InGameNick), StoreLimits.MaxNickLength);
        var uniqueNick = StoreArguments.Text(profile.UniqueNick, nameof(profile.UniqueNick), StoreLimits.MaxUniqueNickLength, allowEmpty: false);
        var email = StoreArguments.Text(profile.Email, nameof(profile.Email), StoreLimits.MaxEmailLength);
        if (profile.RequestedProfileId is 0 or > ProfileIds.MaxRequestable)
        {
            return new ProfileCreateResult(ProfileCreateOutcome.RequestedIdOutOfRange, null);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        var existing = await FindAsync(connection, transaction, userId, gsbrcd, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new ProfileCreateResult(ProfileCreateOutcome.AlreadyExists, existing);
        }

        long profileId;
        if (profile.RequestedProfileId is { } requested)
        {
            profileId = requested;
        }
        else
        {
            profileId = await connection.ExecuteScalarAsync<long>(database.Command(
                "UPDATE id_allocators SET next_value = next_value + 1 WHERE name = 'profile_id' RETURNING next_value - 1",
                null, transaction, cancellationToken)).ConfigureAwait(false);
            if (profileId > uint.MaxValue)
            {
                throw new InvalidOperationException("Every 32-bit profile id from 1,000,000,000 up has been allocated.");
            }
        }

        var created = await connection.QuerySingleOrDefaultAsync<ProfileRow>(database.Command(
            $"""
            INSERT INTO profiles (profile_id, user_id, gsbrcd, game_code, ingame_nick, unique_nick, email, created_ms)
            VALUES (@profileId, @userId, @gsbrcd, @gameCode, @inGameNick, @uniqueNick, @email, @now)
            ON CONFLICT DO NOTHING
            RETURNING {Columns}
            """,
            new { profileId, userId, gsbrcd, gameCode, inGameNick, uniqueNick, email, now = UnixMilliseconds.From(time.GetUtcNow()) },
            transaction, cancellationToken)).ConfigureAwait(false);
        if (created is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ProfileCreateResult(ProfileCreateOutcome.Created, created.ToRecord());
        }

        // A unique key was taken; find out which (each statement sees what committed meanwhile).
        existing = await FindAsync(connection, transaction, userId, gsbrcd, cancellationToken).ConfigureAwait(false);
        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new ProfileCreateResult(ProfileCreateOutcome.AlreadyExists, existing);
        }
        return profile.RequestedProfileId is { } id && await GetAsync(id, cancellationToken).ConfigureAwait(false) is not null
            ? new ProfileCreateResult(ProfileCreateOutcome.RequestedIdInUse, null)
            : new ProfileCreateResult(ProfileCreateOutcome.UniqueNickInUse, null);
    }

    public async Task<ProfileRecord?> GetAsync(uint profileId, CancellationToken cancellationToken = default)
    {
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<ProfileRow>(database.Command(
            $"SELECT {Columns} FROM profiles WHERE profile_id = @profileId", new { profileId = (long)profileId }, null, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ProfileRecord>> GetManyAsync(IReadOnlyCollection<uint> profileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        if (profileIds.Count > StoreLimits.MaxProfilesPerLookup)
        {
            throw new ArgumentException($"At most {StoreLimits.MaxProfilesPerLookup} profiles can be fetched at once.", nameof(profileIds));
        }
        if (profileIds.Count == 0)
        {
            return [];
        }
        var ids = profileIds.Distinct().Select(id => (long)id).ToArray();
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<ProfileRow>(database.Command(
            $"SELECT {Columns} FROM profiles WHERE {database.InList("profile_id", "ids")}", new { ids }, null, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<ProfileRecord?> FindAsync(long userId, string gsbrcd, CancellationToken cancellationToken = default)
    {
        StoreArguments.UserId(userId);
        StoreArguments.Text(gsbrcd, nameof(gsbrcd), StoreLimits.MaxGsbrcdLength);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, userId, gsbrcd, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProfileRecord?> FindByUniqueNickAsync(string uniqueNick, CancellationToken cancellationToken = default)
    {
        StoreArguments.Text(uniqueNick, nameof(uniqueNick), StoreLimits.MaxUniqueNickLength);
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<ProfileRow>(database.Command(
            $"SELECT {Columns} FROM profiles WHERE unique_nick = @uniqueNick", new { uniqueNick }, null, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<bool> RecordLoginAsync(uint profileId, ProfileLogin login, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        var parameters = new
        {
            profileId = StoreArguments.ProfileId(profileId),
            nick = StoreArguments.OptionalText(login.InGameNick, nameof(login.InGameNick), StoreLimits.MaxNickLength),
            ip = StoreArguments.IpText(login.Ip),
            mac = login.Mac is null ? null : ConsoleMac.Normalize(login.Mac, nameof(login.Mac)),
            now = UnixMilliseconds.From(time.GetUtcNow()),
        };
        return await ExecuteAsync(
            """
            UPDATE profiles SET last_login_ms = @now, ingame_nick = coalesce(@nick, ingame_nick),
                last_ip = coalesce(@ip, last_ip), last_mac = coalesce(@mac, last_mac)
            WHERE profile_id = @profileId
            """, parameters, cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> UpdateStatusAsync(uint profileId, ProfileStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        var parameters = new
        {
            profileId = StoreArguments.ProfileId(profileId),
            code = (long)status.Code,
            statString = StoreArguments.Text(status.StatString, nameof(status.StatString), StoreLimits.MaxStatusStringLength),
            locString = StoreArguments.Text(status.LocString, nameof(status.LocString), StoreLimits.MaxLocationStringLength),
        };
        return await ExecuteAsync(
            "UPDATE profiles SET status_code = @code, status_string = @statString, location_string = @locString WHERE profile_id = @profileId",
            parameters, cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> UpdateNamesAsync(uint profileId, string? firstName, string? lastName, CancellationToken cancellationToken = default)
    {
        var parameters = new
        {
            profileId = StoreArguments.ProfileId(profileId),
            firstName = StoreArguments.OptionalText(firstName, nameof(firstName), StoreLimits.MaxNameLength),
            lastName = StoreArguments.OptionalText(lastName, nameof(lastName), StoreLimits.MaxNameLength),
        };
        return await ExecuteAsync(
            """
            UPDATE profiles SET first_name = coalesce(@firstName, first_name), last_name = coalesce(@lastName, last_name)
            WHERE profile_id = @profileId
            """, parameters, cancellationToken).ConfigureAwait(false) > 0;
    }

    // One-statement updates of a profile row (login, status, names): group-committed on SQLite.
    private Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(
            (connection, transaction) => connection.ExecuteAsync(database.Command(sql, parameters, transaction, cancellationToken)), cancellationToken);

    private async Task<ProfileRecord?> FindAsync(
        DbConnection connection, DbTransaction? transaction, long userId, string gsbrcd, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ProfileRow>(database.Command(
            $"SELECT {Columns} FROM profiles WHERE user_id = @userId AND gsbrcd = @gsbrcd", new { userId, gsbrcd },
            transaction, cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    private sealed class ProfileRow
    {
        public long ProfileId { get; set; }

        public long UserId { get; set; }

        public string Gsbrcd { get; set; } = "";

        public string GameCode { get; set; } = "";

        public string IngameNick { get; set; } = "";

        public string UniqueNick { get; set; } = "";

        public string Email { get; set; } = "";

        public string FirstName { get; set; } = "";

        public string LastName { get; set; } = "";

        public long StatusCode { get; set; }

        public string StatusString { get; set; } = "";

        public string LocationString { get; set; } = "";

        public long CreatedMs { get; set; }

        public long? LastLoginMs { get; set; }

        public string? LastIp { get; set; }

        public string? LastMac { get; set; }

        public ProfileRecord ToRecord() => new(
            (uint)ProfileId, UserId, Gsbrcd, GameCode, IngameNick, UniqueNick, Email, FirstName, LastName,
            new ProfileStatus((int)StatusCode, StatusString, LocationString),
            UnixMilliseconds.ToTime(CreatedMs), UnixMilliseconds.ToTime(LastLoginMs), LastIp, LastMac);
    }
}
