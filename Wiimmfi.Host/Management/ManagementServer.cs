using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Management;

/// <summary>
/// The operators' HTTP API on its own Kestrel server (127.0.0.1:8558 by default, Akka Management's port), so
/// nothing a console can reach on port 80 ever touches it. Route shapes follow Akka Management:
/// <c>/health/alive</c>, <c>/health/ready</c>, <c>/cluster/members</c>, <c>/cluster/shards/{region}</c>; plus
/// <c>/node/metrics</c>. Modules add their own routes; those under <c>/admin</c> need the operator's credentials.
/// </summary>
internal static class ManagementServer
{

    /// <param name="listenHandle">The management listening socket (the node's own, see <see cref="ListenSockets"/>).</param>
    public static WebApplication Build(WiimmfiNode node, ulong listenHandle)
    {
        var options = node.Options.Management;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = 200;
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            kestrel.ListenHandle(listenHandle, lo => lo.Protocols = HttpProtocols.Http1);
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ManagementJsonContext.Default));
        var app = builder.Build();

        app.MapGet("/health/alive", () => Results.Json(new HealthReport("alive", []), ManagementJsonContext.Default.HealthReport));
        app.MapGet("/health/ready", async (CancellationToken ct) =>
        {
            var report = await ReadinessAsync(node, ct).ConfigureAwait(false);
            return Results.Json(report, ManagementJsonContext.Default.HealthReport,
                statusCode: report.Status == "ready" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/cluster/members", () => Results.Json(Members(node), ManagementJsonContext.Default.ClusterMembers));
        app.MapGet("/cluster/shards", () =>
            Results.Json(new ShardTypes([.. ClusterSharding.Get(node.System).ShardTypeNames.Order(StringComparer.Ordinal)]), ManagementJsonContext.Default.ShardTypes));
        app.MapGet("/cluster/shards/{region}", async (string region, CancellationToken ct) =>
        {
            var sharding = ClusterSharding.Get(node.System);
            if (!sharding.ShardTypeNames.Contains(region))
                return Results.Json(new ErrorBody($"no shard region named '{region}'"), ManagementJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status404NotFound);
            var stats = await sharding.ShardRegion(region).Ask<ShardRegionStats>(GetShardRegionStats.Instance, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            var shards = stats.EntitiesPerShard.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardEntry(s.Key, s.Value)).ToList();
            return Results.Json(new ShardRegionReport(region, shards, shards.Sum(s => s.NumEntities)), ManagementJsonContext.Default.ShardRegionReport);
        });
        app.MapGet("/node/process", () => Results.Json(new NodeProcessReport(Environment.ProcessId, node.StartedAt, node.IsServing, node.HandedOver),
            ManagementJsonContext.Default.NodeProcessReport));
        app.MapGet("/node/metrics", () => Results.Json(Metrics(node), ManagementJsonContext.Default.NodeMetricsReport));

        var admin = app.MapGroup("/admin").AddEndpointFilter(new AdminCredentials(options.Username, options.Password));
        admin.MapPost("/restart", async (HttpContext http, CancellationToken ct) =>
        {
            if (node.SuccessorFactory is not { } start)
                return Results.Json(new ErrorBody("smart restart is not available for this node (it was not started by the wiimmfi command)"),
                    ManagementJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status501NotImplemented);
            if (!node.TryBeginRestart())
                return Results.Json(new ErrorBody("a smart restart is already running"), ManagementJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status409Conflict);
            try
            {
                var result = await new Restart.SmartRestart(node).RunAsync(start, ct).ConfigureAwait(false);
                if (result.Succeeded)
                    http.Response.OnCompleted(() => { _ = Task.Run(node.ExitAfterHandoverAsync); return Task.CompletedTask; });
                return Results.Json(result, ManagementJsonContext.Default.SmartRestartResult,
                    statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError);
            }
            finally
            {
                node.EndRestart();
            }
        });
        admin.MapPost("/gc", () =>
        {
            // For memory figures (per idle console): without a full compacting collection the RSS is mostly garbage
            // of whatever ran before. It pauses the node for as long as the collection takes, hence admin only.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return Results.Json(new GcReport(info.HeapSizeBytes, info.TotalCommittedBytes, process.WorkingSet64), ManagementJsonContext.Default.GcReport);
        });
        foreach (var module in node.Modules) module.MapManagementRoutes(app, admin, node.Context);
        return app;
    }

    private static async Task<HealthReport> ReadinessAsync(WiimmfiNode node, CancellationToken cancellationToken)
    {
        var checks = new List<HealthCheck>
        {
            new("listeners", node.IsServing, node.IsServing ? null : "the node is starting or stopping"),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        bool storeOk;
        try
        {
            storeOk = await node.Context.Store.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            storeOk = false;
        }
        checks.Add(new HealthCheck("store", storeOk, storeOk ? null : $"the {node.Context.Store.Kind} store does not answer"));
        return new HealthReport(checks.TrueForAll(c => c.Ok) ? "ready" : "not-ready", checks);
    }

    private static ClusterMembers Members(WiimmfiNode node)
    {
        var self = node.System.Address.ToString();
        var now = node.Context.Time.GetUtcNow();
        var status = node.IsServing ? "Up" : "Exiting";
        var member = new ClusterMember(self, node.Options.Node.EffectiveName, status, ["wiimmfi"], node.StartedAt,
            (long)(now - node.StartedAt).TotalSeconds);
        return new ClusterMembers(self, [member], [], self, self);
    }

    private static NodeMetricsReport Metrics(WiimmfiNode node)
    {
        var m = node.System.Metrics;
        return new NodeMetricsReport(m.MessagesProcessedTotal, m.DeadLetters, m.ActorRestarts, m.LiveActors, m.MailboxDepth,
            [.. node.Context.TcpFrontends.Select(f => new TcpListenerReport(f.Name, f.Metrics.OpenConnections, f.Metrics.Accepted,
                f.Metrics.FramesReceived, f.Metrics.MalformedInputs, f.Metrics.BytesRead, f.Metrics.BytesWrittenTotal))],
            [.. node.Context.UdpBindings.Select(b => new UdpBindingReport(b.Actor.Path.Name, b.Metrics.DatagramsReceived, b.Metrics.DatagramsSent, b.Metrics.SendErrors))]);
    }
}
