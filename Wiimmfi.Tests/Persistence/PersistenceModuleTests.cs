using System.Text.Json;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Host.Node;
using Wiimmfi.Tests.TestKit;
using PersistenceExtension = Wiimmfi.Actors.Runtime.Persistence.Persistence;

namespace Wiimmfi.Tests.Persistence;

/// <summary>The node starts persistence over its own store; entities keep their state across node restarts.</summary>
public sealed class PersistenceModuleTests
{
    /// <summary>The node's modules, with persistence also reading this assembly's test events.</summary>
    private static IReadOnlyList<NodeModule> Modules() =>
        [.. NodeModules.All().Select(m => m is PersistenceModule ? new PersistenceModule(PersistenceHarness.Registry) : m)];

    [Fact]
    public async Task An_entity_keeps_its_state_when_the_whole_node_restarts_over_its_data_folder()
    {
        var pid = PersistenceHarness.NewPersistenceId();
        string folder;
        await using (var node = await TestNode.StartAsync(modules: Modules(), keepFolder: true))
        {
            folder = node.Folder;
            var client = new TestProbe(node.Node.System);
            var counter = node.Node.System.ActorOf(CounterActor.Props(pid));
            client.Send(counter, new Add(3));
            client.Send(counter, new Add(4));
            await client.ExpectMsgAsync<Ack>();
            Assert.Equal(new Ack(2, 7), await client.ExpectMsgAsync<Ack>());

            using var report = JsonDocument.Parse(await node.Management.GetStringAsync("persistence"));
            Assert.Equal(2, report.RootElement.GetProperty("eventsWritten").GetInt64());
            Assert.Equal(1, report.RootElement.GetProperty("recoveriesCompleted").GetInt64());
            Assert.StartsWith("test-node/", report.RootElement.GetProperty("writer").GetString());
        }

        await using (var restarted = await TestNode.StartAsync(modules: Modules(), folder: folder))
        {
            var observer = new TestProbe(restarted.Node.System);
            restarted.Node.System.ActorOf(CounterActor.Props(pid, observer.Ref));

            Assert.Equal(new Recovered(pid, 7, 2, 2, null), await observer.ExpectMsgAsync<Recovered>());
            Assert.Same(PersistenceExtension.Get(restarted.Node.System), restarted.Node.Context.Services.Get<PersistenceExtension>());
        }
    }

    [Fact]
    public void The_node_s_persistence_settings_come_from_wiimmfi_persistence()
    {
        var options = new WiimmfiOptions
        {
            Node = new NodeOptions { Name = "wfc-1" },
            Persistence = new PersistenceOptions { MaxConcurrentRecoveries = 7, WriteBatchSize = 64, WriteParallelism = 2, WriteBufferSize = 900, ReplayBatchSize = 33, SnapshotEvery = 12 },
        };

        var settings = PersistenceModule.Settings(options);

        Assert.Equal(PersistenceSettings.Default with
        {
            MaxConcurrentRecoveries = 7, WriteBatchSize = 64, WriteParallelism = 2, WriteBufferSize = 900, ReplayBatchSize = 33, SnapshotEvery = 12,
            WriterId = settings.WriterId,
        }, settings);
        Assert.StartsWith("wfc-1/", settings.WriterId);
    }

    [Fact]
    public void Persistence_settings_below_one_are_refused_naming_the_setting()
    {
        var options = new WiimmfiOptions { Persistence = new PersistenceOptions { WriteBatchSize = 0 } };

        Assert.Contains("wiimmfi.persistence.write-batch-size = 0 must be at least 1", options.Validate());
    }
}
