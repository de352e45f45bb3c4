using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.Persistence;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// Sparse recovery (NATNEG negotiations): under a registered prefix, an actor whose id has stored events recovers them;
/// one with nothing stored — also one whose events were deleted — starts at once and writes without colliding.
/// </summary>
public sealed class SparseRecoveryTests(Storage.SqliteFolderFixture folder) : IClassFixture<Storage.SqliteFolderFixture>
{
    private const string Prefix = "sparse-";

    private static async Task<IActorRef> StopAsync(PersistenceHarness harness, IActorRef actor)
    {
        var watcher = harness.Probe();
        watcher.Watch(actor);
        harness.System.Stop(actor);
        await watcher.ExpectMsgAsync<Terminated>();
        return actor;
    }

    [Fact]
    public async Task An_id_with_stored_events_still_recovers_them_and_a_new_id_starts_empty()
    {
        var file = folder.NewFile();
        var stored = PersistenceHarness.NewPersistenceId("sparse");
        await using (var first = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(file)))
        {
            var client = first.Probe();
            var (counter, _) = await first.StartCounterAsync(stored, first.Probe());
            client.Send(counter, new Add(7));
            await client.ExpectMsgAsync<Ack>();
        }

        await using var second = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(file));
        second.Persistence.RegisterSparseRecovery(Prefix);
        var (_, recovered) = await second.StartCounterAsync(stored, second.Probe());
        Assert.Equal((7, 1L, 1), (recovered.Total, recovered.LastSequenceNr, recovered.EventsReplayed));

        var (fresh, freshRecovery) = await second.StartCounterAsync(PersistenceHarness.NewPersistenceId("sparse"), second.Probe());
        Assert.Equal((0, 0), (freshRecovery.Total, freshRecovery.EventsReplayed));
        var client2 = second.Probe();
        client2.Send(fresh, new Add(3));
        Assert.Equal(3, (await client2.ExpectMsgAsync<Ack>()).Total);
    }

    [Fact]
    public async Task An_id_whose_events_were_deleted_starts_fresh_and_its_new_events_land_above_the_tombstone()
    {
        var file = folder.NewFile();
        var id = PersistenceHarness.NewPersistenceId("sparse");
        await using (var first = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(file)))
        {
            var client = first.Probe();
            var (counter, _) = await first.StartCounterAsync(id, first.Probe());
            client.Send(counter, new Add(1));
            client.Send(counter, new Add(2));
            await client.ExpectMsgAsync<Ack>();
            await client.ExpectMsgAsync<Ack>();
            client.Send(counter, new DeleteEventsUpTo(2));
            await client.ExpectMsgAsync<Wiimmfi.Actors.Runtime.Persistence.DeleteMessagesSuccess>();
        }

        await using var second = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(file));
        second.Persistence.RegisterSparseRecovery(Prefix);
        var (again, recovered) = await second.StartCounterAsync(id, second.Probe());
        Assert.Equal(0, recovered.EventsReplayed);
        var client2 = second.Probe();
        client2.Send(again, new Add(5));
        var ack = await client2.ExpectMsgAsync<Ack>(); // no collision with the kept tombstone (#2)
        Assert.True(ack.SequenceNr > 2);
        Assert.Equal(ack.SequenceNr, await second.Store.Journal.ReadHighestSequenceNrAsync(id));

        // The list of stored ids is read once per process: a later incarnation in this process starts fresh again
        // (the documented contract: only for entities whose state no later incarnation here needs back).
        await StopAsync(second, again);
        var (_, later) = await second.StartCounterAsync(id, second.Probe());
        Assert.Equal(0, later.EventsReplayed);
    }
}
