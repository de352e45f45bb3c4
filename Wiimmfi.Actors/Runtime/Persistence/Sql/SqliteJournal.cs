using System.Data.Common;
using Microsoft.Data.Sqlite;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Runtime.Persistence.Sql;

/// <summary>
/// The journal on SQLite: a batch is one write transaction (BEGIN IMMEDIATE) of prepared single-row
/// inserts. SQLite has one writer per file, so the journal asks for one write at a time; in WAL mode
/// with <c>synchronous = NORMAL</c> a commit costs no fsync, so a batch of hundreds of events is a
/// millisecond or so of work.
/// </summary>
internal sealed class SqliteJournal(StoreDatabase database, TimeProvider time) : SqlJournal(database, time)
{
    private const string InsertSql =
        "INSERT INTO event_journal (persistence_id, sequence_nr, created_at, manifest, payload, writer) " +
        "VALUES (@pid, @seq, @created, @manifest, @payload, @writer)";

    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).
    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;

    protected override string False => "0";

    protected override string True => "1";

    public override int MaxParallelWrites => 1;

    protected override async Task WriteBatchAsync(IReadOnlyList<AtomicWrite> writes, long createdAt, CancellationToken cancellationToken)
    {
        await using var connection = (SqliteConnection)await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await Database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = InsertSql;
            command.CommandTimeout = Database.CommandTimeoutSeconds;
            var pid = command.Parameters.Add("@pid", SqliteType.Text);
            var seq = command.Parameters.Add("@seq", SqliteType.Integer);
            command.Parameters.Add("@created", SqliteType.Integer).Value = createdAt;
            var manifest = command.Parameters.Add("@manifest", SqliteType.Text);
            var payload = command.Parameters.Add("@payload", SqliteType.Blob);
            var writer = command.Parameters.Add("@writer", SqliteType.Text);
            command.Prepare();
            // Microsoft.Data.Sqlite works synchronously underneath; OpenAsync already moved this
            // call onto a thread-pool thread, so the synchronous calls block nobody's turn.
            foreach (var write in writes)
            {
                foreach (var e in write.Events)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pid.Value = e.PersistenceId;
                    seq.Value = e.SequenceNr;
                    manifest.Value = e.Manifest;
                    payload.Value = e.Payload;
                    writer.Value = e.Writer;
                    command.ExecuteNonQuery();
                }
            }
        }
        transaction.Commit();
    }

    protected override bool IsDuplicateKey(DbException error) =>
        error is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };
}
