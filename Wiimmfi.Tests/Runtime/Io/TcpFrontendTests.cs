using System.Net;
using System.Net.Sockets;
using System.Text;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime.Io;

public sealed class TcpFrontendTests : IAsyncLifetime
{
    private readonly ActorSystemFixture _fixture = new();
    private readonly ManualResetEventSlim _gate = new(false);
    private TestProbe _probe = null!;
    private TcpFrontend _frontend = null!;
    private KestrelTcpServer _server = null!;

    public async Task InitializeAsync()
    {
        _probe = _fixture.CreateTestProbe();
        _frontend = new TcpFrontend(_fixture.System, new TcpFrontendSettings(
            "lines",
            () => new LineFrameDecoder(),
            connection => Props.Create(() => new ScriptedTcpHandler(connection, _probe, _gate)))
        {
            MaxFramesInFlight = 4,
        });
        _server = await KestrelTcpServer.StartAsync(_frontend.OnConnectedAsync);
    }

    public async Task DisposeAsync()
    {
        _gate.Set();
        await _server.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_server.EndPoint);
        await _probe.ExpectMsgAsync<Tcp.Connected>();
        return client;
    }

    private static Task SendAsync(TcpClient client, string text) => client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    private static async Task<string> ReadLineAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var bytes = new List<byte>();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var n = await stream.ReadAsync(one, timeout.Token);
            if (n == 0) throw new EndOfStreamException("connection closed before a full line");
            if (one[0] == '\n') return Encoding.ASCII.GetString(bytes.ToArray());
            bytes.Add(one[0]);
        }
    }

    private static async Task<int> ReadUntilClosedAsync(TcpClient client)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await client.GetStream().ReadAsync(buffer, timeout.Token);
    }

    [Fact]
    public async Task Handler_learns_both_endpoints_when_a_client_connects()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_server.EndPoint);
        var connected = await _probe.ExpectMsgAsync<Tcp.Connected>();
        Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, connected.Remote.Port);
        Assert.Equal(_server.EndPoint.Port, connected.Local.Port);
        Assert.Equal(1, _frontend.Metrics.OpenConnections);
    }

    [Fact]
    public async Task A_frame_split_over_several_writes_arrives_whole()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "hel");
        await Task.Delay(50);
        await SendAsync(client, "lo wor");
        await SendAsync(client, "ld\n");
        Assert.Equal("hello world", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
    }

    [Fact]
    public async Task Several_frames_in_one_write_arrive_in_order()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "a\nb\nc\n");
        Assert.Equal("a", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
        Assert.Equal("b", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
        Assert.Equal("c", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
    }

    [Fact]
    public async Task A_write_reaches_the_client_and_is_acknowledged_after_the_flush()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "echo pong\n");
        await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>();
        Assert.Equal("pong", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Acked>()).Text);
        Assert.Equal("pong", await ReadLineAsync(client));
    }

    [Fact]
    public async Task Client_closing_its_side_tells_the_handler_peer_closed()
    {
        var client = await ConnectAsync();
        client.Client.Shutdown(SocketShutdown.Send);
        await _probe.ExpectMsgAsync<Tcp.PeerClosed>();
        client.Dispose();
        await Awaiting.ConditionAsync(() => _frontend.Metrics.OpenConnections == 0);
    }

    [Fact]
    public async Task Graceful_close_sends_pending_bytes_before_the_end_of_stream()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "echo last words\nclose\n");
        Assert.Equal("last words", await ReadLineAsync(client));
        Assert.Equal(0, await ReadUntilClosedAsync(client));
        await _probe.FishForMessageAsync<object>(m => m is Tcp.Closed);
    }

    [Fact]
    public async Task Abort_resets_the_connection()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "abort\n");
        await _probe.FishForMessageAsync<object>(m => m is Tcp.Aborted);
        var error = await Record.ExceptionAsync(async () =>
        {
            // A reset shows as an exception or as end of stream, depending on timing; never as more data.
            var n = await ReadUntilClosedAsync(client);
            Assert.Equal(0, n);
        });
        Assert.True(error is null or IOException or SocketException, $"unexpected {error}");
    }

    [Fact]
    public async Task Oversized_frame_is_reported_as_malformed_input_and_reading_stops()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, new string('x', 200));
        var malformed = await _probe.ExpectMsgAsync<Tcp.MalformedInput>();
        Assert.Contains("longer than", malformed.Reason);
        Assert.Equal(1, _frontend.Metrics.MalformedInputs);
    }

    [Fact]
    public async Task A_handler_that_throws_keeps_its_connection_and_the_next_frame_is_handled()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "boom\necho still here\n");
        Assert.Equal("echo still here", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
        Assert.Equal("still here", await ReadLineAsync(client));
    }

    [Fact]
    public async Task One_connection_closing_does_not_disturb_another()
    {
        using var first = await ConnectAsync();
        using var second = await ConnectAsync();
        await SendAsync(first, "abort\n");
        await _probe.FishForMessageAsync<object>(m => m is Tcp.Aborted);
        await SendAsync(second, "echo alive\n");
        Assert.Equal("alive", await ReadLineAsync(second));
    }

    [Fact]
    public async Task A_slow_handler_is_given_no_more_frames_than_its_read_credits()
    {
        using var client = await ConnectAsync();
        // The first frame blocks the handler; the read loop may then hand over only MaxFramesInFlight (4) frames
        // in all, so the rest stays in the socket until the handler catches up.
        var lines = new StringBuilder("wait\n");
        for (var i = 0; i < 50; i++) lines.Append("n").Append(i).Append('\n');
        await SendAsync(client, lines.ToString());
        await Awaiting.ConditionAsync(() => _frontend.Metrics.FramesReceived >= 4);
        await Task.Delay(300);
        Assert.Equal(4, _frontend.Metrics.FramesReceived);
        _gate.Set();
        Assert.Equal("wait", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
        for (var i = 0; i < 50; i++)
            Assert.Equal($"n{i}", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
        Assert.Equal(51, _frontend.Metrics.FramesReceived);
    }

    [Fact]
    public async Task An_adopted_socket_is_served_like_an_accepted_one_and_its_carried_bytes_come_first()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        var serverSide = await listener.AcceptSocketAsync();
        // As at smart restart: the previous owner had read "echo hand" and one whole frame before it.
        _ = _frontend.AdoptAsync(serverSide, Encoding.ASCII.GetBytes("first\necho hand"));
        await _probe.ExpectMsgAsync<Tcp.Connected>();
        Assert.Equal("first", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
        await SendAsync(client, "over\n");
        Assert.Equal("echo handover", (await _probe.ExpectMsgAsync<ScriptedTcpHandler.Line>()).Text);
        Assert.Equal("handover", await ReadLineAsync(client));
    }
}
