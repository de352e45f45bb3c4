using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Runtime.Persistence.Sql;

/// <summary>
/// The journal on PostgreSQL: a whole batch is one <c>INSERT … SELECT FROM unnest(arrays)</c>
/// statement — one round trip, atomic on its own (no BEGIN/COMMIT exchange), a plan prepared once
/// per pooled connection, and any number of rows. Several batches may run at once on separate
/// connections (<see cref="PersistenceSettings.WriteParallelism"/>).
/// </summary>
internal sealed class PostgresJournal(StoreDatabase database, TimeProvider time) : SqlJournal(database, time)
{
    private const string InsertSql =
        "INSERT INTO event_journal (persistence_id, sequence_nr, created_at, manifest, payload, writer) " +
        "SELECT p, s, @created, m, d, w FROM unnest(@pids, @seqs, @manifests, @payloads, @writers) AS t(p, s, m, d, w)";

    protected override string False => "FALSE";

    protected override string True => "TRUE";

    protected override async Task WriteBatchAsync(IReadOnlyList<AtomicWrite> writes, long createdAt, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var write in writes) count += write.Events.Count;
        var pids = new string[count];
        var seqs = new long[count];
        var manifests = new string[count];
        var payloads = new byte[count][];
        var writers = new string[count];
        var i = 0;
        foreach (var write in writes)
        {
            foreach (var e in write.Events)
            {
                pids[i] = e.PersistenceId;
                seqs[i] = e.SequenceNr;
                manifests[i] = e.Manifest;
                payloads[i] = e.Payload;
                writers[i] = e.Writer;
                i++;
            }
        }
        await using var connection = (NpgsqlConnection)await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(InsertSql, connection) { CommandTimeout = Database.CommandTimeoutSeconds };
        command.Parameters.Add(new NpgsqlParameter<long>("created", NpgsqlDbType.Bigint) { TypedValue = createdAt });
        command.Parameters.Add(new NpgsqlParameter<string[]>("pids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = pids });
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = seqs });
        command.Parameters.Add(new NpgsqlParameter<string[]>("manifests", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = manifests });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = payloads });
        command.Parameters.Add(new NpgsqlParameter<string[]>("writers", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = writers });
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool IsDuplicateKey(DbException error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
