using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// The persistence extension of one actor system (Akka's <c>Persistence.Instance.Apply(system)</c>):
/// the journal with its batching writer, the snapshot store, the serializer and the recovery cap that
/// every <see cref="PersistentActor"/> of the system uses. The host starts it once over the node's
/// store (<see cref="Start"/>); actors find it with <see cref="Get"/>.
///
/// <para>On shutdown it waits, in the <c>before-actor-system-terminate</c> phase, until every queued
/// write has committed (entities persist while the shard regions stop, one phase earlier), and stops
/// its writer once the system has terminated.</para>
/// </summary>
public sealed partial class Persistence
{
    private Persistence(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore, PersistenceSettings settings, EventSerializer serializer)
    {
        Journal = journal;
        SnapshotStore = snapshotStore;
        Settings = settings;
        Serializer = serializer;
        WriterId = settings.WriterId ?? Guid.NewGuid().ToString("N");
        Metrics = new PersistenceMetrics(system.Name);
        var logger = system.LoggerFactory.CreateLogger("Wiimmfi.Actors.Persistence");
        Logger = logger;
        Writer = new JournalWriter(journal, settings, Metrics, logger);
        Recoveries = new RecoveryPermitter(settings.MaxConcurrentRecoveries, Metrics);
        Time = system.Settings.TimeProvider;
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "persistence-flush-journal", FlushAsync);
        system.WhenTerminated.ContinueWith(_ =>
        {
            _ = Writer.StopAsync();
            Metrics.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        PersistenceLog.Started(logger, journal.GetType().Name, Writer.Parallelism, settings.WriteBatchSize, settings.MaxConcurrentRecoveries);
    }

    /// <summary>
    /// Starts persistence for <paramref name="system"/> (once). Events and snapshots are read and written
    /// by wire name through <paramref name="registry"/> (default: <see cref="WireTypeRegistry.Default"/>,
    /// every <c>[WireName]</c> type of Wiimmfi.Actors), old shapes through <paramref name="upcasters"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Persistence was already started for this system.</exception>
    public static Persistence Start(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore,
        PersistenceSettings? settings = null, WireTypeRegistry? registry = null, IEnumerable<IEventUpcaster>? upcasters = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        settings ??= PersistenceSettings.Default;
        settings.Validate();
        var serializer = new EventSerializer(new MessageSerializer(registry ?? WireTypeRegistry.Default, system), upcasters);
        Persistence? created = null;
        var extension = system.GetOrAddExtension(s => created = new Persistence(s, journal, snapshotStore, settings, serializer));
        if (!ReferenceEquals(extension, created))
            throw new InvalidOperationException($"Persistence is already started for actor system {system.Name}.");
        return extension;
    }

    /// <summary>The persistence extension of <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">It was not started (<see cref="Start"/>).</exception>
    public static Persistence Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension<Persistence>(static s => throw new InvalidOperationException(
            $"Persistence is not started for actor system {s.Name}: call Persistence.Start(system, journal, snapshotStore) " +
            "before creating persistent actors (the node does it in its PersistenceModule)."));
    }

    public IJournal Journal { get; }

    public ISnapshotStore SnapshotStore { get; }

    public PersistenceSettings Settings { get; }

    public EventSerializer Serializer { get; }

    public PersistenceMetrics Metrics { get; }

    /// <summary>What the <c>writer</c> column of this system's events holds.</summary>
    public string WriterId { get; }

    internal JournalWriter Writer { get; }

    internal RecoveryPermitter Recoveries { get; }

    internal TimeProvider Time { get; }

    /// <summary>For what happens off an actor's turn (snapshot and delete results); entries name the persistence id.</summary>
    internal ILogger Logger { get; }

    /// <summary>Completes when every write queued so far has committed or failed.</summary>
    public Task FlushAsync() => Writer.WhenIdleAsync();

    /// <summary>
    /// Closes this system's journal for good (smart restart, after the actors went quiet and before the switch):
    /// every write persisted until now is written (also the events an entity holds back behind its request in flight) —
    /// the returned task completes once they have committed or failed — and every later one is refused with <see cref="JournalFencedException"/>, which stops its actor as a persist
    /// failure does; snapshot saves and deletions are refused too. Why: entities of this node stay alive until it
    /// exits, and a timer firing in one of them would otherwise write an event whose sequence number the
    /// successor's recovered entity also uses (one of the two writes would then be refused at random, or the
    /// successor would replay an event it never decided).
    /// </summary>
    public async Task FenceAsync()
    {
        // Flush first: events an entity persisted write-behind may wait inside it behind its request in flight,
        // and must still go out. Then close, then wait for what was accepted in between.
        await Writer.WhenIdleAsync().ConfigureAwait(false);
        Writer.Fence();
        PersistenceLog.Fenced(Logger);
        await Writer.WhenIdleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the journal again after <see cref="FenceAsync"/> — only when the handover was called off and this node
    /// serves on. Entities the fence stopped recover on their next message; an entity whose stream the successor
    /// extended meanwhile is refused at its next write (sequence conflict) and recovers the successor's events.
    /// </summary>
    public void Unfence() => Writer.Fence(false);

    /// <summary>True between <see cref="FenceAsync"/> and <see cref="Unfence"/>.</summary>
    public bool IsFenced => Writer.IsFenced;
}
