using Wiimmfi.Actors.Runtime;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime;

public sealed class SystemServicesTests : IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private sealed class Idle : UntypedActor
    {
        protected override void OnReceive(object message) { }
    }

    [Fact]
    public async Task Message_to_a_stopped_actor_becomes_a_published_and_counted_dead_letter()
    {
        var probe = _kit.CreateTestProbe();
        _kit.System.EventStream.Subscribe(probe, typeof(DeadLetter));
        var actor = _kit.System.ActorOf(Props.Create<Idle>(), "gone");
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(15)));
        var before = _kit.System.Metrics.DeadLetters;
        actor.Tell("hello", probe);
        var letter = await probe.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("hello", letter.Message);
        Assert.Equal(probe.Ref, letter.Sender);
        Assert.Equal(actor, letter.Recipient);
        Assert.Equal(before + 1, _kit.System.Metrics.DeadLetters);
    }

    [Fact]
    public async Task Unknown_path_resolves_to_a_reference_whose_messages_are_dead_letters()
    {
        var probe = _kit.CreateTestProbe();
        _kit.System.EventStream.Subscribe(probe, typeof(DeadLetter));
        var unknown = _kit.System.ResolveActorRef($"wiimmfi://{_kit.System.Name}/user/no/such/actor");
        Assert.Equal($"wiimmfi://{_kit.System.Name}/user/no/such/actor", unknown.Path.ToString());
        unknown.Tell(42);
        var letter = await probe.ExpectMsgAsync<DeadLetter>();
        Assert.Equal(42, letter.Message);
        Assert.Equal(unknown.Path, letter.Recipient.Path);
    }

    [Fact]
    public void Path_of_another_node_or_with_a_stale_uid_does_not_resolve_to_a_local_actor()
    {
        var actor = _kit.System.ActorOf(Props.Create<Idle>(), "here");
        Assert.Equal(actor, _kit.System.ResolveActorRef(actor.Path.ToSerializationFormat()));
        Assert.NotEqual(actor, _kit.System.ResolveActorRef(actor.Path.ToString() + "#1"));
        Assert.NotEqual(actor, _kit.System.ResolveActorRef($"wiimmfi://{_kit.System.Name}@10.0.0.9:2552/user/here"));
        Assert.Equal(_kit.System.DeadLetters, _kit.System.ResolveActorRef("not a path"));
    }

    [Fact]
    public async Task Dead_letter_logging_stops_after_the_limit()
    {
        await using var kit = new ActorSystemFixture(new ActorSystemSettings { DeadLetterLogLimit = 3 });
        for (var i = 0; i < 10; i++) kit.System.DeadLetters.Tell(i);
        Assert.Equal(10, kit.System.Metrics.DeadLetters);
        Assert.Equal(3, kit.Log.Entries.Count(e => e.EventId.Id == 1010));
        Assert.Single(kit.Log.Entries, e => e.EventId.Id == 1011);
    }

    [Fact]
    public void Address_and_paths_print_as_wiimmfi_uris_with_the_node_host_and_port()
    {
        Assert.Equal("wiimmfi://node", new Address("node").ToString());
        Assert.Equal("wiimmfi://node@10.1.2.3:2552", new Address("node", "10.1.2.3", 2552).ToString());
        var path = new RootActorPath(new Address("node", "h", 1)) / "user" / "a";
        Assert.Equal("wiimmfi://node@h:1/user/a", path.ToString());
        Assert.Equal("/user/a", path.ToStringWithoutAddress());
        Assert.True(ActorPath.TryParse("wiimmfi://node@h:1/user/a#77", out var address, out var elements, out var uid));
        Assert.Equal(new Address("node", "h", 1), address);
        Assert.Equal(["user", "a"], elements);
        Assert.Equal(77, uid);
    }

    [Fact]
    public async Task Actor_references_are_equal_by_path_and_incarnation()
    {
        var first = _kit.System.ActorOf(Props.Create<Idle>(), "same-name");
        Assert.True(await first.GracefulStop(TimeSpan.FromSeconds(15)));
        await _kit.AwaitConditionAsync(() => _kit.System.ResolveActorRef("/user/same-name").Path.Uid == 0);
        var second = _kit.System.ActorOf(Props.Create<Idle>(), "same-name");
        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);
        Assert.Equal(second, _kit.System.ResolveActorRef("/user/same-name"));
    }

    [Fact]
    public void Names_are_unique_among_siblings_and_validated()
    {
        _kit.System.ActorOf(Props.Create<Idle>(), "unique");
        Assert.Throws<InvalidActorNameException>(() => _kit.System.ActorOf(Props.Create<Idle>(), "unique"));
        Assert.Throws<InvalidActorNameException>(() => _kit.System.ActorOf(Props.Create<Idle>(), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => _kit.System.ActorOf(Props.Create<Idle>(), "has/slash"));
    }

    [Fact]
    public void Actor_created_outside_of_props_is_refused()
    {
        Assert.Throws<ActorInitializationException>(() => new Idle());
    }

    private sealed record Announcement(string Text);

    [Fact]
    public async Task Event_stream_delivers_by_type_to_actors_and_callbacks_until_unsubscribed()
    {
        var probe = _kit.CreateTestProbe();
        var seen = new List<object>();
        _kit.System.EventStream.Subscribe(probe, typeof(object));
        using (_kit.System.EventStream.Subscribe<Announcement>(a => seen.Add(a)))
        {
            _kit.System.EventStream.Publish(new Announcement("one"));
        }
        _kit.System.EventStream.Publish(new Announcement("two"));
        Assert.Equal([new Announcement("one")], seen);
        Assert.Equal(new Announcement("one"), await probe.ExpectMsgAsync<Announcement>());
        Assert.Equal(new Announcement("two"), await probe.ExpectMsgAsync<Announcement>());
        _kit.System.EventStream.Unsubscribe(probe);
        _kit.System.EventStream.Publish(new Announcement("three"));
        probe.Tell("marker");
        Assert.Equal("marker", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task Metrics_count_processed_messages_and_live_actors()
    {
        var baseline = _kit.System.Metrics.LiveActors;
        var actors = Enumerable.Range(0, 10).Select(_ => _kit.System.ActorOf(Props.Create<Idle>())).ToList();
        Assert.Equal(baseline + 10, _kit.System.Metrics.LiveActors);
        foreach (var a in actors) for (var i = 0; i < 100; i++) a.Tell(i);
        await _kit.AwaitConditionAsync(() => _kit.System.Metrics.MessagesProcessedTotal >= 1000 && _kit.System.Metrics.MailboxDepth == 0);
        foreach (var a in actors) await a.GracefulStop(TimeSpan.FromSeconds(15));
        Assert.Equal(baseline, _kit.System.Metrics.LiveActors);
    }

    [Fact]
    public async Task Metrics_are_published_through_the_Wiimmfi_Actors_meter()
    {
        var seen = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ActorSystemMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "system" && (string?)tag.Value == _kit.System.Name) seen[instrument.Name] = value;
        });
        listener.Start();
        _kit.System.DeadLetters.Tell("x");
        await _kit.System.ActorOf(Props.Create<Idle>()).GracefulStop(TimeSpan.FromSeconds(15));
        listener.RecordObservableInstruments();
        Assert.Equal(1, seen["wiimmfi.actors.dead_letters"]);
        Assert.True(seen["wiimmfi.actors.live"] >= 3); // root, user and system guardians at least
        Assert.Contains("wiimmfi.actors.messages_processed", seen.Keys);
        Assert.Contains("wiimmfi.actors.mailbox_depth", seen.Keys);
        Assert.Contains("wiimmfi.actors.restarts", seen.Keys);
    }
}
