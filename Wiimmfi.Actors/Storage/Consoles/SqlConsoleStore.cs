using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary><see cref="IConsoleStore"/> over either dialect (the SQL is shared).</summary>
internal sealed class SqlConsoleStore(StoreDatabase database, TimeProvider time) : IConsoleStore
{
    private const string Columns = "mac, ng_id, console_friend_code, serial, user_id, flags, first_seen_ms, last_seen_ms";

    public async Task<ConsoleRecord> RecordSightingAsync(ConsoleSighting sighting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        var parameters = new
        {
            Mac = ConsoleMac.Normalize(sighting.Mac, nameof(sighting.Mac)),
            NgId = (long?)sighting.NgId,
            ConsoleFriendCode = StoreArguments.ConsoleFriendCode(sighting.ConsoleFriendCode),
            Serial = StoreArguments.OptionalText(sighting.Serial, nameof(sighting.Serial), StoreLimits.MaxSerialLength),
            UserId = sighting.UserId is { } userId ? StoreArguments.UserId(userId) : (long?)null,
            Now = UnixMilliseconds.From(time.GetUtcNow()),
        };
        // One statement: insert or update, atomic on both dialects.
        var row = await database.WriteStatementAsync((connection, transaction) => connection.QuerySingleAsync<ConsoleRow>(database.Command(
            $"""
            INSERT INTO consoles (mac, ng_id, console_friend_code, serial, user_id, flags, first_seen_ms, last_seen_ms)
            VALUES (@Mac, @NgId, @ConsoleFriendCode, @Serial, @UserId, 0, @Now, @Now)
            ON CONFLICT (mac) DO UPDATE SET
                ng_id = coalesce(excluded.ng_id, consoles.ng_id),
                console_friend_code = coalesce(excluded.console_friend_code, consoles.console_friend_code),
                serial = coalesce(excluded.serial, consoles.serial),
                user_id = coalesce(excluded.user_id, consoles.user_id),
                last_seen_ms = excluded.last_seen_ms
            RETURNING {Columns}
            """, parameters, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return row.ToRecord();
    }

    public async Task<ConsoleRecord?> GetAsync(string mac, CancellationToken cancellationToken = default)
    {
        var key = ConsoleMac.Normalize(mac);
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<ConsoleRow>(database.Command(
            $"SELECT {Columns} FROM consoles WHERE mac = @key", new { key }, null, cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ConsoleRecord>> FindByNgIdAsync(uint ngId, CancellationToken cancellationToken = default)
    {
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<ConsoleRow>(database.Command(
            $"SELECT {Columns} FROM consoles WHERE ng_id = @ngId ORDER BY last_seen_ms DESC LIMIT {StoreLimits.MaxRowsPerQuery}",
            new { ngId = (long)ngId }, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<bool> SetFlagsAsync(string mac, ConsoleFlags flags, CancellationToken cancellationToken = default)
    {
        var key = ConsoleMac.Normalize(mac);
        var changed = await database.WithConnectionAsync(connection => connection.ExecuteAsync(database.Command(
            "UPDATE consoles SET flags = @flags WHERE mac = @key", new { key, flags = (long)flags }, null, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    private sealed class ConsoleRow
    {
        public string Mac { get; set; } = "";

        public long? NgId { get; set; }

        public long? ConsoleFriendCode { get; set; }

        public string? Serial { get; set; }

        public long? UserId { get; set; }

        public long Flags { get; set; }

        public long FirstSeenMs { get; set; }

        public long LastSeenMs { get; set; }

        public ConsoleRecord ToRecord() => new(
            Mac, (uint?)NgId, ConsoleFriendCode, Serial, UserId, (ConsoleFlags)Flags,
            UnixMilliseconds.ToTime(FirstSeenMs), UnixMilliseconds.ToTime(LastSeenMs));
    }
}
