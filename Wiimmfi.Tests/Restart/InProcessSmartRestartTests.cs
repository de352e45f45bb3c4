using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Host.Node;
using Wiimmfi.Host.Restart;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Restart;

/// <summary>
/// A smart restart between two nodes in this process (the successor started by the predecessor's restart route,
/// as the real executable would be): the predecessor's sockets, connections and last datagrams move over.
/// The process-level test with the real executable is in <c>ProcessSmartRestartTests</c>.
/// </summary>
public sealed class InProcessSmartRestartTests
{
    private static Func<WiimmfiOptions, WiimmfiOptions> Named(string name) => o => o with { Node = new NodeOptions { Name = name } };

    [Fact]
    public async Task Connections_udp_and_listeners_move_to_the_successor_and_the_console_notices_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wiimmfi-restart-" + Guid.NewGuid().ToString("N"));
        var modules = () => (IReadOnlyList<NodeModule>)[new SecretsModule(), new EchoModule()];
        var old = await TestNode.StartAsync(Named("node-a"), modules(), folder: folder, keepFolder: true);
        TestNode? successor = null;
        var exited = new TaskCompletionSource<int>();
        old.Node.ExitProcess = code => exited.TrySetResult(code);
        old.Node.SuccessorFactory = path =>
        {
            var start = TestNode.StartAsync(Named("node-b"), modules(), folder: folder, takeoverFrom: path);
            start.ContinueWith(t => successor = t.IsCompletedSuccessfully ? t.Result : null);
            return new InProcessSuccessor(start, () => { });
        };
        try
        {
            var lines = old.Endpoint("lines");
            var echo = old.Endpoint("echo");
            using var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(lines);
            var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
            await tcp.GetStream().WriteAsync("first\n"u8.ToArray());
            Assert.Equal("first 1 node-a", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)));

            // A console heartbeating all through the restart: every datagram gets exactly one answer.
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var answers = new List<string>();
            using var stopSending = new CancellationTokenSource();
            var sent = 0;
            var sender = Task.Run(async () =>
            {
                while (!stopSending.IsCancellationRequested)
                {
                    await udp.SendAsync(Encoding.ASCII.GetBytes($"hb{sent++}"), echo);
                    await Task.Delay(2);
                }
            });
            var receiver = Task.Run(async () =>
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                try
                {
                    while (true)
                    {
                        var result = await udp.ReceiveAsync(timeout.Token);
                        lock (answers) answers.Add(Encoding.ASCII.GetString(result.Buffer));
                    }
                }
                catch (OperationCanceledException)
                {
                    // Checked below: the numbers that never came back are named.
                }
            });
            await Awaiting.ConditionAsync(() => { lock (answers) return answers.Count > 20; });

            var response = await old.Admin.PostAsync("admin/restart", null);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            using (var result = JsonDocument.Parse(body))
            {
                Assert.True(result.RootElement.GetProperty("succeeded").GetBoolean());
                Assert.Equal(1, result.RootElement.GetProperty("connections").GetInt32());
            }
            Assert.Equal(0, await exited.Task.WaitAsync(TimeSpan.FromSeconds(15)));
            await Awaiting.ConditionAsync(() => successor is not null);

            // The same TCP connection, now answered by the successor, with its line count carried over.
            await tcp.GetStream().WriteAsync("second\n"u8.ToArray());
            Assert.Equal("second 2 node-b", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)));
            // New connections reach the successor on the same port.
            using (var fresh = new TcpClient())
            {
                await fresh.ConnectAsync(lines);
                await fresh.GetStream().WriteAsync("hello\n"u8.ToArray());
                Assert.Equal("hello 1 node-b", await new StreamReader(fresh.GetStream()).ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)));
            }

            await Awaiting.ConditionAsync(() => { lock (answers) return answers.Any(a => a.EndsWith("node-b")); });
            stopSending.Cancel();
            await sender;
            // Every heartbeat gets its answer (or the wait ends and the check below names the missing ones).
            try { await Awaiting.ConditionAsync(() => { lock (answers) return answers.Count >= sent; }, TimeSpan.FromSeconds(15)); }
            catch (TestKitException) { }
            List<string> got;
            lock (answers) got = [.. answers];
            var numbers = got.Select(a => int.Parse(a.Split(' ')[0][2..])).OrderBy(n => n).ToList();
            var missing = Enumerable.Range(0, sent).Except(numbers).ToList();
            var doubled = numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(missing.Count == 0 && doubled.Count == 0,
                $"{sent} sent; missing {string.Join(",", missing)}; doubled {string.Join(",", doubled)}; around: {string.Join(" | ", got.Where(a => a.Contains("node-b")).Take(3))}");
            Assert.Equal(successor!.Endpoint("lines"), lines);
        }
        finally
        {
            if (successor is not null) await successor.DisposeAsync();
            await old.DisposeAsync();
        }
    }
}
