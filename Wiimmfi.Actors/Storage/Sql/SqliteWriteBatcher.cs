using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Group commit for SQLite's small, self-contained writes (the login path's console sighting, token issue and
/// redemption, login-log lines, profile login and status updates, and the persistence journal's batches): callers
/// queue a one-statement (or atomic, savepoint-wrapped) write, one
/// writer thread runs whatever is queued inside one transaction and answers every caller after the commit.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> On this machine an autocommit INSERT costs ~150 µs, ten in one transaction ~260 µs: the commit,
/// not the statement, is the price (WAL frames and the wal-index written per commit). A login made six commits,
/// about a millisecond of CPU, and concurrent writers queued on SQLite's busy handler, which sleeps in steps of
/// milliseconds. With one writer and no timer, a lone write still goes at once, and under load the queue fills
/// while the previous transaction runs, so the batch grows with the load (the journal writer does the same).</para>
/// <para><b>Invariants.</b> Every queued write is answered exactly once, after its transaction ended: with its
/// result once committed, or with the exception that kept it out. A write's caller sees its own write in every
/// later read (it waits for the commit). Writes run in the order they were queued. A write must be one statement
/// (SQLite undoes a failed statement alone and keeps the transaction open, so one bad write fails only itself) or
/// be queued as atomic (<see cref="WriteAtomicallyAsync{T}"/>: run inside a savepoint, undone as a whole).</para>
/// <para><b>What can go wrong.</b> An error that ends the whole transaction (disk full, I/O error) fails every write
/// of the batch run so far with that error; the writes after it start a new transaction. A failed BEGIN or COMMIT
/// fails the whole batch. More than <see cref="MaxQueued"/> waiting writes are refused at once with
/// <see cref="TimeoutException"/> (back-pressure by failure: the stores' callers already treat it as "the store
/// could not answer" — NAS answers HTTP 500, GPCM a login error) rather than letting the queue grow without
/// bound. A write whose caller gave up (cancelled) before its turn is skipped.</para>
/// </remarks>
internal sealed class SqliteWriteBatcher : IAsyncDisposable
{
    /// <summary>Most writes in one transaction: enough to amortise the commit, few enough to keep one batch within a few milliseconds.</summary>
    public const int MaxBatch = 256;

    /// <summary>Most writes waiting at once (~40 s of the heaviest login load seen here); beyond it the store is overloaded and says so.</summary>
    public const int MaxQueued = 50_000;

    private readonly Func<SqliteConnection> _open;
    private readonly Action? _committed;
    private readonly Queue<Item> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private Thread? _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closing;
    private long _batches;
    private long _writes;

    /// <param name="open">Opens a configured connection (pragmas applied) for the writer's own use.</param>
    /// <param name="committed">Called after each commit (the checkpointer's cue).</param>
    public SqliteWriteBatcher(Func<SqliteConnection> open, Action? committed = null)
    {
        _open = open;
        _committed = committed;
    }

    /// <summary>Transactions committed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Writes answered so far (committed or failed).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Queues a one-statement write; completes after its transaction ended.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        Enqueue(work, atomic: false, cancellationToken);

    /// <summary>
    /// Queues a write of several statements that must land together or not at all (a journal batch): it runs
    /// inside a savepoint of the shared transaction, so a failure undoes its own statements and nobody else's.
    /// </summary>
    public Task<T> WriteAtomicallyAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        Enqueue(work, atomic: true, cancellationToken);

    private Task<T> Enqueue<T>(Func<DbConnection, DbTransaction, Task<T>> work, bool atomic, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        var item = new Item<T>(work, atomic, cancellationToken);
        lock (_queue)
        {
            if (_closing) return Task.FromException<T>(new ObjectDisposedException(nameof(SqliteWriteBatcher), "the store is closing"));
            if (_queue.Count >= MaxQueued)
                return Task.FromException<T>(new TimeoutException($"the SQLite write queue is full ({MaxQueued} writes waiting)"));
            _queue.Enqueue(item);
            if (_thread is null)
            {
                // Started with the first write (a store that only reads never has one). A dedicated thread, not the
                // pool: SQLite blocks, and a write waiting for the file lock must not hold a thread the front-ends need.
                _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-write-batcher" };
                _thread.Start();
            }
        }
        _signal.Release();
        return item.Task;
    }

    /// <summary>Accepts no more writes, finishes those queued, closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        bool running;
        lock (_queue)
        {
            if (_closing) return;
            _closing = true;
            running = _thread is not null;
        }
        if (running)
        {
            _signal.Release();
            await _stopped.Task.ConfigureAwait(false);
        }
        _signal.Dispose();
    }

    private void Run()
    {
        ReusableSqliteConnection? connection = null;
        var batch = new List<Item>(MaxBatch);
        try
        {
            while (true)
            {
                if (!Take(batch))
                {
                    lock (_queue)
                        if (_closing && _queue.Count == 0) return;
                    _signal.Wait();
                    continue;
                }
                try
                {
                    connection ??= OpenReusable();
                    Execute(connection, batch);
                }
                catch (Exception e)
                {
                    // The connection itself failed (open, BEGIN, COMMIT): every write not yet answered fails with it,
                    // and the next batch starts on a fresh connection.
                    foreach (var item in batch) item.Fail(e);
                    connection?.Destroy();
                    connection = null;
                }
                Interlocked.Add(ref _writes, batch.Count);
                batch.Clear();
            }
        }
        finally
        {
            connection?.Destroy();
            _stopped.TrySetResult();
        }
    }

    /// <summary>Moves up to <see cref="MaxBatch"/> queued writes into <paramref name="batch"/>; false when none were waiting.</summary>
    private bool Take(List<Item> batch)
    {
        lock (_queue)
        {
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var item)) batch.Add(item);
        }
        // Each write taken came with a Release: consume them, so the count stays small and the loop does not spin.
        // (A Release that lands just after its write was taken only causes one empty turn.)
        for (var i = 0; i < batch.Count; i++) _signal.Wait(0);
        return batch.Count > 0;
    }

    /// <summary>The writer's one connection, lent to itself for good: its statements stay prepared across batches.</summary>
    private ReusableSqliteConnection OpenReusable()
    {
        var connection = new ReusableSqliteConnection(_open(), static _ => { });
        connection.Lend();
        return connection;
    }

    private void Execute(ReusableSqliteConnection connection, List<Item> batch)
    {
        var transaction = connection.Inner.BeginTransaction(deferred: false);
        var pending = 0; // writes run in this transaction, not yet answered
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                if (item.IsCancelled)
                {
                    item.Skip();
                    continue;
                }
                try
                {
                    if (item.Atomic) RunInSavepoint(connection, transaction, item);
                    else item.Run(connection, transaction);
                    pending++;
                }
                catch (Exception e) when (StillInTransaction(connection))
                {
                    item.Fail(e); // only this statement (or this item's savepoint) was undone
                }
                catch (Exception e)
                {
                    // The error ended the transaction: what ran before it in this batch is lost too.
                    item.Fail(e);
                    for (var j = i - 1; j >= 0 && pending > 0; j--)
                    {
                        if (!batch[j].HasRun) continue;
                        batch[j].Fail(e);
                        pending--;
                    }
                    transaction.Dispose();
                    transaction = connection.Inner.BeginTransaction(deferred: false);
                }
            }
            transaction.Commit();
            Interlocked.Increment(ref _batches);
            _committed?.Invoke();
        }
        finally
        {
            transaction.Dispose();
        }
        foreach (var item in batch) item.Complete();
    }

    /// <summary>Runs a several-statement item so that its failure rolls back its own statements only.</summary>
    private static void RunInSavepoint(ReusableSqliteConnection connection, SqliteTransaction transaction, Item item)
    {
        connection.ExecuteCached("SAVEPOINT batched_write", transaction);
        try
        {
            item.Run(connection, transaction);
        }
        catch when (StillInTransaction(connection))
        {
            connection.ExecuteCached("ROLLBACK TO batched_write", transaction);
            connection.ExecuteCached("RELEASE batched_write", transaction);
            throw;
        }
        connection.ExecuteCached("RELEASE batched_write", transaction);
    }

    private static bool StillInTransaction(ReusableSqliteConnection connection) => connection.InTransaction;

    private abstract class Item(bool atomic)
    {
        /// <summary>Several statements that must land together (run inside a savepoint).</summary>
        public bool Atomic { get; } = atomic;

        public abstract bool IsCancelled { get; }

        /// <summary>Ran and is waiting for the commit.</summary>
        public bool HasRun { get; protected set; }

        public abstract void Run(DbConnection connection, DbTransaction transaction);

        /// <summary>Answers a write that ran with its result (after the commit); others were answered already.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Skip();
    }

    private sealed class Item<T>(Func<DbConnection, DbTransaction, Task<T>> work, bool atomic, CancellationToken cancellationToken) : Item(atomic)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override bool IsCancelled => cancellationToken.IsCancellationRequested;

        public override void Run(DbConnection connection, DbTransaction transaction)
        {
            // Microsoft.Data.Sqlite completes its "async" calls synchronously; this thread is the writer's own.
            _result = work(connection, transaction).GetAwaiter().GetResult();
            HasRun = true;
        }

        public override void Complete()
        {
            if (HasRun) _completion.TrySetResult(_result!);
        }

        public override void Fail(Exception exception)
        {
            HasRun = false;
            _completion.TrySetException(exception);
        }

        public override void Skip() => _completion.TrySetCanceled(cancellationToken);
    }
}
