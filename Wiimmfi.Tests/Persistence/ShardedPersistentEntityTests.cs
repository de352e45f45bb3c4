using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Persistence;

/// <summary>A persistent actor as a sharded entity: passivation loses nothing.</summary>
public sealed class ShardedPersistentEntityTests(Storage.SqliteFolderFixture folder) : IClassFixture<Storage.SqliteFolderFixture>
{
    [Fact]
    public async Task A_passivated_entity_comes_back_with_its_state_on_the_next_message()
    {
        await using var harness = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(folder.NewFile()));
        var observer = harness.Probe();
        var client = harness.Probe();
        var region = ClusterSharding.Get(harness.System).Start("counter",
            id => CounterActor.Props("counter-" + id, observer.Ref),
            ClusterShardingSettings.Default with { PassivateIdleEntityAfter = null });

        client.Send(region, new ShardingEnvelope("42", new Add(3)));
        client.Send(region, new ShardingEnvelope("42", new Add(4)));
        Assert.Equal(new Recovered("counter-42", 0, 0, 0, null), await observer.ExpectMsgAsync<Recovered>());
        Assert.Equal(new Ack(1, 3), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new Ack(2, 7), await client.ExpectMsgAsync<Ack>());

        client.Send(region, new ShardingEnvelope("42", new PassivateMe()));
        await UntilNoEntitiesAsync(region);

        client.Send(region, new ShardingEnvelope("42", new GetCounter()));
        Assert.Equal(new Recovered("counter-42", 7, 2, 2, null), await observer.ExpectMsgAsync<Recovered>());
        Assert.Equal(new CounterView(7, 2), await client.ExpectMsgAsync<CounterView>());
    }

    [Fact]
    public async Task Messages_sent_around_a_passivation_are_all_applied_in_order_and_kept()
    {
        await using var harness = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(folder.NewFile()));
        var observer = harness.Probe();
        var client = harness.Probe();
        var region = ClusterSharding.Get(harness.System).Start("counter",
            id => CounterActor.Props("counter-" + id, observer.Ref),
            ClusterShardingSettings.Default with { PassivateIdleEntityAfter = null });
        client.Send(region, new ShardingEnvelope("7", new Add(1)));
        await client.ExpectMsgAsync<Ack>();

        // Persist, passivate and add again back to back: the passivation request waits behind the
        // persist, and the stop message behind the last add, so nothing is lost or reordered.
        client.Send(region, new ShardingEnvelope("7", new Add(10)));
        client.Send(region, new ShardingEnvelope("7", new PassivateMe()));
        client.Send(region, new ShardingEnvelope("7", new Add(100)));

        Assert.Equal(new Ack(2, 11), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new Ack(3, 111), await client.ExpectMsgAsync<Ack>());
        await UntilNoEntitiesAsync(region);
        client.Send(region, new ShardingEnvelope("7", new GetCounter()));
        Assert.Equal(new CounterView(111, 3), await client.ExpectMsgAsync<CounterView>());
    }

    private static async Task UntilNoEntitiesAsync(IActorRef region)
    {
        var deadline = DateTime.UtcNow + Awaiting.DefaultTimeout;
        while (true)
        {
            var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
            if (state.Shards.All(s => s.EntityIds.Count == 0)) return;
            if (DateTime.UtcNow > deadline) throw new TestKitException("The entity did not passivate.");
            await Task.Delay(10);
        }
    }
}
