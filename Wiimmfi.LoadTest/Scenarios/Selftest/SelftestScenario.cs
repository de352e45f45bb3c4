using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Wiimmfi.ConsoleEmulator;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Scenarios.Selftest;

/// <summary>
/// <c>selftest</c>: needs no server. The tool starts a UDP and a TCP echo on the target address (loopback) and each
/// user, after connecting in its init, sends 64 bytes to each echo per iteration and checks the answer byte for
/// byte. It shows the engine, the report and the loopback rule working before any protocol scenario exists, and
/// gives a floor for what the generator itself costs.
/// </summary>
public sealed class SelftestScenario : ILoadScenario
{
    public const string ScenarioName = "selftest";
    public const string UdpStep = "udp-echo";
    public const string TcpStep = "tcp-echo";
    public const int PayloadSize = 64;

    /// <summary>Stale datagrams (answers to an earlier, timed-out request) skipped before a step gives up on its answer.</summary>
    private const int MaxStaleDatagrams = 16;

    public string Name => ScenarioName;

    public string Description => "UDP and TCP echo against servers the tool runs itself on the target address; needs no node.";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int> { [UdpStep] = 0, [TcpStep] = 0 };

    public ValueTask<PreparedScenario> PrepareAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var udp = new UdpEchoServer(target.Address, target.Ports.GetValueOrDefault(UdpStep));
        var tcp = new TcpEchoServer(target.Address, target.Ports.GetValueOrDefault(TcpStep));
        return ValueTask.FromResult(new PreparedScenario(Create(udp.Endpoint, tcp.Endpoint), new Resources(udp, tcp)));
    }

    /// <summary>The scenario against echo servers at these endpoints (both must be loopback).</summary>
    public static Scenario Create(IPEndPoint udpEcho, IPEndPoint tcpEcho)
    {
        LoopbackGuard.Require(udpEcho);
        LoopbackGuard.Require(tcpEcho);
        return Scenario.Create(ScenarioName,
                Step.Create(UdpStep, EchoUdpAsync),
                Step.Create(TcpStep, EchoTcpAsync))
            .WithInit(ctx => ConnectAsync(ctx, udpEcho, tcpEcho))
            .WithClean(CloseAsync);
    }

    private static async ValueTask<Response> ConnectAsync(UserContext ctx, IPEndPoint udpEcho, IPEndPoint tcpEcho)
    {
        var user = new User();
        ctx.State = user;
        user.Udp = new Socket(udpEcho.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (ctx.SourceAddress is { } udpSource) user.Udp.Bind(new IPEndPoint(udpSource, 0));
        await user.Udp.ConnectAsync(udpEcho, ctx.CancellationToken).ConfigureAwait(false);
        user.Tcp = new Socket(tcpEcho.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (ctx.SourceAddress is { } tcpSource) user.Tcp.Bind(new IPEndPoint(tcpSource, 0));
        await user.Tcp.ConnectAsync(tcpEcho, ctx.CancellationToken).ConfigureAwait(false);
        return Response.Ok();
    }

    private static async ValueTask<Response> EchoUdpAsync(UserContext ctx)
    {
        var user = ctx.GetState<User>();
        var sequence = user.NextRequest(ctx.Random);
        await user.Udp!.SendAsync(user.Request, SocketFlags.None, ctx.CancellationToken).ConfigureAwait(false);
        long received = 0;
        for (var i = 0; i <= MaxStaleDatagrams; i++)
        {
            var length = await user.Udp.ReceiveAsync(user.Reply, SocketFlags.None, ctx.CancellationToken).ConfigureAwait(false);
            received += length;
            if (length >= 8 && BinaryPrimitives.ReadInt64LittleEndian(user.Reply) != sequence) continue; // an old answer
            return length == PayloadSize && user.Reply.AsSpan().SequenceEqual(user.Request)
                ? Response.Ok(PayloadSize, received)
                : Response.Fail("wrong-echo", $"UDP echo of {length} bytes differs from the request", PayloadSize, received);
        }
        return Response.Fail("wrong-echo", "only stale UDP answers arrived", PayloadSize, received);
    }

    private static async ValueTask<Response> EchoTcpAsync(UserContext ctx)
    {
        var user = ctx.GetState<User>();
        user.NextRequest(ctx.Random);
        await user.Tcp!.SendAsync(user.Request, SocketFlags.None, ctx.CancellationToken).ConfigureAwait(false);
        var received = 0;
        while (received < PayloadSize)
        {
            var read = await user.Tcp.ReceiveAsync(user.Reply.AsMemory(received), SocketFlags.None, ctx.CancellationToken).ConfigureAwait(false);
            if (read == 0) return Response.Fail("closed-by-server", "the echo closed the connection", PayloadSize, received);
            received += read;
        }
        return user.Reply.AsSpan().SequenceEqual(user.Request)
            ? Response.Ok(PayloadSize, received)
            : Response.Fail("wrong-echo", "TCP echo differs from the request", PayloadSize, received);
    }

    private static ValueTask<Response> CloseAsync(UserContext ctx)
    {
        if (ctx.State is User user)
        {
            user.Dispose();
            ctx.State = null;
        }
        return ValueTask.FromResult(Response.Ok());
    }

    /// <summary>One user's sockets and buffers, reused for every iteration.</summary>
    private sealed class User : IDisposable
    {
        private long _sequence;

        public Socket? Udp { get; set; }

        public Socket? Tcp { get; set; }

        public byte[] Request { get; } = new byte[PayloadSize];

        public byte[] Reply { get; } = new byte[PayloadSize];

        /// <summary>Fills the request with a fresh sequence number and random bytes; returns the number.</summary>
        public long NextRequest(Random random)
        {
            var sequence = ++_sequence;
            BinaryPrimitives.WriteInt64LittleEndian(Request, sequence);
            random.NextBytes(Request.AsSpan(8));
            return sequence;
        }

        public void Dispose()
        {
            Udp?.Dispose();
            Tcp?.Dispose();
        }
    }

    private sealed class Resources(UdpEchoServer udp, TcpEchoServer tcp) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await udp.DisposeAsync().ConfigureAwait(false);
            await tcp.DisposeAsync().ConfigureAwait(false);
        }
    }
}
