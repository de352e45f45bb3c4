using System.Data.Common;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Runtime.Persistence.Sql;

/// <summary>
/// The journal on the relational store (table <c>event_journal</c>, migration 0200): reads, deletes
/// and the batch-then-fallback write rule are shared; each dialect writes a batch its fastest way
/// (<see cref="SqliteJournal"/>: one transaction of prepared inserts; <see cref="PostgresJournal"/>:
/// one multi-row statement).
///
/// <para><b>Writing.</b> A batch is written as one transaction. If it is refused because a
/// (persistence id, sequence number) pair already exists — another incarnation of an entity wrote
/// first — the batch is written again one atomic write at a time, so only the offender fails
/// (<see cref="JournalConflictException"/>) and the other actors' events still land; after a refused
/// write, later writes of the same persistence id in the batch are skipped, so no stream gets a gap.
/// Any other error propagates: the outcome of the whole batch is unknown.</para>
///
/// <para><b>Deleting</b> removes rows up to the given number except the newest row of the
/// persistence id, which stays as a tombstone (<c>is_deleted</c>) so the highest number is kept.</para>
/// </summary>
internal abstract class SqlJournal : IJournal
{
    private readonly string _replaySql;
    private readonly string _highestSql;
    private readonly string _replayWithHighestSql;
    private readonly string _deleteSql;

    protected SqlJournal(StoreDatabase database, TimeProvider time)
    {
        Database = database;
        Time = time;
        _replaySql =
            "SELECT sequence_nr, manifest, payload, writer, created_at FROM event_journal " +
            $"WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND is_deleted = {False} " +
            "ORDER BY sequence_nr LIMIT @max";
        _highestSql = "SELECT COALESCE(MAX(sequence_nr), 0) FROM event_journal WHERE persistence_id = @pid";
        // One row per event, each carrying the highest number; one row of nulls besides it when there is no event.
        _replayWithHighestSql =
            "SELECT h.highest, e.sequence_nr, e.manifest, e.payload, e.writer, e.created_at " +
            "FROM (SELECT COALESCE(MAX(sequence_nr), 0) AS highest FROM event_journal WHERE persistence_id = @pid) AS h " +
            "LEFT JOIN (SELECT sequence_nr, manifest, payload, writer, created_at FROM event_journal " +
            $"WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND is_deleted = {False} " +
            "ORDER BY sequence_nr LIMIT @max) AS e ON 1 = 1 ORDER BY e.sequence_nr";
        _deleteSql =
            "DELETE FROM event_journal WHERE persistence_id = @pid AND sequence_nr <= @to " +
            "AND sequence_nr < (SELECT MAX(sequence_nr) FROM event_journal WHERE persistence_id = @pid); " +
            $"UPDATE event_journal SET is_deleted = {True} WHERE persistence_id = @pid AND sequence_nr <= @to AND is_deleted = {False};";
    }

    protected StoreDatabase Database { get; }

    protected TimeProvider Time { get; }

    /// <summary>The dialect's literal for false in an <c>is_deleted</c> comparison.</summary>
    protected abstract string False { get; }

    /// <summary>The dialect's literal for true.</summary>
    protected abstract string True { get; }

    public virtual int MaxParallelWrites => int.MaxValue;

    /// <summary>Writes every event of <paramref name="writes"/> in one transaction, stamped <paramref name="createdAt"/>.</summary>
    protected abstract Task WriteBatchAsync(IReadOnlyList<AtomicWrite> writes, long createdAt, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="error"/> is the unique (persistence id, sequence number) key refusing a row.</summary>
    protected abstract bool IsDuplicateKey(DbException error);

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0) return [];
        var createdAt = Time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await WriteBatchAsync(writes, createdAt, cancellationToken).ConfigureAwait(false);
            return new Exception?[writes.Count];
        }
        catch (DbException e) when (IsDuplicateKey(e))
        {
            if (writes.Count == 1) return [Conflict(writes[0], e)];
        }
        return await WriteOneByOneAsync(writes, createdAt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Exception?>> WriteOneByOneAsync(IReadOnlyList<AtomicWrite> writes, long createdAt, CancellationToken cancellationToken)
    {
        var results = new Exception?[writes.Count];
        Dictionary<string, Exception>? refused = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (refused is not null && refused.TryGetValue(write.PersistenceId, out var earlier))
            {
                results[i] = new JournalWriteSkippedException(write.PersistenceId, earlier);
                continue;
            }
            try
            {
                await WriteBatchAsync([write], createdAt, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (IsDuplicateKey(e))
            {
                var conflict = Conflict(write, e);
                results[i] = conflict;
                (refused ??= new Dictionary<string, Exception>(StringComparer.Ordinal))[write.PersistenceId] = conflict;
            }
        }
        return results;
    }

    private static JournalConflictException Conflict(AtomicWrite write, Exception inner) =>
        new(write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr, inner);

    public async Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(onEvent);
        if (max <= 0 || toSequenceNr < fromSequenceNr) return;
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _replaySql;
        command.CommandTimeout = Database.CommandTimeoutSeconds;
        AddParameter(command, "pid", persistenceId);
        AddParameter(command, "from", Math.Max(1, fromSequenceNr));
        AddParameter(command, "to", toSequenceNr);
        AddParameter(command, "max", max);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            onEvent(new PersistentRepresentation(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(1),
                (byte[])reader.GetValue(2),
                reader.GetString(3),
                reader.GetInt64(4)));
        }
    }

    public async Task<long> ReplayAndReadHighestAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(onEvent);
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _replayWithHighestSql;
        command.CommandTimeout = Database.CommandTimeoutSeconds;
        AddParameter(command, "pid", persistenceId);
        AddParameter(command, "from", Math.Max(1, fromSequenceNr));
        AddParameter(command, "to", toSequenceNr);
        AddParameter(command, "max", Math.Max(0, max));
        var highest = 0L;
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            highest = reader.GetInt64(0);
            if (reader.IsDBNull(1)) continue;
            onEvent(new PersistentRepresentation(
                persistenceId,
                reader.GetInt64(1),
                reader.GetString(2),
                (byte[])reader.GetValue(3),
                reader.GetString(4),
                reader.GetInt64(5)));
        }
        return highest;
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _highestSql;
        command.CommandTimeout = Database.CommandTimeoutSeconds;
        AddParameter(command, "pid", persistenceId);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlySet<string>?> ReadIdsWithEventsAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        if (prefix.Contains('%') || prefix.Contains('_') || prefix.Contains('\\'))
            throw new ArgumentException("a prefix for LIKE must not contain %, _ or a backslash", nameof(prefix));
        command.CommandText = "SELECT DISTINCT persistence_id FROM event_journal WHERE persistence_id LIKE @pattern AND NOT is_deleted";
        command.CommandTimeout = Database.CommandTimeoutSeconds;
        AddParameter(command, "pattern", prefix + "%");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            if (id.StartsWith(prefix, StringComparison.Ordinal)) ids.Add(id);
        }
        return ids;
    }

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (toSequenceNr < 1) return;
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = _deleteSql;
            command.CommandTimeout = Database.CommandTimeoutSeconds;
            AddParameter(command, "pid", persistenceId);
            AddParameter(command, "to", toSequenceNr);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static DbParameter AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
