using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Every setting of a node, bound once from the <c>wiimmfi</c> section (hocon/wiimmfi.conf documents each
/// key and its default; the defaults here are the same, and a test keeps the two in step). Immutable:
/// nothing reads configuration after start-up.
/// </summary>
public sealed record WiimmfiOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "wiimmfi";

    public NodeOptions Node { get; init; } = new();

    /// <value>Default <c>data</c>.</value>
    [ConfigurationKeyName("data-folder")]
    public string DataFolder { get; init; } = "data";

    public StoreOptions Store { get; init; } = new();

    public SecretsOptions Secrets { get; init; } = new();

    /// <value>Default <c>gamelist/games.tsv</c>: relative to the working directory, else to the executable's folder.</value>
    [ConfigurationKeyName("game-list-file")]
    public string GameListFile { get; init; } = "gamelist/games.tsv";

    public NasOptions Nas { get; init; } = new();

    public SakeOptions Sake { get; init; } = new();

    public RaceOptions Race { get; init; } = new();

    public GameStatsOptions GameStats { get; init; } = new();

    public Dls1Options Dls1 { get; init; } = new();

    public GpcmOptions Gpcm { get; init; } = new();

    public GpspOptions Gpsp { get; init; } = new();

    public MasterOptions Master { get; init; } = new();

    public ServerBrowserOptions Ms { get; init; } = new();

    public NatNegOptions NatNeg { get; init; } = new();

    public ManagementOptions Management { get; init; } = new();

    public ActorsOptions Actors { get; init; } = new();

    public ShardingOptions Sharding { get; init; } = new();

    public PersistenceOptions Persistence { get; init; } = new();

    public LoggingOptions Logging { get; init; } = new();

    public ClusterOptions Cluster { get; init; } = new();

    /// <summary>The SQLite file with <see cref="DataFolder"/> applied to a relative name.</summary>
    public string SqliteFilePath => Path.Combine(DataFolder, Store.SqliteFile);

    /// <summary>
    /// Problems a binder cannot see (ranges, combinations), one sentence each; empty when the settings
    /// make sense. The host refuses to start with any.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Port(string key, int port)
        {
            // 0 is allowed: the system picks a free port (tests rely on it).
            if (port is < 0 or > 65535)
            {
                problems.Add($"wiimmfi.{key} = {port} is not a port (1-65535, or 0 for any free port)");
            }
        }
        Port("nas.port", Nas.Port);
        Port("gpcm.port", Gpcm.Port);
        Port("gpsp.port", Gpsp.Port);
        Port("master.port", Master.Port);
        Port("ms.port", Ms.Port);
        Port("natneg.port", NatNeg.Port);
        Port("management.port", Management.Port);
        Port("cluster.port", Cluster.Port);
        if (NatNeg.SecondaryEndpoints.Count > NatNegOptions.MaxSecondaryEndpoints)
        {
            problems.Add($"wiimmfi.natneg.secondary-endpoints lists {NatNeg.SecondaryEndpoints.Count} endpoints; consoles know three NATNEG hosts, so at most {NatNegOptions.MaxSecondaryEndpoints}");
        }
        problems.AddRange(NatNeg.Problems());
        if (Store.Kind == StoreKind.Postgres && string.IsNullOrWhiteSpace(Store.ConnectionString))
        {
            problems.Add("wiimmfi.store.kind = postgres needs wiimmfi.store.connection-string");
        }
        if (Cluster.Enabled && Store.Kind != StoreKind.Postgres)
        {
            problems.Add("wiimmfi.cluster.enabled = on needs wiimmfi.store.kind = postgres (the cluster coordinates through it)");
        }
        if (Actors.Throughput < 1)
        {
            problems.Add($"wiimmfi.actors.throughput = {Actors.Throughput} must be at least 1");
        }
        if (Sharding.NumberOfShards < 1)
        {
            problems.Add($"wiimmfi.sharding.number-of-shards = {Sharding.NumberOfShards} must be at least 1");
        }
        void AtLeastOne(string key, int value)
        {
            if (value < 1) problems.Add($"wiimmfi.persistence.{key} = {value} must be at least 1");
        }
        AtLeastOne("max-concurrent-recoveries", Persistence.MaxConcurrentRecoveries);
        AtLeastOne("write-batch-size", Persistence.WriteBatchSize);
        AtLeastOne("write-parallelism", Persistence.WriteParallelism);
        AtLeastOne("write-buffer-size", Persistence.WriteBufferSize);
        AtLeastOne("replay-batch-size", Persistence.ReplayBatchSize);
        AtLeastOne("snapshot-every", Persistence.SnapshotEvery);
        if (Sake.MaxRecordsPerProfile < 1 || Sake.MaxFilesPerProfile < 0 || Sake.MaxFileSize.Bytes is < 1 or > 16 * 1024 * 1024)
        {
            problems.Add("wiimmfi.sake limits must be positive (max-file-size at most 16MiB)");
        }
        if (Race.MaxCompetitionSize.Bytes is < 1 or > 64 * 1024 * 1024)
        {
            problems.Add($"wiimmfi.race.max-competition-size = {Race.MaxCompetitionSize} must be between 1 byte and 64MiB");
        }
        void Positive(string key, TimeSpan value)
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"wiimmfi.{key} = {value} must be positive");
            }
        }
        Positive("nas.token-lifetime", Nas.TokenLifetime);
        Positive("nas.token-purge-interval", Nas.TokenPurgeInterval);
        Positive("gpcm.keep-alive-interval", Gpcm.KeepAliveInterval);
        Positive("gpcm.idle-timeout", Gpcm.IdleTimeout);
        Positive("gpsp.idle-timeout", Gpsp.IdleTimeout);
        foreach (var game in Nas.DisabledGames)
        {
            if (game.Length is < 1 or > 4)
            {
                problems.Add($"wiimmfi.nas.disabled-games entry '{game}' is not a game code or a prefix of one (1-4 characters, e.g. RMCE or RMC)");
            }
        }
        if (Gpcm.MaxMessageSize.Bytes < 256)
        {
            problems.Add($"wiimmfi.gpcm.max-message-size = {Gpcm.MaxMessageSize} is too small for a login message");
        }
        return problems;
    }
}
