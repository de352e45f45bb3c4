using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Wiimmfi.Host.Configuration;

/// <summary><c>wiimmfi.actors</c>: the actor runtime.</summary>
public sealed record ActorsOptions
{
    /// <value>Default 30 (Akka.NET's dispatcher default).</value>
    public int Throughput { get; init; } = 30;

    /// <value>Default 5 s.</value>
    [ConfigurationKeyName("ask-timeout")]
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary><c>wiimmfi.sharding</c>.</summary>
public sealed record ShardingOptions
{
    /// <value>Default 100.</value>
    [ConfigurationKeyName("number-of-shards")]
    public int NumberOfShards { get; init; } = 100;

    /// <value>Default 2 min.</value>
    [ConfigurationKeyName("passivate-idle-entity-after")]
    public TimeSpan PassivateIdleEntityAfter { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary><c>wiimmfi.logging</c>.</summary>
public sealed record LoggingOptions
{
    /// <value>Default <see cref="LogLevel.Information"/>.</value>
    public LogLevel Level { get; init; } = LogLevel.Information;
}

/// <summary><c>wiimmfi.cluster</c>: membership and transport for several nodes (used by later issues).</summary>
public sealed record ClusterOptions
{
    /// <value>Default off.</value>
    public bool Enabled { get; init; }

    /// <value>Default <c>wiimmfi</c>.</value>
    public string Name { get; init; } = "wiimmfi";

    /// <value>Default <c>0.0.0.0</c>.</value>
    public string Bind { get; init; } = "0.0.0.0";

    /// <value>Default 4053.</value>
    public int Port { get; init; } = 4053;

    /// <value>Default empty: the machine's host name.</value>
    [ConfigurationKeyName("public-hostname")]
    public string PublicHostname { get; init; } = "";

    /// <value>Default none.</value>
    [ConfigurationKeyName("seed-nodes")]
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <value>Default 1 s.</value>
    [ConfigurationKeyName("heartbeat-interval")]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <value>Default 20 s.</value>
    [ConfigurationKeyName("down-after")]
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(20);
}
