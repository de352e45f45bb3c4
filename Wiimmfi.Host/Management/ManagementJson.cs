using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiimmfi.Host.Management;

/// <summary>Answer of the health routes.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<HealthCheck> Checks);

/// <summary>One readiness check and, when it fails, why.</summary>
public sealed record HealthCheck(string Name, bool Ok, string? Detail);

/// <summary>One cluster member, shaped as Akka Management's <c>/cluster/members</c> entries.</summary>
public sealed record ClusterMember(string Node, string NodeUid, string Status, IReadOnlyList<string> Roles, DateTimeOffset UpSince, long UptimeSeconds);

/// <summary>Answer of <c>/cluster/members</c>.</summary>
public sealed record ClusterMembers(string SelfNode, IReadOnlyList<ClusterMember> Members, IReadOnlyList<string> Unreachable, string? Leader, string? Oldest);

/// <summary>Answer of <c>/cluster/shards</c>: the entity types that have a shard region here.</summary>
public sealed record ShardTypes(IReadOnlyList<string> EntityTypeKeys);

/// <summary>One shard and how many entities it holds.</summary>
public sealed record ShardEntry(string ShardId, int NumEntities);

/// <summary>Answer of <c>/cluster/shards/{region}</c>.</summary>
public sealed record ShardRegionReport(string Region, IReadOnlyList<ShardEntry> Regions, int TotalEntities);

/// <summary>Counters of the actor runtime and the front-ends, for <c>/node/metrics</c>.</summary>
public sealed record NodeMetricsReport(
    long MessagesProcessed, long DeadLetters, long ActorRestarts, long LiveActors, long MailboxDepth,
    IReadOnlyList<TcpListenerReport> TcpListeners, IReadOnlyList<UdpBindingReport> UdpBindings);

public sealed record TcpListenerReport(string Name, long OpenConnections, long Accepted, long FramesReceived, long MalformedInputs, long BytesRead, long BytesWritten);

public sealed record UdpBindingReport(string Name, long DatagramsReceived, long DatagramsSent, long SendErrors);

/// <summary>Which process answers (a smart restart changes it), since when, and whether it still serves.</summary>
public sealed record NodeProcessReport(int Pid, DateTimeOffset StartedAt, bool Serving, bool HandedOver);

/// <summary>A JSON error body: what went wrong, in one sentence.</summary>
public sealed record ErrorBody(string Error);

/// <summary>Source-generated JSON for every management answer (no reflection at run time).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(ClusterMembers))]
[JsonSerializable(typeof(ShardTypes))]
[JsonSerializable(typeof(ShardRegionReport))]
[JsonSerializable(typeof(NodeMetricsReport))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(NodeProcessReport))]
[JsonSerializable(typeof(Wiimmfi.Host.Restart.SmartRestartResult))]
[JsonSerializable(typeof(Wiimmfi.Host.Restart.SwitchPhases))]
public sealed partial class ManagementJsonContext : JsonSerializerContext;
