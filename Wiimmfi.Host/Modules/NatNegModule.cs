using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// NATNEG (UDP 27901): the <c>natneg</c> shard region of negotiations, and one front-end with its UDP socket per
/// configured address — the main one (<c>wiimmfi.natneg.bind/port</c>, consoles' natneg1) and up to two
/// <c>secondary-endpoints</c> (natneg2, natneg3). Listener names: <c>natneg</c>, <c>natneg2</c>, <c>natneg3</c>.
/// Serves <c>GET /natneg</c> on the management listener.
/// </summary>
public sealed class NatNegModule : NodeModule
{
    /// <summary>Listener names by role (natneg1 is the node's main NATNEG socket).</summary>
    public static readonly IReadOnlyList<string> ListenerNames = ["natneg", "natneg2", "natneg3"];

    private readonly List<(IActorRef Frontend, UdpBindingHandle Binding)> _sockets = [];

    public override string Name => "natneg";

    public override bool IsEnabled(NodeContext node) => node.Options.NatNeg.Enabled;

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var options = node.Options.NatNeg;
        var endpoints = Endpoints(options);
        var logger = node.LoggerFactory.CreateLogger<NatNegModule>();

        var metrics = new NatNegMetrics();
        var capacity = new NatNegCapacity(options.MaxOpenNegotiations);
        var context = new NatNegSessionContext(
            new NatNegSessionSettings { SessionTimeout = options.SessionTimeout }, metrics, capacity,
            node.LoggerFactory.CreateLogger<NatNegSession>());
        var sharding = Actors.Runtime.Sharding.ClusterShardingSettings.Default with { NumberOfShards = node.Options.Sharding.NumberOfShards };
        var sessions = NatNegSessions.StartRegion(node.System, context, sharding);

        var frontendLogger = node.LoggerFactory.CreateLogger<NatNegFrontend>();
        var instances = new List<NatNegInstance>(endpoints.Count);
        for (var i = 0; i < endpoints.Count; i++)
        {
            var name = ListenerNames[i];
            var settings = new NatNegFrontendSettings(name, sessions, metrics, options.ReplyDelay, options.ReplyQueueCapacity, frontendLogger);
            var frontend = node.System.ActorOf(NatNegFrontend.Props(settings), $"{name}-frontend");
            var binding = node.BindUdp(name, endpoints[i].EndPoint, frontend, endpoints[i].Setting);
            _sockets.Add((frontend, binding));
            instances.Add(new NatNegInstance(name, i + 1, binding.LocalEndPoint, frontend));
        }
        foreach (var (frontend, _) in _sockets) frontend.Tell(new NatNegFrontend.UseInstances(instances));
        node.Services.Add(new NatNegServices(sessions, metrics, capacity, instances, options.ReplyDelay, options.ReplyQueueCapacity));
        ReportNatDetection(instances, logger);
        return Task.CompletedTask;
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node)
    {
        open.MapGet("/natneg", async (CancellationToken cancellationToken) =>
        {
            if (!node.Services.TryGet<NatNegServices>(out var natneg) || natneg is null)
                return Results.Json(new { error = "NATNEG is not running on this node" }, statusCode: StatusCodes.Status404NotFound);
            var queues = new List<NatNegQueueReport>();
            foreach (var instance in natneg.Instances)
            {
                try
                {
                    var stats = await instance.Frontend.Ask<NatNegFrontend.QueueStats>(NatNegFrontend.GetQueueStats.Instance, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                    queues.Add(new NatNegQueueReport(instance.Name, instance.Role, instance.LocalEndPoint.ToString(), stats.Waiting, stats.HighWaterMark, stats.Capacity, stats.SentEarly));
                }
                catch (AskTimeoutException)
                {
                    queues.Add(new NatNegQueueReport(instance.Name, instance.Role, instance.LocalEndPoint.ToString(), -1, -1, natneg.ReplyQueueCapacity, -1));
                }
            }
            var m = natneg.Metrics;
            return Results.Json(new NatNegReport(
                natneg.Capacity.Open, natneg.Capacity.Limit,
                m.Started, m.Completed, m.TimedOut, m.Rejected,
                m.ReportsSucceeded, m.ReportsFailed,
                m.MalformedTotal, m.MalformedByReason, m.IgnoredTotal, m.IgnoredByReason,
                new NatDetectionReport(m.AddressChecks, m.NatifyAnswered, m.NatifyUnanswerable, m.ErtAcks),
                (long)natneg.ReplyDelay.TotalMilliseconds, m.RepliesDelayed, m.RepliesSentEarly, queues) { Recovered = m.Recovered });
        });
    }

    public override async Task StopAsync(NodeContext node)
    {
        // Front-ends first: each sends the replies still in its queue through its socket as it stops.
        foreach (var (frontend, _) in _sockets)
        {
            await frontend.GracefulStop(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        foreach (var (_, binding) in _sockets) binding.Actor.Tell(Udp.Unbind.Instance, ActorRefs.NoSender);
    }

    private static List<(IPEndPoint EndPoint, string Setting)> Endpoints(NatNegOptions options)
    {
        var list = new List<(IPEndPoint, string)> { (WiimmfiNode.ListenerEndPoint(options), "wiimmfi.natneg.port") };
        foreach (var text in options.SecondaryEndpoints)
        {
            if (!IPEndPoint.TryParse(text, out var endpoint))
                throw new NodeStartupException($"wiimmfi.natneg.secondary-endpoints: '{text}' is not an \"address:port\" (for example \"10.0.0.2:27901\").");
            list.Add((endpoint, "wiimmfi.natneg.secondary-endpoints"));
        }
        return list;
    }

    // Says at start-up how truthfully the consoles' NAT test can be answered with these sockets.
    private static void ReportNatDetection(IReadOnlyList<NatNegInstance> instances, ILogger logger)
    {
        var sockets = instances.Select(i => i.LocalEndPoint).ToList();
        var ipTest = ErtSourceSelector.Choose(sockets, 0, NatNegPortType.Nn2);
        var portTest = ErtSourceSelector.Choose(sockets, Math.Min(1, sockets.Count - 1), NatNegPortType.Nn3);
        if (ipTest == ErtSourceSelector.Unanswerable || portTest == ErtSourceSelector.Unanswerable)
            logger.LogInformation(
                "NATNEG: with {Count} socket(s) the NAT test cannot be fully answered (IP test: {IpTest}, port test: {PortTest}); consoles will assume a stricter NAT. Give natneg2/natneg3 their own addresses in wiimmfi.natneg.secondary-endpoints.",
                sockets.Count, ipTest == ErtSourceSelector.Unanswerable ? "unanswered" : instances[ipTest].Name, portTest == ErtSourceSelector.Unanswerable ? "unanswered" : instances[portTest].Name);
    }
}

/// <summary>The answer of <c>GET /natneg</c>.</summary>
public sealed record NatNegReport(
    int OpenNegotiations, int MaxOpenNegotiations,
    long Started, long Completed, long TimedOut, long Rejected,
    long ReportsSucceeded, long ReportsFailed,
    long Malformed, IReadOnlyDictionary<string, long> MalformedByReason, long Ignored, IReadOnlyDictionary<string, long> IgnoredByReason,
    NatDetectionReport NatDetection,
    long ReplyDelayMs, long RepliesDelayed, long RepliesSentEarly, IReadOnlyList<NatNegQueueReport> Sockets)
{
    /// <summary>Open negotiations recovered from the journal by this process.</summary>
    public long Recovered { get; init; }
}

/// <summary>NAT-type detection counters in <see cref="NatNegReport"/>.</summary>
public sealed record NatDetectionReport(long AddressChecks, long NatifyAnswered, long NatifyUnanswerable, long ErtAcks);

/// <summary>One NATNEG socket and its reply queue in <see cref="NatNegReport"/> (-1: the front-end did not answer in time).</summary>
public sealed record NatNegQueueReport(string Name, int Role, string Endpoint, int QueueWaiting, int QueueHighWaterMark, int QueueCapacity, long QueueSentEarly);
