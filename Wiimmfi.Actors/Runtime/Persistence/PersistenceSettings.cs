namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// Settings of the persistence extension (immutable; copy with <c>with</c>). The host binds them from
/// <c>wiimmfi.persistence</c>; the defaults follow Akka.Persistence where it has one.
/// </summary>
public sealed record PersistenceSettings
{
    public static PersistenceSettings Default { get; } = new();

    /// <summary>
    /// Most actors recovering at once; the others wait their turn (a restart storm of thousands of
    /// entities must not open thousands of queries). <value>50</value> as Akka's <c>max-concurrent-recoveries</c>.
    /// </summary>
    public int MaxConcurrentRecoveries { get; init; } = 50;

    /// <summary>
    /// Most events the journal writer puts into one transaction. Batches form on their own under load
    /// (while one transaction runs, the next fills); a lone write never waits. <value>500</value>.
    /// </summary>
    public int WriteBatchSize { get; init; } = 500;

    /// <summary>Transactions the journal writer runs at once on separate connections (SQLite always 1). <value>4</value>.</summary>
    public int WriteParallelism { get; init; } = 4;

    /// <summary>
    /// Most events waiting for the journal writer; a persist beyond it fails at once (the actor stops)
    /// instead of queueing without bound while the database is down or slow. <value>100,000</value>.
    /// </summary>
    public int WriteBufferSize { get; init; } = 100_000;

    /// <summary>Events read per query during recovery. <value>1,000</value> as Akka.Persistence.Sql's <c>replay-batch-size</c>.</summary>
    public int ReplayBatchSize { get; init; } = 1_000;

    /// <summary>
    /// A hint for entity actors: save a snapshot every this many events (<see cref="PersistentActor.SnapshotEvery"/>);
    /// the runtime itself never snapshots on its own. <value>1,000</value> as Akka's sharding coordinator.
    /// </summary>
    public int SnapshotEvery { get; init; } = 1_000;

    /// <summary>Written into the <c>writer</c> column of every event (diagnostics); null = a fresh id per start. <value>null</value>.</summary>
    public string? WriterId { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentRecoveries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplayBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SnapshotEvery, 1);
    }
}
