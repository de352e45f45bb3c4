using System.Diagnostics;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Benchmarks;

/// <summary>
/// The quick mode: the runtime's headline figures in seconds (one warm-up run, then the best of a few
/// measured runs). Less rigorous than BenchmarkDotNet, but enough to see a regression.
/// </summary>
public static class QuickRun
{
    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"# Wiimmfi actor runtime, quick figures ({Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC})");
        await OneActorAsync(output);
        foreach (var pairs in new[] { 2 * Environment.ProcessorCount, 100, 1000 })
            await PingPongAsync(output, pairs, inFlight: 50, totalMessages: 20_000_000);
        // One message in flight per pair: every message wakes an idle actor (the worst case for the dispatcher).
        await PingPongAsync(output, 1000, inFlight: 1, totalMessages: 4_000_000);
        await AskAsync(output);
        await IdleMemoryAsync(output);
    }

    private static async Task<double> BestOf(int runs, Func<Task<double>> run)
    {
        await run(); // warm-up (JIT tiers, thread pool)
        var best = 0.0;
        for (var i = 0; i < runs; i++) best = Math.Max(best, await run());
        return best;
    }

    private static async Task OneActorAsync(TextWriter output)
    {
        const int messages = 5_000_000;
        await using var system = ActorSystem.Create("bench");
        var msg = new Msg(1);
        var rate = await BestOf(3, async () =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var actor = system.ActorOf(Props.Create(() => new CountingActor(messages, done)));
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++) actor.Tell(msg);
            await done.Task;
            sw.Stop();
            system.Stop(actor);
            return messages / sw.Elapsed.TotalSeconds;
        });
        output.WriteLine($"one actor, one sending thread, {messages:N0} Tells: {rate / 1e6:F2} M msg/s");
    }

    private static async Task PingPongAsync(TextWriter output, int pairs, int inFlight, long totalMessages)
    {
        await using var system = ActorSystem.Create("bench");
        var quota = totalMessages / 2 / pairs; // messages each ping side receives
        var rate = await BestOf(3, async () =>
        {
            var actors = new List<IActorRef>();
            var done = new List<Task>();
            var starts = new List<(IActorRef ping, PingPongActor.Start start)>();
            for (var p = 0; p < pairs; p++)
            {
                var ping = system.ActorOf(Props.Create<PingPongActor>());
                var pong = system.ActorOf(Props.Create<PingPongActor>());
                actors.Add(ping);
                actors.Add(pong);
                var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                done.Add(tcs.Task);
                starts.Add((ping, new PingPongActor.Start(pong, quota, inFlight, tcs)));
            }
            var sw = Stopwatch.StartNew();
            foreach (var (ping, start) in starts) ping.Tell(start);
            await Task.WhenAll(done);
            sw.Stop();
            foreach (var a in actors) system.Stop(a);
            return quota * 2 * pairs / sw.Elapsed.TotalSeconds;
        });
        output.WriteLine($"ping-pong, {pairs,4} pairs, {inFlight} in flight per pair: {rate / 1e6:F2} M msg/s");
    }

    private static async Task AskAsync(TextWriter output)
    {
        const int asks = 200_000;
        await using var system = ActorSystem.Create("bench");
        var echo = system.ActorOf(Props.Create<EchoActor>());
        var samples = new double[asks];
        for (var i = 0; i < 20_000; i++) await echo.Ask<Msg>(new Msg(i)); // warm-up
        var total = Stopwatch.StartNew();
        for (var i = 0; i < asks; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await echo.Ask<Msg>(new Msg(i));
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        total.Stop();
        Array.Sort(samples);
        output.WriteLine($"ask round trip, sequential, {asks:N0} asks: mean {total.Elapsed.TotalMicroseconds / asks:F1} µs, p50 {samples[asks / 2]:F1} µs, p99 {samples[asks * 99 / 100]:F1} µs");
    }

    private static async Task IdleMemoryAsync(TextWriter output)
    {
        const int count = 100_000;
        foreach (var (label, props) in new[] { ("UntypedActor, no fields", Props.Create<IdleActor>()), ("ReceiveActor, 2 handlers", Props.Create<IdleReceiveActor>()) })
        {
            await using var system = ActorSystem.Create("bench");
            var baseline = system.Metrics.LiveActors;
            var before = SettledHeap();
            var refs = new IActorRef[count];
            for (var i = 0; i < count; i++) refs[i] = system.ActorOf(props);
            // One message each proves every actor exists (its Create ran before the message) and is idle again.
            var processed = system.Metrics.MessagesProcessedTotal;
            var msg = new Msg(1);
            foreach (var r in refs) r.Tell(msg);
            while (system.Metrics.MessagesProcessedTotal < processed + count) await Task.Delay(20);
            var after = SettledHeap();
            output.WriteLine($"idle actor ({label}): {(after - before) / (double)count:F0} bytes each ({count:N0} actors, live {system.Metrics.LiveActors - baseline:N0})");
            GC.KeepAlive(refs);
        }

        {
            await using var system = ActorSystem.Create("bench");
            var region = ClusterSharding.Get(system).Start("entity", _ => Props.Create<IdleReceiveActor>(),
                ClusterShardingSettings.Default with { NumberOfShards = 100, PassivateIdleEntityAfter = null });
            // Warm the region and its shards so the figure is per entity, not per shard.
            for (var s = 0; s < 1000; s++) await region.Ask<StartEntityAck>(new StartEntity("warm-" + s));
            var stats0 = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance);
            var before = SettledHeap();
            for (var i = 0; i < count; i++) region.Tell(new StartEntity("entity-" + i), ActorRefs.NoSender);
            while (true)
            {
                var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance);
                if (stats.EntitiesPerShard.Values.Sum() >= count + stats0.EntitiesPerShard.Values.Sum() && system.Metrics.MailboxDepth == 0) break;
                await Task.Delay(50);
            }
            var after = SettledHeap();
            output.WriteLine($"idle sharded entity (ReceiveActor, 2 handlers, entity id 'entity-N'): {(after - before) / (double)count:F0} bytes each ({count:N0} entities over 100 shards)");
        }
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
}
