using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary><c>wiimmfi.persistence</c>: the event journal of persistent entities (in the store's database).</summary>
public sealed record PersistenceOptions
{
    /// <value>Default 50 (Akka's max-concurrent-recoveries).</value>
    [ConfigurationKeyName("max-concurrent-recoveries")]
    public int MaxConcurrentRecoveries { get; init; } = 50;

    /// <value>Default 500.</value>
    [ConfigurationKeyName("write-batch-size")]
    public int WriteBatchSize { get; init; } = 500;

    /// <value>Default 4 (SQLite always uses 1).</value>
    [ConfigurationKeyName("write-parallelism")]
    public int WriteParallelism { get; init; } = 4;

    /// <value>Default 100000.</value>
    [ConfigurationKeyName("write-buffer-size")]
    public int WriteBufferSize { get; init; } = 100_000;

    /// <value>Default 1000.</value>
    [ConfigurationKeyName("replay-batch-size")]
    public int ReplayBatchSize { get; init; } = 1_000;

    /// <value>Default 1000.</value>
    [ConfigurationKeyName("snapshot-every")]
    public int SnapshotEvery { get; init; } = 1_000;
}
