using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.Persistence;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// The fence a smart restart puts on the predecessor's journal: what was accepted lands, nothing later does,
/// and an actor whose write is refused stops (its stream belongs to the successor now).
/// </summary>
public sealed class JournalFenceTests(Storage.SqliteFolderFixture folder) : IClassFixture<Storage.SqliteFolderFixture>
{
    private ControllableJournal? _journal;

    private Task<PersistenceHarness> StartAsync(string? file = null) =>
        PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(file ?? folder.NewFile()), null, inner => _journal = new ControllableJournal(inner));

    private ControllableJournal Journal => _journal!;

    [Fact]
    public async Task Fence_completes_only_once_the_writes_accepted_before_it_are_durable()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        Journal.HoldWrites();
        client.Send(counter, new Add(5));
        await Awaiting.ConditionAsync(() => Journal.WritesWaiting == 1, message: "The write should be waiting at the gate.");

        var fence = harness.Persistence.FenceAsync();
        Assert.False(fence.IsCompleted); // the accepted write is still held, so the fence cannot have flushed it
        Journal.ReleaseWrites();
        await fence.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new Ack(1, 5), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(1, await harness.Store.Journal.ReadHighestSequenceNrAsync(pid));
        Assert.True(harness.Persistence.IsFenced);
    }

    [Fact]
    public async Task A_write_after_the_fence_is_refused_and_stops_its_actor_without_reaching_the_journal()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Send(counter, new Add(2));
        await client.ExpectMsgAsync<Ack>();
        await harness.Persistence.FenceAsync().WaitAsync(TimeSpan.FromSeconds(30));

        client.Watch(counter);
        client.Send(counter, new Add(3));

        await client.ExpectMsgAsync<Terminated>();
        Assert.False(client.HasMessages); // no Ack: the handler of a refused event never runs
        Assert.Equal(1, await harness.Store.Journal.ReadHighestSequenceNrAsync(pid));
        Assert.Equal(1, harness.Persistence.Metrics.WritesFailed);
    }

    [Fact]
    public async Task Snapshots_and_deletions_after_the_fence_are_refused()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Send(counter, new Add(4));
        await client.ExpectMsgAsync<Ack>();
        await harness.Persistence.FenceAsync().WaitAsync(TimeSpan.FromSeconds(30));

        client.Send(counter, new TakeSnapshot());
        var snapshot = await client.ExpectMsgAsync<SaveSnapshotFailure>();
        Assert.IsType<JournalFencedException>(snapshot.Cause);
        client.Send(counter, new DeleteEventsUpTo(1));
        var deletion = await client.ExpectMsgAsync<DeleteMessagesFailure>();
        Assert.IsType<JournalFencedException>(deletion.Cause);

        Assert.Null(await harness.Store.SnapshotStore.LoadAsync(pid, SnapshotSelectionCriteria.Latest));
        var replayed = 0;
        await harness.Store.Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, _ => replayed++);
        Assert.Equal(1, replayed);
    }

    [Fact]
    public async Task After_a_called_off_handover_the_unfenced_journal_serves_on_and_a_stopped_entity_recovers()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Send(counter, new Add(1));
        await client.ExpectMsgAsync<Ack>();
        await harness.Persistence.FenceAsync().WaitAsync(TimeSpan.FromSeconds(30));
        client.Watch(counter);
        client.Send(counter, new Add(10));
        await client.ExpectMsgAsync<Terminated>();

        harness.Persistence.Unfence();
        var observer = harness.Probe();
        var (again, recovered) = await harness.StartCounterAsync(pid, observer);
        client.Send(again, new Add(6));

        Assert.Equal(1, recovered.Total); // the refused event never landed
        Assert.Equal(new Ack(2, 7), await client.ExpectMsgAsync<Ack>());
        Assert.False(harness.Persistence.IsFenced);
    }
}
