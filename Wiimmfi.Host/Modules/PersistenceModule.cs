using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Persistence.Sql;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Modules;

/// <summary>
/// Starts the actor system's persistence over the node's store — the event journal and snapshot store
/// share its database and connection pool (SQLite file or PostgreSQL) — so entity actors simply derive
/// from <see cref="PersistentActor"/>. Registers the <see cref="Persistence"/> extension in
/// <see cref="NodeContext.Services"/> and serves its counters on <c>GET /persistence</c>. Must start
/// before any module that creates persistent entities.
/// </summary>
/// <param name="registry">The wire types events and snapshots are read by (default: every <c>[WireName]</c> of Wiimmfi.Actors).</param>
/// <param name="upcasters">Readers of old event shapes (see <see cref="EventSerializer"/>'s evolution rules).</param>
public sealed class PersistenceModule(WireTypeRegistry? registry = null, IEnumerable<IEventUpcaster>? upcasters = null) : NodeModule
{
    public override string Name => "persistence";

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var stores = SqlPersistenceStore.Over(node.Store, node.Time);
        var persistence = Persistence.Start(node.System, stores.Journal, stores.SnapshotStore, Settings(node.Options), registry, upcasters);
        node.Services.Add(persistence);
        return Task.CompletedTask;
    }

    internal static PersistenceSettings Settings(WiimmfiOptions options)
    {
        var configured = options.Persistence;
        return new PersistenceSettings
        {
            MaxConcurrentRecoveries = configured.MaxConcurrentRecoveries,
            WriteBatchSize = configured.WriteBatchSize,
            WriteParallelism = configured.WriteParallelism,
            WriteBufferSize = configured.WriteBufferSize,
            ReplayBatchSize = configured.ReplayBatchSize,
            SnapshotEvery = configured.SnapshotEvery,
            // Which node wrote a row, and which start of it.
            WriterId = $"{options.Node.EffectiveName}/{Guid.NewGuid().ToString("N")[..8]}",
        };
    }

    public override void MapManagementRoutes(IEndpointRouteBuilder open, IEndpointRouteBuilder admin, NodeContext node)
    {
        open.MapGet("/persistence", () =>
        {
            var persistence = node.Services.Get<Persistence>();
            var m = persistence.Metrics;
            return Results.Ok(new
            {
                writer = persistence.WriterId,
                eventsWritten = m.EventsWritten,
                writeBatches = m.WriteBatches,
                largestBatch = m.LargestBatch,
                queuedEvents = m.QueuedEvents,
                writesFailed = m.WritesFailed,
                eventsRejected = m.EventsRejected,
                recoveriesRunning = m.RecoveriesRunning,
                recoveriesWaiting = m.RecoveriesWaiting,
                recoveriesCompleted = m.RecoveriesCompleted,
                recoveriesFailed = m.RecoveriesFailed,
                eventsReplayed = m.EventsReplayed,
                snapshotsSaved = m.SnapshotsSaved,
                snapshotFailures = m.SnapshotFailures,
            });
        });
    }
}
