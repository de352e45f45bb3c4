using System.Diagnostics;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Persistence.Sql;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Benchmarks;

/// <summary>
/// The persistence figures (<c>--persistence</c>): journal write throughput with many entities
/// persisting at once, and recovery time of many entities, on SQLite and on a throwaway PostgreSQL
/// (durable settings: fsync and synchronous_commit on). Each figure is the best of a few runs after
/// a warm-up. Options: <c>--only none,sqlite,postgres</c> (which stores; "none" is a journal that
/// answers at once), <c>--pg-connection "…"</c> (use an
/// existing, empty database instead of starting one), <c>--sweep</c> (also try other batch sizes and
/// parallelism), <c>--recovery-only</c>, <c>--async-commit</c> (also run PostgreSQL with synchronous_commit = off).
/// </summary>
public static class PersistenceQuickRun
{
    private static readonly WireTypeRegistry Registry = WireTypeRegistry.FromAssemblies(typeof(ActorSystem).Assembly, typeof(BenchEntity).Assembly);

    public static async Task RunAsync(TextWriter output, string[] args)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        output.WriteLine($"# Wiimmfi persistence, quick figures ({Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start: {load})");
        var sweep = args.Contains("--sweep");
        RecoveryOnly = args.Contains("--recovery-only");
        var only = Value(args, "--only")?.Split(',') ?? ["none", "sqlite", "postgres"];
        if (only.Contains("none"))
        {
            output.WriteLine("## No database (a journal that answers at once: the cost of the actor side and the writer)");
            foreach (var (actors, events, async) in new[] { (1000, 50, false), (1000, 50, true) })
                await WriteThroughputAsync(output, null, PersistenceSettings.Default, actors, events, async);
            await IdleMemoryAsync(output);
        }
        if (only.Contains("sqlite"))
        {
            var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-bench-sqlite-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                await RunStoreAsync(output, "SQLite (WAL, synchronous=NORMAL)", StoreOptions.ForSqliteFile(Path.Combine(folder, "bench.db")), sweep, postgres: false);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
        }
        if (!only.Contains("postgres")) return;
        if (Value(args, "--pg-connection") is { } connection)
        {
            await RunStoreAsync(output, "PostgreSQL (given server)", StoreOptions.ForPostgres(connection), sweep, postgres: true);
            return;
        }
        await using (var server = await ThrowawayPostgres.StartAsync())
            await RunStoreAsync(output, "PostgreSQL (local, fsync on, synchronous_commit on)", StoreOptions.ForPostgres(server.ConnectionString), sweep, postgres: true);
        if (args.Contains("--async-commit"))
        {
            await using var server = await ThrowawayPostgres.StartAsync("synchronous_commit=off");
            await RunStoreAsync(output, "PostgreSQL (local, synchronous_commit off)", StoreOptions.ForPostgres(server.ConnectionString), sweep, postgres: true);
        }
    }

    private static bool RecoveryOnly { get; set; }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static async Task RunStoreAsync(TextWriter output, string label, StoreOptions options, bool sweep, bool postgres)
    {
        output.WriteLine($"## {label}");
        await SchemaMigrator.MigrateAsync(options);
        var defaults = PersistenceSettings.Default;
        if (!RecoveryOnly)
        {
            foreach (var (actors, events, async) in new[] { (1000, 50, false), (1000, 50, true), (100, 500, false), (10_000, 5, false) })
                await WriteThroughputAsync(output, options, defaults, actors, events, async);
        }
        if (sweep && postgres)
        {
            foreach (var batch in new[] { 100, 250, 1000 })
                foreach (var parallelism in new[] { 1, 2, 4, 8 })
                    await WriteThroughputAsync(output, options, defaults with { WriteBatchSize = batch, WriteParallelism = parallelism }, 1000, 50, false);
        }
        await RecoveryAsync(output, options, defaults, entities: 10_000, eventsEach: 20);
        if (sweep)
        {
            foreach (var cap in new[] { 10, 200 })
                await RecoveryAsync(output, options, defaults with { MaxConcurrentRecoveries = cap }, entities: 10_000, eventsEach: 20);
        }
        await RecoveryAsync(output, options, defaults, entities: 1_000, eventsEach: 100);
        await RecoveryAsync(output, options, defaults, entities: 1, eventsEach: 100_000);
    }

    private static async Task WriteThroughputAsync(TextWriter output, StoreOptions? options, PersistenceSettings settings, int actors, int eventsEach, bool async)
    {
        await using var store = options is null ? null : SqlPersistenceStore.Open(options);
        await using var system = ActorSystem.Create("bench");
        var persistence = store is null
            ? Persistence.Start(system, new NullJournal(), NullSnapshotStore.Instance, settings, Registry)
            : Persistence.Start(system, store.Journal, store.SnapshotStore, settings, Registry);
        var entities = await StartEntitiesAsync(system, Enumerable.Range(0, actors).Select(_ => "bench-" + Guid.NewGuid().ToString("N")).ToList());

        async Task<(double Rate, double AverageBatch)> Round(int events)
        {
            var written = persistence.Metrics.EventsWritten;
            var batches = persistence.Metrics.WriteBatches;
            var done = new List<Task>(actors);
            var watch = Stopwatch.StartNew();
            foreach (var entity in entities)
            {
                var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                done.Add(tcs.Task);
                entity.Tell(new PersistEvents(events, async, tcs));
            }
            await Task.WhenAll(done);
            watch.Stop();
            var batchCount = persistence.Metrics.WriteBatches - batches;
            return (actors * (double)events / watch.Elapsed.TotalSeconds, (persistence.Metrics.EventsWritten - written) / (double)Math.Max(1, batchCount));
        }

        await Round(Math.Max(1, eventsEach / 5)); // warm-up: JIT, connection pool, prepared statements
        var best = (Rate: 0.0, AverageBatch: 0.0);
        for (var run = 0; run < 3; run++)
        {
            var result = await Round(eventsEach);
            if (result.Rate > best.Rate) best = result;
        }
        var mode = async ? "PersistAsync" : "Persist";
        output.WriteLine($"write: {actors,6:N0} entities x {eventsEach,4} events ({mode,-12}), batch<= {settings.WriteBatchSize,4}, writers {persistence.Writer.Parallelism}: " +
                         $"{best.Rate,9:N0} events/s, average batch {best.AverageBatch,6:N1} events, largest {persistence.Metrics.LargestBatch}");
    }

    private static async Task RecoveryAsync(TextWriter output, StoreOptions options, PersistenceSettings settings, int entities, int eventsEach)
    {
        var ids = Enumerable.Range(0, entities).Select(_ => "recover-" + Guid.NewGuid().ToString("N")).ToList();
        await using (var store = SqlPersistenceStore.Open(options))
        {
            await using var system = ActorSystem.Create("bench-fill");
            var serializer = new EventSerializer(new MessageSerializer(Registry, system));
            var payload = serializer.Serialize(new Incremented(1, 1_000_000_000, "playing"));
            var writes = new List<AtomicWrite>();
            foreach (var id in ids)
            {
                for (var from = 1; from <= eventsEach; from += 1000)
                {
                    var count = Math.Min(1000, eventsEach - from + 1);
                    writes.Add(new AtomicWrite([.. Enumerable.Range(from, count).Select(n => new PersistentRepresentation(id, n, payload.Manifest, payload.Payload, "bench"))]));
                    if (writes.Sum(w => w.Events.Count) >= 5000)
                    {
                        await store.Journal.WriteAsync(writes);
                        writes.Clear();
                    }
                }
            }
            if (writes.Count > 0) await store.Journal.WriteAsync(writes);
        }

        var best = double.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            await using var store = SqlPersistenceStore.Open(options);
            await using var system = ActorSystem.Create("bench-recover");
            Persistence.Start(system, store.Journal, store.SnapshotStore, settings, Registry);
            var watch = Stopwatch.StartNew();
            var recovered = await StartEntitiesAsync(system, ids);
            watch.Stop();
            if (recovered.Count != entities) throw new InvalidOperationException("Not every entity recovered.");
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var events = (long)entities * eventsEach;
        output.WriteLine($"recover: {entities,6:N0} entities x {eventsEach,6:N0} events, {settings.MaxConcurrentRecoveries} at once: {best * 1000,8:N0} ms " +
                         $"({entities / best,8:N0} entities/s, {events / best,9:N0} events/s)");
    }

    /// <summary>What an idle, recovered persistent entity costs (no journal behind it, so nothing else is held).</summary>
    private static async Task IdleMemoryAsync(TextWriter output)
    {
        const int count = 100_000;
        await using var system = ActorSystem.Create("bench-memory");
        Persistence.Start(system, new NullJournal(), NullSnapshotStore.Instance, PersistenceSettings.Default with { MaxConcurrentRecoveries = 1000 }, Registry);
        await StartEntitiesAsync(system, ["warm-up"]);
        var before = SettledHeap();
        var ids = new string[count];
        for (var i = 0; i < count; i++) ids[i] = "entity-" + i;
        var idsSize = SettledHeap() - before;
        var refs = await StartEntitiesAsync(system, ids);
        var after = SettledHeap();
        output.WriteLine($"idle persistent entity (BenchEntity, recovered, nothing in flight): {(after - before - idsSize) / (double)count:F0} bytes each ({count:N0} actors, ids not counted)");
        GC.KeepAlive(refs);
        GC.KeepAlive(ids);
    }

    private static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Starts one entity per id and waits until every one has recovered.</summary>
    private static async Task<List<IActorRef>> StartEntitiesAsync(ActorSystem system, IReadOnlyList<string> ids)
    {
        var left = ids.Count;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refs = new List<IActorRef>(ids.Count);
        foreach (var id in ids)
            refs.Add(system.ActorOf(Props.Create(() => new BenchEntity(id, _ =>
            {
                if (Interlocked.Decrement(ref left) == 0) all.TrySetResult();
            }))));
        await all.Task;
        return refs;
    }
}
