using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Host.Node;
using Wiimmfi.LoadTest.Scenarios.Matchmaking;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Benchmarks;

/// <summary>
/// <c>--match-memory [hosts] [negotiations]</c>: memory a node holds per registered QR2 host and per open NATNEG
/// negotiation. A whole node runs in this process (every listener on 127.0.0.1, a throwaway data folder), so its managed
/// heap can be measured after a full, compacting collection:
/// <list type="bullet">
/// <item>hosts: a fleet of consoles (the load tool's <see cref="Qr2HostFleet"/>, one socket each on 100 loopback
/// addresses) registers with MASTER — first heartbeat, challenge answered, CLIENT_REGISTERED, first periodic heartbeat.
/// The baseline is taken with the fleet's sockets already open, and the heartbeats the fleet prebuilds while
/// registering are subtracted, so the delta is the node's: table record, keys, indexes, the front-end's route.</item>
/// <item>negotiations: lone consoles, one cookie each, send their four INITs (game port, NN1-NN3) and never find a
/// partner, so every negotiation stays open (the session timeout is raised to ten minutes for the run).</item>
/// </list>
/// Also reported: the process's RSS delta (an upper bound: it includes garbage not yet returned and the JIT's code).
/// </summary>
public static class MatchMemoryRun
{
    public static async Task RunAsync(TextWriter output, string[] args)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
        var hosts = numbers.Length > 0 ? numbers[0] : 10_000;
        var negotiations = numbers.Length > 1 ? numbers[1] : 10_000;
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-match-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        const string loopback = "127.0.0.1";
        var options = new WiimmfiOptions
        {
            Node = new NodeOptions { Name = "memory-node" },
            DataFolder = folder,
            Nas = new NasOptions { Bind = loopback, Port = 0 },
            Gpcm = new GpcmOptions { Bind = loopback, Port = 0 },
            Gpsp = new GpspOptions { Bind = loopback, Port = 0 },
            Master = new MasterOptions { Bind = loopback, Port = 0 },
            Ms = new ServerBrowserOptions { Bind = loopback, Port = 0 },
            NatNeg = new NatNegOptions { Bind = loopback, Port = 0, SessionTimeout = TimeSpan.FromMinutes(10), MaxOpenNegotiations = negotiations + 1_000 },
            Management = new ManagementOptions { Bind = loopback, Port = 0, Username = "admin", Password = "memory-run" },
        };
        var node = await WiimmfiNode.StartAsync(options, NullLoggerFactory.Instance);
        try
        {
            await output.WriteLineAsync($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
            await MeasureHostsAsync(output, node, hosts);
            await MeasureNegotiationsAsync(output, node, negotiations);
        }
        finally
        {
            await node.StopAsync("memory run finished");
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* SQLite may still hold the file for a moment; it is a temp folder */ }
        }
    }

    private static async Task MeasureHostsAsync(TextWriter output, WiimmfiNode node, int count)
    {
        var master = Loopback(node.Endpoints["master"]);
        var metrics = node.Context.Services.Get<MasterTables>().Metrics;
        IPAddress[] sources = [.. Enumerable.Range(1, 100).Select(i => IPAddress.Parse($"127.0.4.{i}"))];
        // A few consoles first, so the table entity, its indexes and the code paths exist before the baseline.
        await using (await Qr2HostFleet.RegisterAsync(master, 20, sources, 1_000, seed: 9, CancellationToken.None)) { }
        await WaitAsync(() => metrics[MatchmakingCounter.Qr2HostsShutDown] >= 20, "warm-up consoles to leave");

        var fleet = Qr2HostFleet.Open(master, count, sources, MsFleetProfileId, seed: 2);
        await using (fleet)
        {
            var (heapBefore, rssBefore) = Measure();
            var changedBefore = metrics[MatchmakingCounter.Qr2RecordsChanged];
            var watch = Stopwatch.StartNew();
            await fleet.RegisterAsync(CancellationToken.None);
            // Registered = answered; the record is complete once the first periodic heartbeat (public address) is in.
            await WaitAsync(() => metrics[MatchmakingCounter.Qr2RecordsChanged] >= changedBefore + count, "first periodic heartbeats");
            var registration = watch.Elapsed;
            // The table journals its changes write-behind: measure what a host costs once its events are written, not
            // the journal's queue.
            await Wiimmfi.Actors.Runtime.Persistence.Persistence.Get(node.Context.System).FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(5)); // a table snapshot being written holds the whole table's JSON
            var (heapAfter, rssAfter) = Measure();
            var fleetBytes = fleet.PrebuiltHeartbeatBytes;
            var perHost = (heapAfter - heapBefore - fleetBytes) / (double)count;
            await output.WriteLineAsync(
                $"QR2 hosts registered: {count:N0} in {registration.TotalSeconds:F1} s; node heap +{(heapAfter - heapBefore - fleetBytes) / 1024.0 / 1024:F1} MiB " +
                $"= {perHost:N0} B per host (fleet's prebuilt heartbeats, {fleetBytes / 1024.0 / 1024:F1} MiB, subtracted); " +
                $"process RSS +{(rssAfter - rssBefore) / 1024.0 / 1024:F1} MiB = {(rssAfter - rssBefore) / (double)count:N0} B per host (upper bound)");
        }
    }

    /// <summary>The pids the fleet reports (as the ms-list scenario's fleet).</summary>
    private const uint MsFleetProfileId = 500_000_000;

    private static async Task MeasureNegotiationsAsync(TextWriter output, WiimmfiNode node, int count)
    {
        var natneg = node.Context.Services.Get<NatNegServices>();
        var server = Loopback(node.Endpoints["natneg"]);
        // 50 console sockets on their own addresses carry all INITs; what they hear back is drained and dropped.
        var sockets = Enumerable.Range(1, 50).Select(i =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Parse($"127.0.5.{i}"), 0));
            return socket;
        }).ToArray();
        using var stop = new CancellationTokenSource();
        var drains = sockets.Select(s => Task.Run(async () =>
        {
            var buffer = new byte[1500];
            try { while (true) await s.ReceiveAsync(buffer, stop.Token); }
            catch (OperationCanceledException) { }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        })).ToArray();
        try
        {
            await OpenAsync(sockets, server, natneg, firstCookie: 1, count: 50); // warm-up: code paths, queue, region
            await WaitAsync(() => natneg.Capacity.Open >= 50, "warm-up negotiations to open");
            var openBefore = natneg.Capacity.Open;
            var (heapBefore, rssBefore) = Measure();
            await OpenAsync(sockets, server, natneg, firstCookie: 1_000, count);
            await WaitAsync(() => natneg.Capacity.Open >= openBefore + count, "negotiations to open");
            // Let the delayed INIT_ACKs leave (the reply queue empties within its delay).
            await Task.Delay(TimeSpan.FromSeconds(1));
            var (heapAfter, rssAfter) = Measure();
            await output.WriteLineAsync(
                $"NATNEG negotiations open: {natneg.Capacity.Open - openBefore:N0}; node heap +{(heapAfter - heapBefore) / 1024.0 / 1024:F1} MiB = " +
                $"{(heapAfter - heapBefore) / (double)count:N0} B per open negotiation; process RSS +{(rssAfter - rssBefore) / 1024.0 / 1024:F1} MiB = " +
                $"{(rssAfter - rssBefore) / (double)count:N0} B per negotiation (upper bound)");
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var socket in sockets) socket.Dispose();
            await Task.WhenAll(drains);
        }
    }

    /// <summary>Sends the four INITs of console 0 for cookies <paramref name="firstCookie"/>.., in bursts the
    /// node keeps up with (a full receive buffer would drop INITs and leave negotiations half-open).</summary>
    private static async Task OpenAsync(Socket[] sockets, IPEndPoint server, NatNegServices natneg, uint firstCookie, int count)
    {
        var openAtStart = natneg.Capacity.Open;
        NatNegPortType[] ports = [NatNegPortType.GamePort, NatNegPortType.Nn1, NatNegPortType.Nn2, NatNegPortType.Nn3];
        for (var i = 0; i < count; i++)
        {
            var socket = sockets[i % sockets.Length];
            var local = NatNegAddress.FromEndPoint((IPEndPoint)socket.LocalEndPoint!);
            foreach (var port in ports)
            {
                var init = NatNegInitPacket.CreateInit(NatNegWire.DwcVersion, firstCookie + (uint)i, port, 0, useGamePort: true,
                    port == NatNegPortType.GamePort ? NatNegAddress.None : local, MkwHostKeys.GameName);
                await socket.SendToAsync(init.ToArray(), SocketFlags.None, server);
            }
            if (i % 500 == 499)
            {
                var expected = openAtStart + i + 1;
                await WaitAsync(() => natneg.Capacity.Open >= expected, "a burst of negotiations to open");
            }
        }
    }

    private static (long Heap, long Rss) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return (GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"waited 30 s for {what}");
            await Task.Delay(20);
        }
    }

    private static IPEndPoint Loopback(IPEndPoint endpoint) =>
        endpoint.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, endpoint.Port) : endpoint;
}
