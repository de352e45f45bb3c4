using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence.Sql;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common.GameList;
using Wiimmfi.Protocols.NatNeg;
using Wiimmfi.Protocols.Qr2;
using PersistenceExtension = Wiimmfi.Actors.Runtime.Persistence.Persistence;

namespace Wiimmfi.Benchmarks;

/// <summary>
/// What persisting the entities costs, in-process (no sockets): heartbeats per second into one matchmaking table
/// (byte-identical ones — the unpersisted fast path — and ones that change the record, one event each) and NATNEG
/// negotiations per second (4 INITs, 2 CONNECT_ACKs, 2 REPORTs each, up to 500 at once), with persistence over a
/// SQLite file, plus the journal's events per second during each. The same file builds against a tree without
/// persistent entities (the "before" figures): it only calls APIs both have.
/// </summary>
public static class EntityPersistenceQuickRun
{
    private const string Game = "mariokartwii";
    private const int Hosts = 1_000;

    public static async Task RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-entity-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var options = StoreOptions.ForSqliteFile(Path.Combine(folder, "bench.db"));
            await SchemaMigrator.MigrateAsync(options);
            await using var store = SqlPersistenceStore.Open(options);
            var system = ActorSystem.Create("entity-bench");
            var persistence = PersistenceExtension.Start(system, store.Journal, store.SnapshotStore);
            output.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
            output.WriteLine("| measurement | rate | journal events/s |");
            output.WriteLine("|---|---:|---:|");
            for (var round = 0; round < 2; round++) // the first round warms the JIT up; the second is reported
            {
                var report = round == 1;
                await HeartbeatsAsync(system, persistence, output, report, round);
                await NegotiationsAsync(system, persistence, output, report, round);
            }
            output.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
            await system.Terminate();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task HeartbeatsAsync(ActorSystem system, PersistenceExtension persistence, TextWriter output, bool report, int round)
    {
        var games = GameListProvider.Fixed(GameCatalogParser.Parse(
            "mariokartwii\t1687\t9r3Rmy\t-\t-\tyes\tMario Kart Wii\nmariokartds\t1238\tyeJ3x8\t-\t-\tyes\tMario Kart DS\n").Catalog, NullLogger.Instance);
        var settings = new MatchmakingSettings { VerifyChallengeResponses = false, ServerExpiry = TimeSpan.FromMinutes(30), ChallengeTimeout = TimeSpan.FromMinutes(30) };
        var sink = system.ActorOf(Props.Create(() => new Sink()), $"qr2-sink-{round}");
        // Its own game per round: a fresh table (and journal stream) each time.
        var game = round == 0 ? "mariokartds" : Game;
        var table = system.ActorOf(MatchmakingTable.Props(game, settings, games, new MatchmakingMetrics()), $"table-{round}");
        var addresses = Enumerable.Range(0, Hosts).Select(i => new HostAddress(0x0A000000u + (uint)i + (uint)round * 100_000u, (ushort)(20000 + i))).ToArray();
        var same = addresses.Select(a => Heartbeat(game, a, 0)).ToArray();
        foreach (var (address, i) in addresses.Select((a, i) => (a, i)))
        {
            table.Tell(new Qr2HeartbeatReceived(game, address, Heartbeat(game, address, 0, Qr2StateChange.Initial)), sink);
            table.Tell(new Qr2ChallengeAnswered(game, address, 1, "any"), sink);
            table.Tell(new Qr2HeartbeatReceived(game, address, same[i]), sink);
        }
        var view = await table.Ask<TableView>(new GetTableView(game), TimeSpan.FromSeconds(60));
        if (view.Listed != Hosts) throw new InvalidOperationException($"{view.Listed} hosts listed, {Hosts} expected");

        const int unchangedCount = 300_000;
        var (rate, events) = await MeasureAsync(persistence, async () =>
        {
            for (var i = 0; i < unchangedCount; i++)
                table.Tell(new Qr2HeartbeatReceived(game, addresses[i % Hosts], same[i % Hosts]), sink);
            await table.Ask<TableView>(new GetTableView(game), TimeSpan.FromSeconds(120));
        }, unchangedCount);
        if (report) output.WriteLine($"| heartbeats into one table, unchanged ({Hosts} hosts) | {rate:N0}/s | {events:N0} |");

        const int changedCount = 60_000;
        var changed = new byte[changedCount][];
        for (var i = 0; i < changedCount; i++) changed[i] = Heartbeat(game, addresses[i % Hosts], i + 1);
        (rate, events) = await MeasureAsync(persistence, async () =>
        {
            for (var i = 0; i < changedCount; i++)
                table.Tell(new Qr2HeartbeatReceived(game, addresses[i % Hosts], changed[i]), sink);
            await table.Ask<TableView>(new GetTableView(game), TimeSpan.FromSeconds(120));
        }, changedCount);
        if (report) output.WriteLine($"| heartbeats into one table, each a changed record ({Hosts} hosts) | {rate:N0}/s | {events:N0} |");
        await persistence.FlushAsync();
        system.Stop(table);
    }

    private static byte[] Heartbeat(string game, HostAddress address, int number, Qr2StateChange state = Qr2StateChange.Periodic)
    {
        var keys = new List<KeyValuePair<string, string>>
        {
            new("localip0", "192.168.1.30"), new("localport", address.Port.ToString(CultureInfo.InvariantCulture)), new("natneg", "1"),
        };
        if (state != Qr2StateChange.Periodic) keys.Add(new("statechanged", ((int)state).ToString(CultureInfo.InvariantCulture)));
        keys.AddRange([
            new("gamename", game), new("publicip", "0"), new("publicport", "0"),
            new("dwc_pid", (100_000 + address.Port).ToString(CultureInfo.InvariantCulture)), new("dwc_mtype", "0"), new("dwc_mver", "90"),
            new("dwc_hoststate", "2"), new("rk", "vs"), new("ev", "5000"), new("numplayers", "1"), new("maxplayers", "11"),
            new("seq", number.ToString(CultureInfo.InvariantCulture)),
        ]);
        return Qr2ClientPacketWriter.Heartbeat(new Qr2InstanceKey(1), keys, Qr2KeyTable.Empty, Qr2KeyTable.Empty);
    }

    private static async Task NegotiationsAsync(ActorSystem system, PersistenceExtension persistence, TextWriter output, bool report, int round)
    {
        const int negotiations = 20_000;
        const int window = 500;
        var metrics = new NatNegMetrics();
        var region = round == 0
            ? NatNegSessions.StartRegion(system, new NatNegSessionContext(new NatNegSessionSettings(), metrics, new NatNegCapacity(100_000), NullLogger.Instance))
            : Wiimmfi.Actors.Runtime.Sharding.ClusterSharding.Get(system).ShardRegion(NatNegSessions.TypeName);
        var sink = system.ActorOf(Props.Create(() => new Sink()), $"natneg-sink-{round}");
        var slots = new SemaphoreSlim(window);
        var finished = new TaskCompletionSource();
        var counted = 0;
        var counter = system.ActorOf(Props.Create(() => new OutcomeCounter(() =>
        {
            slots.Release();
            if (Interlocked.Increment(ref counted) == negotiations) finished.TrySetResult();
        })), $"natneg-outcomes-{round}");
        system.EventStream.Subscribe(counter, typeof(NatNegOutcome));
        var firstCookie = 1_000_000u + (uint)round * 1_000_000u;
        var (rate, events) = await MeasureAsync(persistence, async () =>
        {
            for (var n = 0; n < negotiations; n++)
            {
                await slots.WaitAsync();
                var id = NatNegSessions.EntityIdOf(firstCookie + (uint)n);
                for (byte client = 0; client < 2; client++)
                    foreach (var portType in new[] { NatNegPortType.GamePort, NatNegPortType.Nn1 })
                        region.Tell(new NatNegInitReceived(id, 3, portType, client, true, default, Game,
                            new NatNegEndpoint(new NatNegAddress(0x0A100000u + client, (ushort)(20000 + (int)portType)), sink)));
                for (byte client = 0; client < 2; client++)
                    region.Tell(new NatNegConnectAckReceived(id, 3, client, new NatNegAddress(0x0A100000u + client, 20001)));
                for (byte client = 0; client < 2; client++)
                    region.Tell(new NatNegReportReceived(id, 3, client, true, 0, 0, new NatNegAddress(0x0A100000u + client, 20001)));
            }
            await finished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }, negotiations);
        if (report) output.WriteLine($"| NATNEG negotiations (8 packets each, {window} at once) | {rate:N0}/s | {events:N0} |");
        system.Stop(counter); // unsubscribes it
    }

    private static async Task<(double Rate, double EventsPerSecond)> MeasureAsync(PersistenceExtension persistence, Func<Task> run, int count)
    {
        await persistence.FlushAsync();
        var eventsBefore = persistence.Metrics.EventsWritten;
        var clock = Stopwatch.StartNew();
        await run();
        var elapsed = clock.Elapsed.TotalSeconds;
        await persistence.FlushAsync();
        var eventsAfter = persistence.Metrics.EventsWritten;
        return (count / elapsed, (eventsAfter - eventsBefore) / elapsed);
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink() => ReceiveAny(_ => { });
    }

    private sealed class OutcomeCounter : ReceiveActor
    {
        public OutcomeCounter(Action onOutcome) => Receive<NatNegOutcome>(_ => onOutcome());
    }
}
