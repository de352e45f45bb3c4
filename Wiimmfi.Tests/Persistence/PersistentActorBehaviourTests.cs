using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Persistence;

/// <summary>
/// How a persistent actor behaves around its writes and its recovery: held commands, PersistAsync,
/// DeferAsync, failures, rejections, deletion, the recovery cap and batching — on SQLite files.
/// </summary>
public sealed class PersistentActorBehaviourTests(Storage.SqliteFolderFixture folder) : IClassFixture<Storage.SqliteFolderFixture>
{
    private ControllableJournal? _journal;

    private Task<PersistenceHarness> StartAsync(PersistenceSettings? settings = null, bool controllable = false) =>
        PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(folder.NewFile()), settings,
            controllable ? inner => _journal = new ControllableJournal(inner) : null);

    private ControllableJournal Journal => _journal ?? throw new InvalidOperationException("Start with controllable: true.");

    private static Mailbox MailboxOf(IActorRef actor) => ((LocalActorRef)actor).Cell.Mailbox;

    [Fact]
    public async Task Commands_sent_during_a_persist_wait_until_its_handler_ran()
    {
        await using var harness = await StartAsync(controllable: true);
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());
        Journal.HoldWrites();

        client.Send(counter, new Add(5));
        client.Send(counter, new GetCounter());
        await Awaiting.ConditionAsync(() => Journal.WritesWaiting == 1 && MailboxOf(counter).CountApproximately() == 1,
            message: "The write should be pending with the query still in the mailbox.");
        Assert.False(client.HasMessages);
        Journal.ReleaseWrites();

        // The query ran after the event was applied: it sees the durable state, never the old one.
        Assert.Equal(new Ack(1, 5), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new CounterView(5, 1), await client.ExpectMsgAsync<CounterView>());
    }

    [Fact]
    public async Task Messages_sent_during_recovery_are_handled_after_it_in_their_order()
    {
        await using var harness = await StartAsync(controllable: true);
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Send(counter, new Add(3));
        await client.ExpectMsgAsync<Ack>();
        client.Watch(counter);
        harness.System.Stop(counter);
        await client.ExpectMsgAsync<Terminated>();
        Journal.HoldReads();

        var observer = harness.Probe();
        var again = harness.System.ActorOf(CounterActor.Props(pid, observer.Ref));
        client.Send(again, new Add(4));
        client.Send(again, new GetCounter());
        await Awaiting.ConditionAsync(() => Journal.ReadsRunning == 1, message: "Recovery should be reading.");
        Journal.ReleaseReads();

        Assert.Equal(new Recovered(pid, 3, 1, 1, null), await observer.ExpectMsgAsync<Recovered>());
        Assert.Equal(new Ack(2, 7), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(new CounterView(7, 2), await client.ExpectMsgAsync<CounterView>());
    }

    [Fact]
    public async Task PersistAsync_lets_later_commands_run_before_the_write_is_durable()
    {
        await using var harness = await StartAsync(controllable: true);
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());
        Journal.HoldWrites();

        client.Send(counter, new AddAsync(5));
        client.Send(counter, new GetCounter());

        // Answered while the write is still held: the event is not applied yet.
        Assert.Equal(new CounterView(0, 0), await client.ExpectMsgAsync<CounterView>());
        Journal.ReleaseWrites();
        Assert.Equal(new Ack(1, 5), await client.ExpectMsgAsync<Ack>());
    }

    [Fact]
    public async Task PersistAsync_handlers_run_in_persist_order_and_DeferAsync_runs_after_them()
    {
        await using var harness = await StartAsync();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());

        // Enough events that the handler queue is compacted while handlers run.
        for (var i = 1; i <= 300; i++) client.Send(counter, new AddAsync(i));
        client.Send(counter, new DeferTag("after-all"));

        for (var i = 1; i <= 300; i++) Assert.Equal(i, (await client.ExpectMsgAsync<Ack>()).SequenceNr);
        Assert.Equal(new Deferred("after-all", 300), await client.ExpectMsgAsync<Deferred>());
    }

    [Fact]
    public async Task DeferAsync_with_nothing_pending_runs_at_once()
    {
        await using var harness = await StartAsync();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());

        client.Send(counter, new DeferTag("now"));

        Assert.Equal(new Deferred("now", 0), await client.ExpectMsgAsync<Deferred>());
    }

    [Fact]
    public async Task An_async_command_that_persists_after_an_await_has_its_event_written_and_recovered()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());

        // Nothing else is sent: the write must go out because the command's task finished, not because of a later command.
        client.Send(counter, new AddAfterAwait(7));
        Assert.Equal(new Ack(1, 7), await client.ExpectMsgAsync<Ack>());

        client.Watch(counter);
        counter.Tell(PoisonPill.Instance);
        await client.ExpectMsgAsync<Terminated>();
        var (_, recovered) = await harness.StartCounterAsync(pid, harness.Probe());
        Assert.Equal(new Recovered(pid, 7, 1, 1, null), recovered);
    }

    [Fact]
    public async Task A_failed_write_stops_the_actor_and_its_next_incarnation_recovers_the_durable_state()
    {
        await using var harness = await StartAsync(controllable: true);
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Send(counter, new Add(2));
        await client.ExpectMsgAsync<Ack>();
        client.Watch(counter);
        Journal.FailWritesWith = new TimeoutException("database unreachable");

        client.Send(counter, new Add(40));

        Assert.Equal(counter, (await client.ExpectMsgAsync<Terminated>()).ActorRef);
        Assert.Contains(harness.Kit.Log.Entries, e => e.EventId.Id == 8001 && e.Exception is TimeoutException);
        Assert.Equal(1, harness.Persistence.Metrics.WritesFailed);
        Journal.FailWritesWith = null;
        var (_, recovered) = await harness.StartCounterAsync(pid, harness.Probe());
        Assert.Equal(new Recovered(pid, 2, 1, 1, null), recovered);
    }

    [Fact]
    public async Task A_persist_beyond_the_write_buffer_fails_at_once_and_stops_only_that_actor()
    {
        await using var harness = await StartAsync(PersistenceSettings.Default with { WriteBufferSize = 5 }, controllable: true);
        var client = harness.Probe();
        var (first, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());
        var (second, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());
        Journal.HoldWrites();
        client.Send(first, new Add(1));
        await Awaiting.ConditionAsync(() => Journal.WritesWaiting == 1);
        client.Watch(second);

        client.Send(second, new AddMany([1, 2, 3, 4, 5, 6]));

        Assert.Equal(second, (await client.ExpectMsgAsync<Terminated>()).ActorRef);
        Assert.Contains(harness.Kit.Log.Entries, e => e.EventId.Id == 8001 && e.Exception is JournalOverloadedException);
        Journal.ReleaseWrites();
        Assert.Equal(new Ack(1, 1), await client.ExpectMsgAsync<Ack>());
        await harness.Persistence.FlushAsync();
        Assert.Equal(0, harness.Persistence.Metrics.QueuedEvents);
    }

    [Fact]
    public async Task An_event_that_cannot_be_serialized_is_rejected_and_the_actor_goes_on()
    {
        await using var harness = await StartAsync();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());

        client.Send(counter, new AddUnregistered(9));
        client.Send(counter, new Add(1));

        Assert.Equal(new Continued(0), await client.ExpectMsgAsync<Continued>());
        // The rejected event used up no sequence number and its handler never ran.
        Assert.Equal(new Ack(1, 1), await client.ExpectMsgAsync<Ack>());
        Assert.Equal(1, harness.Persistence.Metrics.EventsRejected);
        Assert.Contains(harness.Kit.Log.Entries, e => e.EventId.Id == 8002 && e.Message.Contains(nameof(Unregistered)));
    }

    [Fact]
    public async Task Events_of_a_command_that_throws_are_never_written()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Send(counter, new Add(1));
        await client.ExpectMsgAsync<Ack>();

        client.Send(counter, new AddThenThrow(1000));
        client.Send(counter, new GetCounter());

        // The default supervision restarted the actor; it recovered without the discarded event.
        Assert.Equal(new CounterView(1, 1), await client.ExpectMsgAsync<CounterView>());
        Assert.Equal(1, await harness.Persistence.Journal.ReadHighestSequenceNrAsync(pid));
    }

    [Fact]
    public async Task An_event_whose_handler_throws_is_durable_and_the_restarted_actor_has_it()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var observer = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, observer);

        client.Send(counter, new AddWithFailingHandler(8));

        Assert.Equal(new Recovered(pid, 8, 1, 1, null), await observer.ExpectMsgAsync<Recovered>());
        client.Send(counter, new GetCounter());
        Assert.Equal(new CounterView(8, 1), await client.ExpectMsgAsync<CounterView>());
    }

    [Fact]
    public async Task Deleted_events_are_not_recovered_and_numbering_continues_after_them()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        for (var i = 1; i <= 5; i++) client.Send(counter, new Add(i));
        for (var i = 1; i <= 5; i++) await client.ExpectMsgAsync<Ack>();

        client.Send(counter, new DeleteEventsUpTo(3));
        Assert.Equal(new DeleteMessagesSuccess(3), await client.ExpectMsgAsync<DeleteMessagesSuccess>());
        client.Watch(counter);
        harness.System.Stop(counter);
        await client.ExpectMsgAsync<Terminated>();
        var (again, recovered) = await harness.StartCounterAsync(pid, harness.Probe());

        Assert.Equal(new Recovered(pid, 9, 5, 2, null), recovered); // events 4 and 5 only
        client.Send(again, new DeleteEventsUpTo(long.MaxValue));
        Assert.Equal(new DeleteMessagesSuccess(5), await client.ExpectMsgAsync<DeleteMessagesSuccess>());
        client.Send(again, new Add(1));
        Assert.Equal(new Ack(6, 10), await client.ExpectMsgAsync<Ack>());
    }

    [Fact]
    public async Task Deleting_beyond_the_last_durable_event_is_refused()
    {
        await using var harness = await StartAsync();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), harness.Probe());
        client.Send(counter, new Add(1));
        await client.ExpectMsgAsync<Ack>();

        client.Send(counter, new DeleteEventsUpTo(2));

        var failure = await client.ExpectMsgAsync<DeleteMessagesFailure>();
        Assert.Equal(2, failure.ToSequenceNr);
        Assert.Contains("#1", failure.Cause.Message);
    }

    [Fact]
    public async Task Deleted_snapshots_are_not_offered_on_recovery()
    {
        await using var harness = await StartAsync();
        var pid = PersistenceHarness.NewPersistenceId();
        var client = harness.Probe();
        var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
        client.Send(counter, new Add(4));
        await client.ExpectMsgAsync<Ack>();
        client.Send(counter, new TakeSnapshot());
        await client.ExpectMsgAsync<SaveSnapshotSuccess>();

        client.Send(counter, new DeleteSnapshotsUpTo(long.MaxValue));
        await client.ExpectMsgAsync<DeleteSnapshotsSuccess>();
        client.Watch(counter);
        harness.System.Stop(counter);
        await client.ExpectMsgAsync<Terminated>();

        var (_, recovered) = await harness.StartCounterAsync(pid, harness.Probe());
        Assert.Equal(new Recovered(pid, 4, 1, 1, null), recovered);
    }

    [Fact]
    public async Task No_more_actors_recover_at_once_than_the_cap_and_all_of_them_finish()
    {
        const int actors = 20;
        const int cap = 3;
        await using var harness = await StartAsync(PersistenceSettings.Default with { MaxConcurrentRecoveries = cap }, controllable: true);
        var observer = harness.Probe();
        Journal.HoldReads();

        for (var i = 0; i < actors; i++) harness.System.ActorOf(CounterActor.Props(PersistenceHarness.NewPersistenceId(), observer.Ref));
        var metrics = harness.Persistence.Metrics;
        await Awaiting.ConditionAsync(() => Journal.ReadsRunning == cap && metrics.RecoveriesWaiting == actors - cap,
            message: $"Expected {cap} recoveries reading and {actors - cap} waiting.");
        Journal.ReleaseReads();

        for (var i = 0; i < actors; i++) await observer.ExpectMsgAsync<Recovered>();
        Assert.Equal(cap, Journal.PeakReadsRunning);
        Assert.Equal(cap, metrics.PeakRecoveriesRunning);
        Assert.Equal(actors, metrics.RecoveriesCompleted);
        await Awaiting.ConditionAsync(() => metrics.RecoveriesRunning == 0 && metrics.RecoveriesWaiting == 0);
    }

    [Fact]
    public async Task An_actor_stopped_while_waiting_for_a_recovery_slot_gives_it_back()
    {
        await using var harness = await StartAsync(PersistenceSettings.Default with { MaxConcurrentRecoveries = 1 }, controllable: true);
        var observer = harness.Probe();
        var client = harness.Probe();
        Journal.HoldReads();
        harness.System.ActorOf(CounterActor.Props(PersistenceHarness.NewPersistenceId(), observer.Ref));
        var waiting = harness.System.ActorOf(CounterActor.Props(PersistenceHarness.NewPersistenceId(), observer.Ref));
        await Awaiting.ConditionAsync(() => harness.Persistence.Metrics.RecoveriesWaiting == 1);

        client.Watch(waiting);
        harness.System.Stop(waiting);
        await client.ExpectMsgAsync<Terminated>();
        Journal.ReleaseReads();
        await observer.ExpectMsgAsync<Recovered>();

        // The slot came back: another actor recovers.
        await harness.StartCounterAsync(PersistenceHarness.NewPersistenceId(), observer);
        await Awaiting.ConditionAsync(() => harness.Persistence.Metrics.RecoveriesRunning == 0 && harness.Persistence.Metrics.RecoveriesWaiting == 0);
    }

    [Fact]
    public async Task Writes_of_many_actors_share_transactions_and_each_actor_s_events_stay_in_order()
    {
        const int actors = 40;
        await using var harness = await StartAsync(PersistenceSettings.Default with { WriteBatchSize = 200 }, controllable: true);
        var client = harness.Probe();
        var counters = new List<(string Pid, IActorRef Actor)>();
        for (var i = 0; i < actors; i++)
        {
            var pid = PersistenceHarness.NewPersistenceId();
            counters.Add((pid, (await harness.StartCounterAsync(pid, harness.Probe())).Actor));
        }
        Journal.HoldWrites();

        // Each actor: one atomic write of 20 events, then 5 single events that pile up behind it
        // (an actor has one request in flight; what it persists meanwhile goes out together next).
        foreach (var (_, actor) in counters)
        {
            client.Send(actor, new AddManyAsync([.. Enumerable.Range(1, 20)]));
            for (var n = 21; n <= 25; n++) client.Send(actor, new AddAsync(n));
        }
        var metrics = harness.Persistence.Metrics;
        await Awaiting.ConditionAsync(() => metrics.QueuedEvents == actors * 20 && counters.All(c => MailboxOf(c.Actor).CountApproximately() == 0),
            message: "Every first write should be queued and every command handled.");
        Journal.ReleaseWrites();

        for (var i = 0; i < actors * 25; i++) await client.ExpectMsgAsync<Ack>();
        Assert.Equal(actors * 25, metrics.EventsWritten);
        // 30 or more first writes were still queued after the first (held) transaction: the next one takes ten of them.
        Assert.Equal(200, metrics.LargestBatch);
        // Without batching across actors there would be 80 transactions (two requests per actor).
        Assert.InRange(metrics.WriteBatches, 2, 4 + actors);
        foreach (var (pid, _) in counters)
        {
            var stored = new List<PersistentRepresentation>();
            await harness.Persistence.Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, stored.Add);
            var amounts = stored.Select(e => ((Added)harness.Persistence.Serializer.Deserialize(e.Manifest, e.Payload)).Amount);
            Assert.Equal(Enumerable.Range(1, 25), amounts);
            Assert.Equal(Enumerable.Range(1, 25).Select(n => (long)n), stored.Select(e => e.SequenceNr));
        }
    }

    [Fact]
    public async Task Writes_still_queued_when_the_actor_system_shuts_down_are_committed_before_it_terminates()
    {
        var options = StoreOptions.ForSqliteFile(folder.NewFile());
        var pid = PersistenceHarness.NewPersistenceId();
        await using (var harness = await PersistenceHarness.StartAsync(options, wrapJournal: inner => _journal = new ControllableJournal(inner)))
        {
            var client = harness.Probe();
            var (counter, _) = await harness.StartCounterAsync(pid, harness.Probe());
            Journal.HoldWrites();
            for (var i = 1; i <= 10; i++) client.Send(counter, new AddAsync(i));
            await Awaiting.ConditionAsync(() => Journal.WritesWaiting == 1 && MailboxOf(counter).CountApproximately() == 0);

            var terminated = harness.System.Terminate();
            Journal.ReleaseWrites();
            await terminated;

            Assert.Equal(0, harness.Persistence.Metrics.QueuedEvents);
            Assert.Equal(10, harness.Persistence.Metrics.EventsWritten);
        }

        await using var after = await PersistenceHarness.StartAsync(options);
        Assert.Equal(10, await after.Persistence.Journal.ReadHighestSequenceNrAsync(pid));
    }

    [Fact]
    public async Task Persisting_without_a_started_persistence_extension_stops_the_actor_with_a_clear_error()
    {
        await using var kit = new ActorSystemFixture();
        var client = kit.CreateTestProbe();
        var counter = kit.System.ActorOf(CounterActor.Props(PersistenceHarness.NewPersistenceId()));
        client.Watch(counter);

        await client.ExpectMsgAsync<Terminated>();
        Assert.Contains(kit.Log.Entries, e => e.Exception?.ToString().Contains("Persistence is not started") == true);
    }
}
