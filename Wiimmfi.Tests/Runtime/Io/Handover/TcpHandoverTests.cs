using System.Net.Sockets;
using System.Text;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Runtime.Io.Handover;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime.Io.Handover;

/// <summary>
/// A connection moves from one front-end to another (two Kestrel servers standing in for the old and the new
/// process) while the client stays connected: no byte read twice or lost, no byte written twice or lost, and
/// the handler's state carries over.
/// </summary>
public sealed class TcpHandoverTests : IAsyncLifetime
{
    private readonly ActorSystemFixture _fixture = new();
    private TestProbe _oldProbe = null!;
    private TestProbe _newProbe = null!;
    private TcpFrontend _old = null!;
    private TcpFrontend _new = null!;
    private KestrelTcpServer _oldServer = null!;
    private KestrelTcpServer _newServer = null!;

    public async Task InitializeAsync()
    {
        _oldProbe = _fixture.CreateTestProbe();
        _newProbe = _fixture.CreateTestProbe();
        _old = new TcpFrontend(_fixture.System, ScriptedTcpHandler.HandoverSettings("old", _oldProbe));
        _new = new TcpFrontend(_fixture.System, ScriptedTcpHandler.HandoverSettings("new", _newProbe));
        _oldServer = await KestrelTcpServer.StartAsync(_old.OnConnectedAsync);
        _newServer = await KestrelTcpServer.StartAsync(_new.OnConnectedAsync);
    }

    public async Task DisposeAsync()
    {
        await _oldServer.DisposeAsync();
        await _newServer.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    private async Task<(IReadOnlyList<TcpHandoverPackage>, IReadOnlyList<TcpHandoverFailed>)> MoveAllAsync()
    {
        var (packages, failures) = await _old.CaptureAllForHandoverAsync(TimeSpan.FromSeconds(10));
        foreach (var package in packages)
        {
            var socket = new Socket(new SafeSocketHandle(package.Descriptor, ownsHandle: true));
            _ = _new.AdoptAsync(socket, package.UnreadBytes, TcpAdoption.For(socket, package.HandlerState, package.UnsentBytes));
        }
        return (packages, failures);
    }

    private static async Task<string> ReadLineAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var bytes = new List<byte>();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0) throw new EndOfStreamException();
            if (one[0] == '\n') return Encoding.ASCII.GetString(bytes.ToArray());
            bytes.Add(one[0]);
        }
    }

    [Fact]
    public async Task A_client_keeps_its_connection_and_its_half_sent_frame_across_a_hand_over()
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_oldServer.EndPoint);
        await _oldProbe.ExpectMsgAsync<Tcp.Connected>();
        await client.GetStream().WriteAsync("echo one\n"u8.ToArray());
        Assert.Equal(new ScriptedTcpHandler.Line("echo one", 1), await _oldProbe.ExpectMsgAsync<ScriptedTcpHandler.Line>());
        Assert.Equal("one", await ReadLineAsync(client));
        await _oldProbe.ExpectMsgAsync<ScriptedTcpHandler.Acked>();
        await client.GetStream().WriteAsync("echo tw"u8.ToArray());
        await Task.Delay(100); // let the old process read the half frame

        var (packages, failures) = await MoveAllAsync();
        Assert.Empty(failures);
        var package = Assert.Single(packages);
        Assert.Equal("echo tw", Encoding.ASCII.GetString(package.UnreadBytes));

        var connected = await _newProbe.ExpectMsgAsync<Tcp.Connected>();
        Assert.True(connected.Adopted);
        await client.GetStream().WriteAsync("o\n"u8.ToArray());
        Assert.Equal(new ScriptedTcpHandler.Line("echo two", 2), await _newProbe.ExpectMsgAsync<ScriptedTcpHandler.Line>());
        Assert.Equal("two", await ReadLineAsync(client));
        await _oldProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Many_connections_move_together_and_each_continues_on_its_own_socket()
    {
        var clients = new List<TcpClient>();
        for (var i = 0; i < 50; i++)
        {
            var c = new TcpClient { NoDelay = true };
            await c.ConnectAsync(_oldServer.EndPoint);
            clients.Add(c);
        }
        await Awaiting.ConditionAsync(() => _old.Metrics.OpenConnections == 50);
        var (packages, failures) = await MoveAllAsync();
        Assert.Empty(failures);
        Assert.Equal(50, packages.Count);
        await Awaiting.ConditionAsync(() => _new.Metrics.OpenConnections == 50);
        for (var i = 0; i < clients.Count; i++)
        {
            await clients[i].GetStream().WriteAsync(Encoding.ASCII.GetBytes($"echo c{i}\n"));
            Assert.Equal($"c{i}", await ReadLineAsync(clients[i]));
        }
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task Bytes_written_just_before_the_hand_over_arrive_exactly_once()
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_oldServer.EndPoint);
        await _oldProbe.ExpectMsgAsync<Tcp.Connected>();
        var lines = new StringBuilder();
        for (var i = 0; i < 200; i++) lines.Append("echo line").Append(i).Append('\n');
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(lines.ToString()));
        var move = MoveAllAsync();
        // Whatever the old side had answered before the move and whatever the new side answers after it, each
        // echo comes back once, in order.
        var (packages, _) = await move;
        Assert.Single(packages);
        var seen = 0;
        while (seen < 200)
        {
            var line = await ReadLineAsync(client);
            Assert.Equal($"line{seen}", line);
            seen++;
        }
    }
}
