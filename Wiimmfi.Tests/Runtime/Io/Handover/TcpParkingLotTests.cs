using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Runtime.Io.Handover;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime.Io.Handover;

/// <summary>
/// Lazy adoption (smart restart, successor side): connections taken from one front-end are parked in a
/// <see cref="TcpParkingLot{T}"/> instead of being built, and are built by the other front-end when their client sends,
/// or in the background once the rest is woken — with their handler state and every byte intact.
/// </summary>
public sealed class TcpParkingLotTests : IAsyncLifetime
{
    private readonly ActorSystemFixture _fixture = new();
    private TestProbe _oldProbe = null!;
    private TestProbe _newProbe = null!;
    private TcpFrontend _old = null!;
    private TcpFrontend _new = null!;
    private KestrelTcpServer _oldServer = null!;

    public async Task InitializeAsync()
    {
        _oldProbe = _fixture.CreateTestProbe();
        _newProbe = _fixture.CreateTestProbe();
        _old = new TcpFrontend(_fixture.System, ScriptedTcpHandler.HandoverSettings("old", _oldProbe));
        _new = new TcpFrontend(_fixture.System, ScriptedTcpHandler.HandoverSettings("new", _newProbe));
        _oldServer = await KestrelTcpServer.StartAsync(_old.OnConnectedAsync);
    }

    public async Task DisposeAsync()
    {
        await _oldServer.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    /// <summary>Connects <paramref name="count"/> clients to the old front-end, each sending one line first.</summary>
    private async Task<List<TcpClient>> ConnectAsync(int count)
    {
        var clients = new List<TcpClient>();
        for (var i = 0; i < count; i++)
        {
            var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(_oldServer.EndPoint);
            _oldProbe.ExpectMsg<Tcp.Connected>(TimeSpan.FromSeconds(15));
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"hello {i}\n"));
            _oldProbe.ExpectMsg<ScriptedTcpHandler.Line>(TimeSpan.FromSeconds(15));
            clients.Add(client);
        }
        return clients;
    }

    /// <summary>Takes every connection from the old front-end and parks it; waking adopts it into the new one.</summary>
    private async Task<(TcpParkingLot<TcpHandoverPackage> Lot, List<TcpHandoverPackage> Woken)> ParkAllAsync(int expected)
    {
        var woken = new List<TcpHandoverPackage>();
        var lot = new TcpParkingLot<TcpHandoverPackage>((fd, package) =>
        {
            var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
            lock (woken) woken.Add(package);
            _ = _new.AdoptAsync(socket, package.UnreadBytes, TcpAdoption.For(socket, package.HandlerState, package.UnsentBytes));
        }, NullLogger.Instance);
        var (packages, failures) = await _old.CaptureAllForHandoverAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(failures);
        Assert.Equal(expected, packages.Count);
        foreach (var package in packages) lot.Park(package.Descriptor, package);
        return (lot, woken);
    }

    [Fact]
    public async Task A_parked_connection_whose_client_sends_first_is_built_and_carries_on_where_it_stopped()
    {
        if (!SocketDescriptors.IsSupported) return;
        var clients = await ConnectAsync(2);
        var (lot, woken) = await ParkAllAsync(2);
        using (lot)
        {
            Assert.Equal(2, lot.Parked);
            await clients[1].GetStream().WriteAsync("echo second\n"u8.ToArray());

            // Only the client that sent something is built; its line count came along with its state.
            var line = _newProbe.FishForMessage<ScriptedTcpHandler.Line>(_ => true, TimeSpan.FromSeconds(15));
            Assert.Equal(new ScriptedTcpHandler.Line("echo second", 2), line);
            Assert.Equal("second", await ReadLineAsync(clients[1]));
            Assert.Equal(1, lot.Parked);
            Assert.Equal(1, lot.WokenByInput);
            lock (woken) Assert.Single(woken);
        }
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task Parked_connections_are_all_built_in_the_background_and_can_be_written_to_before_their_client_sends()
    {
        if (!SocketDescriptors.IsSupported) return;
        var clients = await ConnectAsync(3);
        var (lot, woken) = await ParkAllAsync(3);
        using (lot)
        {
            lot.WakeTheRest();
            await lot.Emptied.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, lot.Parked);
            Assert.Equal(3, lot.WokenInBackground);

            // A push from the server side (a friend's status, say) reaches a client that has sent nothing since.
            var connected = new List<Tcp.Connected>();
            for (var i = 0; i < 3; i++) connected.Add(_newProbe.FishForMessage<Tcp.Connected>(_ => true, TimeSpan.FromSeconds(15)));
            Assert.All(connected, c => Assert.True(c.Adopted));
            var target = connected.Single(c => c.Remote.Port == ((System.Net.IPEndPoint)clients[2].Client.LocalEndPoint!).Port);
            target.Connection.Tell(new Tcp.Write("pushed\n"u8.ToArray()), ActorRefs.NoSender);
            Assert.Equal("pushed", await ReadLineAsync(clients[2]));

            // And each client carries on afterwards with its own count.
            await clients[0].GetStream().WriteAsync("after\n"u8.ToArray());
            Assert.Equal(new ScriptedTcpHandler.Line("after", 2), _newProbe.FishForMessage<ScriptedTcpHandler.Line>(_ => true, TimeSpan.FromSeconds(15)));
        }
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task Disposing_the_lot_closes_the_connections_still_parked()
    {
        if (!SocketDescriptors.IsSupported) return;
        var clients = await ConnectAsync(1);
        var (lot, _) = await ParkAllAsync(1);
        lot.Dispose();
        var stream = clients[0].GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.Equal(0, await stream.ReadAsync(new byte[16], timeout.Token));
        clients[0].Dispose();
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
}
