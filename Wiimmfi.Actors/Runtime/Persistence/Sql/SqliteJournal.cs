using System.Data.Common;
using Microsoft.Data.Sqlite;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Actors.Runtime.Persistence.Sql;

/// <summary>
/// The journal on SQLite: a batch is prepared single-row inserts inside a savepoint of the store's write
/// batcher (<see cref="SqliteWriteBatcher"/>), so the journal and the stores' small writes share one writer
/// and one commit. SQLite has one writer per file, so the journal asks for one write at a time; in WAL mode
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

    protected override Task WriteBatchAsync(IReadOnlyList<AtomicWrite> writes, long createdAt, CancellationToken cancellationToken) =>
        // Through the store's single writer (group commit with the store's own writes): a second writer on the
        // file would wait for the lock in SQLite's busy handler, which sleeps in steps of milliseconds.
        Database.WriteAtomicallyAsync((connection, transaction) =>
        {
            Insert(connection, transaction, writes, createdAt, cancellationToken);
            return Task.FromResult(true);
        }, cancellationToken);

    private void Insert(DbConnection connection, DbTransaction transaction, IReadOnlyList<AtomicWrite> writes, long createdAt,
        CancellationToken cancellationToken)
    {
        // The writer's connection keeps this statement prepared between batches; the parameters are added afresh.
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        command.CommandTimeout = Database.CommandTimeoutSeconds;
        var pid = Add(command, "@pid", SqliteType.Text);
        var seq = Add(command, "@seq", SqliteType.Integer);
        Add(command, "@created", SqliteType.Integer).Value = createdAt;
        var manifest = Add(command, "@manifest", SqliteType.Text);
        var payload = Add(command, "@payload", SqliteType.Blob);
        var writer = Add(command, "@writer", SqliteType.Text);
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

    private static SqliteParameter Add(DbCommand command, string name, SqliteType type)
    {
        var parameter = new SqliteParameter(name, type);
        command.Parameters.Add(parameter);
        return parameter;
    }

    protected override bool IsDuplicateKey(DbException error) =>
        error is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };
}
