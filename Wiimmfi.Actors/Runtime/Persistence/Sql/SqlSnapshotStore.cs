using System.Data.Common;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Runtime.Persistence.Sql;

/// <summary>
/// The snapshot store on the relational store (table <c>snapshot_store</c>, migration 0200). The SQL
/// is the same text on SQLite and PostgreSQL (both have <c>INSERT … ON CONFLICT DO UPDATE</c>).
/// Timestamps are Unix milliseconds.
/// </summary>
internal sealed class SqlSnapshotStore(StoreDatabase database) : ISnapshotStore
{
    private const string Where =
        "persistence_id = @pid AND sequence_nr <= @maxSeq AND sequence_nr >= @minSeq AND created_at <= @maxTs AND created_at >= @minTs";

    private const string LoadSql =
        "SELECT sequence_nr, created_at, manifest, payload FROM snapshot_store WHERE " + Where + " ORDER BY sequence_nr DESC LIMIT 1";

    private const string SaveSql =
        "INSERT INTO snapshot_store (persistence_id, sequence_nr, created_at, manifest, payload) VALUES (@pid, @seq, @created, @manifest, @payload) " +
        "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created_at = excluded.created_at, manifest = excluded.manifest, payload = excluded.payload";

    private const string DeleteOneSql = "DELETE FROM snapshot_store WHERE persistence_id = @pid AND sequence_nr = @seq";

    private const string DeleteMatchingSql = "DELETE FROM snapshot_store WHERE " + Where;

    public async Task<SnapshotRecord?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.MatchesNothing) return null;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, LoadSql);
        AddCriteria(command, persistenceId, criteria);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
        return new SnapshotRecord(metadata, reader.GetString(2), (byte[])reader.GetValue(3));
    }

    public async Task SaveAsync(SnapshotRecord snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, SaveSql);
        Add(command, "pid", snapshot.Metadata.PersistenceId);
        Add(command, "seq", snapshot.Metadata.SequenceNr);
        Add(command, "created", snapshot.Metadata.Timestamp.ToUnixTimeMilliseconds());
        Add(command, "manifest", snapshot.Manifest);
        Add(command, "payload", snapshot.Payload);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, DeleteOneSql);
        Add(command, "pid", metadata.PersistenceId);
        Add(command, "seq", metadata.SequenceNr);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.MatchesNothing) return;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, DeleteMatchingSql);
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = database.CommandTimeoutSeconds;
        return command;
    }

    private static void AddCriteria(DbCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        Add(command, "pid", persistenceId);
        Add(command, "maxSeq", criteria.MaxSequenceNr);
        Add(command, "minSeq", criteria.MinSequenceNr);
        Add(command, "maxTs", (criteria.MaxTimestamp ?? DateTimeOffset.MaxValue).ToUnixTimeMilliseconds());
        Add(command, "minTs", (criteria.MinTimestamp ?? DateTimeOffset.MinValue).ToUnixTimeMilliseconds());
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
