using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Wiimmfi.Actors.Storage;
using Wiimmfi.LoadTest.Scenarios.Sake;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Benchmarks.Sake;

/// <summary>
/// Writes a <see cref="SakeSeedLayout"/> straight into a node's database — rows, not 100,000 SOAP calls — so the
/// SAKE scenarios have a realistic table to search:
/// <list type="bullet">
/// <item>FriendInfo records into <c>sake_records</c>, their fields JSON written by the store's own
///   <see cref="SakeFieldsJson"/> (what a CreateRecord would have stored);</item>
/// <item>time-trial ghosts into <c>sake_files</c> (kind 2, MKW's game id, the file a ghost upload stores) and their
///   scores into <c>race_scores</c> pointing at them — what <c>ghostupload.aspx</c> would have written.</item>
/// </list>
/// SQLite: one transaction of prepared inserts (WAL, the store's own connection settings). PostgreSQL: binary
/// <c>COPY</c> into each table, file ids reserved from the identity sequence first, then <c>ANALYZE</c> so the
/// planner knows the tables' sizes at once. The database must be migrated and must not hold the seed already
/// (the seeded profile ids are checked first).
/// </summary>
internal static class SakeSeeder
{
    private const string FriendInfoTable = "FriendInfo";

    public sealed record SeedReport(int FriendInfoRecords, int Ghosts, long GhostBytes, TimeSpan Elapsed);

    public static async Task<SeedReport> SeedAsync(StoreOptions options, SakeSeedLayout layout, CancellationToken cancellationToken)
    {
        layout.Validate();
        var clock = Stopwatch.StartNew();
        await using var database = StoreDatabase.Create(options);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var last = (long)SakeSeedLayout.ProfileId(layout.FriendInfoRecords - 1);
        var present = await connection.ExecuteScalarAsync<long>(database.Command(
            "SELECT (SELECT count(*) FROM sake_records WHERE owner_id BETWEEN @First AND @Last) + " +
            "(SELECT count(*) FROM race_scores WHERE profile_id BETWEEN @First AND @Last)",
            new { First = (long)SakeSeedLayout.FirstProfileId, Last = last }, null, cancellationToken)).ConfigureAwait(false);
        if (present > 0)
        {
            throw new InvalidOperationException($"the database already holds {present} seeded rows (profiles {SakeSeedLayout.FirstProfileId}-{last}); seed a fresh one");
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ghostBytes = database.Kind == StoreKind.Postgres
            ? await SeedPostgresAsync((NpgsqlConnection)connection, layout, now, cancellationToken).ConfigureAwait(false)
            : await SeedSqliteAsync(connection, layout, now, cancellationToken).ConfigureAwait(false);
        return new SeedReport(layout.FriendInfoRecords, layout.GhostRecords, ghostBytes, clock.Elapsed);
    }

    /// <summary>The JSON the store keeps for a FriendInfo record holding <paramref name="info"/>.</summary>
    private static string FriendInfoFields(int index) =>
        SakeFieldsJson.Write(new Dictionary<string, SakeValue>(StringComparer.Ordinal) { ["info"] = SakeValue.FromBinary(SakeSeedLayout.FriendInfo(index)) });

    // Each seeded score was "submitted" a little earlier than the one before, so rank ties break as in real data.
    private static long SubmittedMs(long now, int course, int player) => now - 86_400_000L + course * 1_000L + player;

    private static async Task<long> SeedSqliteAsync(DbConnection connection, SakeSeedLayout layout, long now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var record = Prepare(connection, transaction,
            "INSERT INTO sake_records (game_id, table_id, owner_id, fields, created_ms, updated_ms) VALUES ($game, $table, $owner, $fields, $now, $now)",
            "$game", "$table", "$owner", "$fields", "$now");
        for (var i = 0; i < layout.FriendInfoRecords; i++)
        {
            await RunAsync(record, cancellationToken, MkwFacts.GameId, FriendInfoTable, (long)SakeSeedLayout.ProfileId(i), FriendInfoFields(i), now).ConfigureAwait(false);
        }
        await using var file = Prepare(connection, transaction,
            "INSERT INTO sake_files (game_id, owner_id, kind, size, content, created_ms) VALUES ($game, $owner, 2, $size, $content, $now) RETURNING file_id",
            "$game", "$owner", "$size", "$content", "$now");
        await using var score = Prepare(connection, transaction,
            "INSERT INTO race_scores (course_id, profile_id, region_id, time_ms, player_info, ghost_file_id, submitted_ms) " +
            "VALUES ($course, $profile, $region, $time, $info, $file, $submitted)",
            "$course", "$profile", "$region", "$time", "$info", "$file", "$submitted");
        long bytes = 0;
        for (var player = 0; player < layout.GhostPlayers; player++)
        {
            var profile = (long)SakeSeedLayout.ProfileId(player);
            var info = SakeSeedLayout.PlayerInfo(player);
            for (var course = 0; course < SakeSeedLayout.Courses; course++)
            {
                var ghost = SakeSeedLayout.Ghost(course, player);
                bytes += ghost.Length;
                SetValues(file, MkwFacts.GameId, profile, (long)ghost.Length, ghost, now);
                var fileId = (long)(await file.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                await RunAsync(score, cancellationToken, course, profile, SakeSeedLayout.Region(player), SakeSeedLayout.GhostTimeMs(course, player),
                    info, fileId, SubmittedMs(now, course, player)).ConfigureAwait(false);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        // Fresh statistics for the query planner, as a long-running node's would be.
        // (CommandType.Text: Dapper would take a lone word for a stored procedure.)
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: System.Data.CommandType.Text, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return bytes;
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static void SetValues(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    private static Task<int> RunAsync(DbCommand command, CancellationToken cancellationToken, params object[] values)
    {
        SetValues(command, values);
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> SeedPostgresAsync(NpgsqlConnection connection, SakeSeedLayout layout, long now, CancellationToken cancellationToken)
    {
        await using (var records = await connection.BeginBinaryImportAsync(
            "COPY sake_records (game_id, table_id, owner_id, fields, created_ms, updated_ms) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < layout.FriendInfoRecords; i++)
            {
                await records.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await records.WriteAsync((long)MkwFacts.GameId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await records.WriteAsync(FriendInfoTable, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await records.WriteAsync((long)SakeSeedLayout.ProfileId(i), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await records.WriteAsync(FriendInfoFields(i), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await records.WriteAsync(now, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await records.WriteAsync(now, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }
            await records.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // Ghost file ids come from the table's identity sequence, so later uploads continue after them.
        var fileIds = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT nextval(pg_get_serial_sequence('sake_files', 'file_id')) FROM generate_series(1, @Count)",
            new { Count = layout.GhostRecords }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
        long bytes = 0;
        await using (var files = await connection.BeginBinaryImportAsync(
            "COPY sake_files (file_id, game_id, owner_id, kind, size, content, created_ms) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            var next = 0;
            for (var player = 0; player < layout.GhostPlayers; player++)
            {
                for (var course = 0; course < SakeSeedLayout.Courses; course++)
                {
                    var ghost = SakeSeedLayout.Ghost(course, player);
                    bytes += ghost.Length;
                    await files.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await files.WriteAsync(fileIds[next++], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await files.WriteAsync((long)MkwFacts.GameId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await files.WriteAsync((long)SakeSeedLayout.ProfileId(player), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await files.WriteAsync(2L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await files.WriteAsync((long)ghost.Length, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await files.WriteAsync(ghost, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                    await files.WriteAsync(now, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }
            }
            await files.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var scores = await connection.BeginBinaryImportAsync(
            "COPY race_scores (course_id, profile_id, region_id, time_ms, player_info, ghost_file_id, submitted_ms) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false))
        {
            var next = 0;
            for (var player = 0; player < layout.GhostPlayers; player++)
            {
                var info = SakeSeedLayout.PlayerInfo(player);
                for (var course = 0; course < SakeSeedLayout.Courses; course++)
                {
                    await scores.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync((long)course, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync((long)SakeSeedLayout.ProfileId(player), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync((long)SakeSeedLayout.Region(player), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync((long)SakeSeedLayout.GhostTimeMs(course, player), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(info, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(fileIds[next++], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(SubmittedMs(now, course, player), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                }
            }
            await scores.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE sake_records; ANALYZE sake_files; ANALYZE race_scores",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return bytes;
    }
}
