using System.Net;
using Wiimmfi.Actors.Frontends.ServerBrowser;
using Wiimmfi.Actors.Matchmaking;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Protocols.ServerBrowser;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Matchmaking;

/// <summary>One MS connection handler with probes for its socket and the tables: smart-restart hand-over.</summary>
public sealed class ServerBrowserConnectionTests : IAsyncLifetime
{
    private static readonly IPEndPoint Console = new(IPAddress.Loopback, 50000);
    private static readonly IPEndPoint Local = new(IPAddress.Loopback, 28910);
    private readonly ActorSystemFixture _kit = new();
    private readonly MatchmakingMetrics _metrics = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private IActorRef Handler(TestProbe connection, TestProbe tables, ServerBrowserHandoverState? restored = null, string name = "handler")
    {
        var handler = _kit.System.ActorOf(ServerBrowserConnection.Props(connection, tables, MkwHosts.Games(), new ServerBrowserSettings(),
            _metrics, restored), name);
        handler.Tell(new Tcp.Connected(Console, Local, connection, name, Adopted: restored is not null), connection);
        return handler;
    }

    [Fact]
    public async Task At_smart_restart_the_connection_hands_over_its_game_and_cipher_and_the_successor_continues_the_stream()
    {
        var connection = _kit.CreateTestProbe("connection");
        var tables = _kit.CreateTestProbe("tables");
        var handler = Handler(connection, tables);
        handler.Tell(new Tcp.Received(SbRequestWriter.ServerList(MkwHosts.Game, MkwHosts.Game, "ABCDEFGH"u8, "", [],
            SbListOptions.NoServerList)), connection);
        var first = await connection.ExpectMsgAsync<Tcp.Write>();
        // The console decrypts the first reply (header and all) and keeps its decryptor for the rest of the stream.
        var console = new EncTypeXDecryptor(MkwHosts.SecretKey, "ABCDEFGH"u8);
        var firstPlain = new byte[first.Data.Length];
        var plain = firstPlain.AsSpan(0, console.Decrypt(first.Data.Span, firstPlain)).ToArray();

        var probe = _kit.CreateTestProbe();
        probe.Send(handler, Tcp.CaptureHandoverState.Instance);
        var state = Assert.IsType<ServerBrowserHandoverState>((await probe.ExpectMsgAsync<Tcp.HandoverState>()).State);
        Assert.Equal((MkwHosts.Game, 0x7F000001u, true), (state.Game, state.RemoteIp, state.CipherStarted));
        Assert.Equal(EncTypeXCipher.StateLength, state.CipherState!.Length);

        var successorConnection = _kit.CreateTestProbe("successor-connection");
        var successor = Handler(successorConnection, tables, state, "successor");
        var cookie = Qr2NatNegCookieMessage.Create(5);
        successor.Tell(new Tcp.Received(SbRequestWriter.SendMessage(0x0A000001, 1234, cookie)), successorConnection);
        var relay = await tables.ExpectMsgAsync<RelayClientMessage>();
        Assert.Equal((MkwHosts.Game, new HostAddress(0x0A000001, 1234), 0x7F000001u), (relay.GameName, relay.Target, relay.SenderIp));
        Assert.Equal(cookie, relay.Data);

        // The cipher travelled: the next list reply continues the console's stream and decrypts cleanly.
        successor.Tell(new Tcp.Received(SbRequestWriter.ServerList(MkwHosts.Game, MkwHosts.Game, "ABCDEFGH"u8, "", [],
            SbListOptions.NoServerList)), successorConnection);
        var next = await successorConnection.ExpectMsgAsync<Tcp.Write>();
        var continued = new byte[next.Data.Length];
        Assert.Equal(next.Data.Length, console.Decrypt(next.Data.Span, continued));
        Assert.Equal(plain, continued);
    }

    [Fact]
    public async Task A_state_from_a_node_that_could_not_carry_the_cipher_closes_when_the_cipher_is_needed()
    {
        var connection = _kit.CreateTestProbe("connection");
        var tables = _kit.CreateTestProbe("tables");
        var successor = Handler(connection, tables, new ServerBrowserHandoverState(MkwHosts.Game, 0x7F000001, CipherStarted: true), "old-state");
        successor.Tell(new Tcp.Received(SbRequestWriter.ServerList(MkwHosts.Game, MkwHosts.Game, "ABCDEFGH"u8, "", [],
            SbListOptions.None)), connection);
        await connection.ExpectMsgAsync<Tcp.Close>();
    }

    [Fact]
    public async Task A_connection_handed_over_before_any_request_starts_fresh()
    {
        var connection = _kit.CreateTestProbe("connection");
        var tables = _kit.CreateTestProbe("tables");
        var handler = Handler(connection, tables);
        var probe = _kit.CreateTestProbe();
        probe.Send(handler, Tcp.CaptureHandoverState.Instance);
        var state = Assert.IsType<ServerBrowserHandoverState>((await probe.ExpectMsgAsync<Tcp.HandoverState>()).State);
        Assert.Equal(new ServerBrowserHandoverState(null, 0x7F000001, CipherStarted: false), state);

        var successor = Handler(connection, tables, state, "successor");
        successor.Tell(new Tcp.Received(SbRequestWriter.ServerList(MkwHosts.Game, MkwHosts.Game, "ABCDEFGH"u8, "", [],
            SbListOptions.NoServerList)), connection);
        var reply = await connection.ExpectMsgAsync<Tcp.Write>();
        var decryptor = new EncTypeXDecryptor(MkwHosts.SecretKey, "ABCDEFGH"u8);
        var plain = new byte[reply.Data.Length];
        int count = decryptor.Decrypt(reply.Data.Span, plain);
        Assert.Equal(SbReplyReadStatus.Complete, SbListReplyReader.TryRead(plain.AsSpan(0, count), expectList: false, out var list, out _));
        Assert.Equal(0x7F000001u, list!.ClientIp);
    }
}
