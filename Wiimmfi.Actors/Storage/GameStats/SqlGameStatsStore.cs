using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary><see cref="IGameStatsStore"/> on SQLite or PostgreSQL.</summary>
internal sealed class SqlGameStatsStore(StoreDatabase database, TimeProvider time) : IGameStatsStore
{
    /// <summary>Bound on the stored text: the HTTP layer allows 64 KiB of <c>data</c>.</summary>
    public const int MaxDataLength = 64 * 1024;

    public async Task SaveUploadAsync(string gameName, string profileId, string script, string data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(gameName);
        ArgumentNullException.ThrowIfNull(profileId);
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > MaxDataLength || gameName.Length > 64 || profileId.Length > 16 || script.Length > 32)
        {
            throw new ArgumentException("GAMESTATS upload exceeds the stored bounds.");
        }
        var now = UnixMilliseconds.From(time.GetUtcNow());
        await database.WriteAsync(transaction => transaction.Connection!.ExecuteAsync(database.Command(
            "INSERT INTO gamestats_uploads (game_name, profile_id, script, data, uploads, first_ms, last_ms) " +
            "VALUES (@GameName, @ProfileId, @Script, @Data, 1, @Now, @Now) " +
            "ON CONFLICT (game_name, profile_id) DO UPDATE SET script = excluded.script, data = excluded.data, " +
            "uploads = gamestats_uploads.uploads + 1, last_ms = excluded.last_ms",
            new { GameName = gameName, ProfileId = profileId, Script = script, Data = data, Now = now }, transaction, cancellationToken)),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<GameStatsUpload?> GetUploadAsync(string gameName, string profileId, CancellationToken cancellationToken = default)
    {
        var row = await database.WithConnectionAsync(connection => connection.QuerySingleOrDefaultAsync<UploadRow>(database.Command(
            "SELECT game_name, profile_id, script, data, uploads, first_ms, last_ms FROM gamestats_uploads WHERE game_name = @GameName AND profile_id = @ProfileId",
            new { GameName = gameName, ProfileId = profileId }, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new GameStatsUpload(row.GameName, row.ProfileId, row.Script, row.Data, row.Uploads, UnixMilliseconds.ToTime(row.FirstMs), UnixMilliseconds.ToTime(row.LastMs));
    }

    private sealed class UploadRow
    {
        public string GameName { get; set; } = "";
        public string ProfileId { get; set; } = "";
        public string Script { get; set; } = "";
        public string Data { get; set; } = "";
        public long Uploads { get; set; }
        public long FirstMs { get; set; }
        public long LastMs { get; set; }
    }
}
