using System.Text;
using System.Text.Json.Nodes;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Persistence;

/// <summary>
/// The current shape of an event that an older build stored before <see cref="Rating"/> and
/// <see cref="Region"/> existed (rule 1: members are only ever added as optional).
/// </summary>
[WireName("test.room.player-joined")]
public sealed record PlayerJoined(string Name, string GameId, int Rating = 5000, string? Region = null);

/// <summary>
/// Version 2 of a status event, under a new wire name. Version 1 (<c>test.session.status-changed</c>,
/// <c>{"status":"online"}</c>) names no type any more; <see cref="StatusChangedV1Upcaster"/> reads it.
/// </summary>
[WireName("test.session.status-changed.v2")]
public sealed record StatusChanged(int StatusCode, string Text = "");

/// <summary>Reads version 1 of the status event as version 2 (rule 3).</summary>
public sealed class StatusChangedV1Upcaster : IEventUpcaster
{
    public string Manifest => GoldenEvents.StatusChangedV1Manifest;

    public StoredJson Upcast(StoredJson stored)
    {
        var json = stored.Payload.AsObject();
        var status = json["status"]!.GetValue<string>();
        return new StoredJson("test.session.status-changed.v2", new JsonObject { ["statusCode"] = status == "online" ? 1 : 0, ["text"] = status });
    }
}

/// <summary>
/// Stored JSON exactly as builds wrote it. Never edit these: they stand for rows that exist in
/// real databases, which every later build must still read.
/// </summary>
public static class GoldenEvents
{
    public const string PlayerJoinedManifest = "test.room.player-joined";

    /// <summary>PlayerJoined as the first build stored it (name and game id only).</summary>
    public const string PlayerJoinedV1Json = """{"name":"Luigi","gameId":"RMCJ"}""";

    /// <summary>PlayerJoined as the current build writes it: the JSON format itself (camelCase, nulls written) is frozen too.</summary>
    public const string PlayerJoinedCurrentJson = """{"name":"Luigi","gameId":"RMCJ","rating":5000,"region":null}""";

    /// <summary>PlayerJoined as a newer build might write it, with a member this build does not know.</summary>
    public const string PlayerJoinedFromTheFutureJson = """{"name":"Peach","gameId":"RMCP","rating":7100,"region":"EU","clan":"Mushroom"}""";

    public const string StatusChangedV1Manifest = "test.session.status-changed";

    public const string StatusChangedV1Json = """{"status":"online"}""";
}

public sealed record RosterState(IReadOnlyList<string> Players, int LastStatus);

/// <summary>A persistent actor that recovers the golden events and reports what it made of them.</summary>
public sealed class RosterActor : PersistentActor
{
    private readonly string _persistenceId;
    private readonly List<string> _players = [];
    private int _status;

    public RosterActor(string persistenceId, IActorRef observer)
    {
        _persistenceId = persistenceId;
        Recover<PlayerJoined>(e => _players.Add($"{e.Name}/{e.GameId}/{e.Rating}/{e.Region ?? "-"}"));
        Recover<StatusChanged>(e => _status = e.StatusCode);
        Recover<RecoveryCompleted>(_ => observer.Tell(new RosterState([.. _players], _status)));
    }

    public override string PersistenceId => _persistenceId;
}

public sealed class EventEvolutionTests(Storage.SqliteFolderFixture folder) : IClassFixture<Storage.SqliteFolderFixture>, IDisposable
{
    private readonly ActorSystemFixture _kit = new();

    public void Dispose() => _kit.Dispose();

    private EventSerializer Serializer(params IEventUpcaster[] upcasters) =>
        new(new MessageSerializer(PersistenceHarness.Registry, _kit.System), upcasters);

    [Fact]
    public void An_event_stored_by_an_older_build_is_read_by_the_newer_record_shape_with_defaults()
    {
        var read = Serializer().Deserialize(GoldenEvents.PlayerJoinedManifest, Encoding.UTF8.GetBytes(GoldenEvents.PlayerJoinedV1Json));

        Assert.Equal(new PlayerJoined("Luigi", "RMCJ", 5000, null), read);
    }

    [Fact]
    public void An_event_from_a_newer_build_is_read_without_the_members_this_build_does_not_know()
    {
        var read = Serializer().Deserialize(GoldenEvents.PlayerJoinedManifest, Encoding.UTF8.GetBytes(GoldenEvents.PlayerJoinedFromTheFutureJson));

        Assert.Equal(new PlayerJoined("Peach", "RMCP", 7100, "EU"), read);
    }

    [Fact]
    public void Events_are_stored_under_their_wire_name_as_frozen_camel_case_json()
    {
        var stored = Serializer().Serialize(new PlayerJoined("Luigi", "RMCJ"));

        Assert.Equal(GoldenEvents.PlayerJoinedManifest, stored.Manifest);
        Assert.Equal(GoldenEvents.PlayerJoinedCurrentJson, Encoding.UTF8.GetString(stored.Payload));
    }

    [Fact]
    public void An_upcaster_reads_an_old_shape_whose_wire_name_no_type_carries_any_more()
    {
        var bytes = Encoding.UTF8.GetBytes(GoldenEvents.StatusChangedV1Json);

        Assert.Throws<MessageSerializationException>(() => Serializer().Deserialize(GoldenEvents.StatusChangedV1Manifest, bytes));
        Assert.Equal(new StatusChanged(1, "online"), Serializer(new StatusChangedV1Upcaster()).Deserialize(GoldenEvents.StatusChangedV1Manifest, bytes));
    }

    [Fact]
    public void Two_upcasters_for_one_wire_name_are_refused_at_start()
    {
        Assert.Throws<InvalidOperationException>(() => Serializer(new StatusChangedV1Upcaster(), new StatusChangedV1Upcaster()));
    }

    [Fact]
    public void An_event_type_without_a_wire_name_cannot_be_stored()
    {
        var error = Assert.Throws<MessageSerializationException>(() => Serializer().Serialize(new Unregistered(1)));
        Assert.Contains(nameof(Unregistered), error.Message);
    }

    [Fact]
    public async Task An_actor_recovers_rows_stored_by_older_builds_through_defaults_and_upcasters()
    {
        await using var harness = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(folder.NewFile()), upcasters: [new StatusChangedV1Upcaster()]);
        var pid = PersistenceHarness.NewPersistenceId("roster");
        await WriteRawAsync(harness, pid,
            (GoldenEvents.PlayerJoinedManifest, GoldenEvents.PlayerJoinedV1Json),
            (GoldenEvents.StatusChangedV1Manifest, GoldenEvents.StatusChangedV1Json),
            (GoldenEvents.PlayerJoinedManifest, GoldenEvents.PlayerJoinedFromTheFutureJson));
        var observer = harness.Probe();

        harness.System.ActorOf(Props.Create(() => new RosterActor(pid, observer.Ref)));

        var state = await observer.ExpectMsgAsync<RosterState>();
        Assert.Equal(["Luigi/RMCJ/5000/-", "Peach/RMCP/7100/EU"], state.Players);
        Assert.Equal(1, state.LastStatus);
    }

    [Fact]
    public async Task A_row_no_type_or_upcaster_reads_fails_recovery_and_stops_the_actor_naming_the_row()
    {
        await using var harness = await PersistenceHarness.StartAsync(StoreOptions.ForSqliteFile(folder.NewFile()));
        var pid = PersistenceHarness.NewPersistenceId("roster");
        await WriteRawAsync(harness, pid,
            (GoldenEvents.PlayerJoinedManifest, GoldenEvents.PlayerJoinedV1Json),
            ("test.session.no-such-event", "{}"));
        var observer = harness.Probe();

        var roster = harness.System.ActorOf(Props.Create(() => new RosterActor(pid, observer.Ref)));
        observer.Watch(roster);

        Assert.Equal(roster, (await observer.ExpectMsgAsync<Terminated>()).ActorRef);
        var logged = Assert.Single(harness.Kit.Log.Entries, e => e.EventId.Id == 8003);
        var error = Assert.IsType<RecoveryReadException>(logged.Exception);
        Assert.Contains("#2", error.Message);
        Assert.Contains("test.session.no-such-event", error.Message);
        Assert.Equal(1, harness.Persistence.Metrics.RecoveriesFailed);
    }

    private static async Task WriteRawAsync(PersistenceHarness harness, string pid, params (string Manifest, string Json)[] rows)
    {
        var writes = rows.Select((row, i) => new AtomicWrite(new PersistentRepresentation(pid, i + 1, row.Manifest, Encoding.UTF8.GetBytes(row.Json), "old-build"))).ToList();
        Assert.All(await harness.Persistence.Journal.WriteAsync(writes), Assert.Null);
    }
}
