using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Persistence.Sql;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Persistence;

/// <summary>
/// An actor system with persistence started over a real database (a migrated SQLite file or a
/// PostgreSQL database), its journal optionally wrapped (to hold or fail writes), and the wire types
/// of this test assembly registered. Dispose it to terminate the system and close the database.
/// </summary>
public sealed class PersistenceHarness : IAsyncDisposable
{
    /// <summary>The runtime's wire types plus this assembly's test events.</summary>
    public static WireTypeRegistry Registry { get; } = WireTypeRegistry.FromAssemblies(typeof(ActorSystem).Assembly, typeof(PersistenceHarness).Assembly);

    private PersistenceHarness(ActorSystemFixture kit, SqlPersistenceStore store, Wiimmfi.Actors.Runtime.Persistence.Persistence persistence)
    {
        Kit = kit;
        Store = store;
        Persistence = persistence;
    }

    public ActorSystemFixture Kit { get; }

    public ActorSystem System => Kit.System;

    public SqlPersistenceStore Store { get; }

    public Wiimmfi.Actors.Runtime.Persistence.Persistence Persistence { get; }

    public static async Task<PersistenceHarness> StartAsync(StoreOptions options, PersistenceSettings? settings = null,
        Func<IJournal, IJournal>? wrapJournal = null, IEnumerable<IEventUpcaster>? upcasters = null)
    {
        await SchemaMigrator.MigrateAsync(options);
        var store = SqlPersistenceStore.Open(options);
        var kit = new ActorSystemFixture();
        var journal = wrapJournal?.Invoke(store.Journal) ?? store.Journal;
        var persistence = Wiimmfi.Actors.Runtime.Persistence.Persistence.Start(kit.System, journal, store.SnapshotStore, settings, Registry, upcasters);
        return new PersistenceHarness(kit, store, persistence);
    }

    public TestProbe Probe() => Kit.CreateTestProbe();

    /// <summary>Starts a counter and waits until it has recovered.</summary>
    public async Task<(IActorRef Actor, Recovered Recovery)> StartCounterAsync(string persistenceId, TestProbe observer, string? name = null)
    {
        var actor = System.ActorOf(CounterActor.Props(persistenceId, observer.Ref), name);
        var recovered = await observer.ExpectMsgAsync<Recovered>();
        return (actor, recovered);
    }

    public async ValueTask DisposeAsync()
    {
        await Kit.DisposeAsync();
        await Store.DisposeAsync();
    }

    public static string NewPersistenceId(string prefix = "counter") => $"{prefix}-{Guid.NewGuid():N}";
}
