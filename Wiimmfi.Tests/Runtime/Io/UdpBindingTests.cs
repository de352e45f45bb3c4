using System.Net;
using System.Net.Sockets;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Runtime.Io;

public sealed class UdpBindingTests : IAsyncLifetime
{
    private readonly ActorSystemFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Datagrams_arrive_with_their_sender_and_replies_go_back_from_the_bound_port()
    {
        var probe = _fixture.CreateTestProbe();
        var binding = UdpBinding.Bind(_fixture.System, "test", new IPEndPoint(IPAddress.Loopback, 0), probe);
        Assert.NotEqual(0, binding.LocalEndPoint.Port);
        Assert.Equal(binding.LocalEndPoint, (await probe.ExpectMsgAsync<Udp.Bound>()).LocalAddress);

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[] { 1, 2, 3 }, binding.LocalEndPoint);
        var received = await probe.ExpectMsgAsync<Udp.Received>();
        Assert.Equal(new byte[] { 1, 2, 3 }, received.Data.ToArray());
        Assert.Equal(client.Client.LocalEndPoint, received.Remote);
        Assert.Equal(binding.Actor, probe.LastSender);

        binding.Actor.Tell(new Udp.Send(new byte[] { 9, 8 }, received.Remote));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var reply = await client.ReceiveAsync(timeout.Token);
        Assert.Equal(new byte[] { 9, 8 }, reply.Buffer);
        Assert.Equal(binding.LocalEndPoint, reply.RemoteEndPoint);
    }

    [Fact]
    public async Task Many_datagrams_are_all_delivered_in_order_from_one_sender()
    {
        var probe = _fixture.CreateTestProbe();
        var binding = UdpBinding.Bind(_fixture.System, "burst", new IPEndPoint(IPAddress.Loopback, 0), probe);
        await probe.ExpectMsgAsync<Udp.Bound>();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < 200; i++) await client.SendAsync(BitConverter.GetBytes(i), binding.LocalEndPoint);
        for (var i = 0; i < 200; i++)
            Assert.Equal(i, BitConverter.ToInt32((await probe.ExpectMsgAsync<Udp.Received>()).Data.Span));
        Assert.Equal(200, binding.Metrics.DatagramsReceived);
    }

    [Fact]
    public async Task Unbind_closes_the_socket_so_the_port_can_be_bound_again()
    {
        var probe = _fixture.CreateTestProbe();
        var binding = UdpBinding.Bind(_fixture.System, "once", new IPEndPoint(IPAddress.Loopback, 0), probe);
        await probe.ExpectMsgAsync<Udp.Bound>();
        binding.Actor.Tell(Udp.Unbind.Instance);
        await probe.FishForMessageAsync<object>(m => m is Udp.Unbound);
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(binding.LocalEndPoint);
    }

    [Fact]
    public async Task Detach_stops_the_binding_but_leaves_the_socket_open_for_a_successor()
    {
        var probe = _fixture.CreateTestProbe();
        var first = UdpBinding.Bind(_fixture.System, "old", new IPEndPoint(IPAddress.Loopback, 0), probe);
        await probe.ExpectMsgAsync<Udp.Bound>();
        first.Actor.Tell(UdpBinding.Detach.Instance);
        await probe.FishForMessageAsync<object>(m => m is Udp.Unbound);

        var successorProbe = _fixture.CreateTestProbe();
        var second = UdpBinding.Adopt(_fixture.System, "new", first.Socket, successorProbe);
        await successorProbe.ExpectMsgAsync<Udp.Bound>();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[] { 42 }, second.LocalEndPoint);
        Assert.Equal(42, (await successorProbe.ExpectMsgAsync<Udp.Received>()).Data.Span[0]);
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_hand_over_under_a_stream_of_datagrams_loses_none_and_delivers_none_twice()
    {
        var oldProbe = _fixture.CreateTestProbe();
        var old = UdpBinding.Bind(_fixture.System, "qr2-old", new IPEndPoint(IPAddress.Loopback, 0), oldProbe);
        await oldProbe.ExpectMsgAsync<Udp.Bound>();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        const int total = 2000;
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                await client.SendAsync(BitConverter.GetBytes(i), old.LocalEndPoint);
                if (i % 50 == 0) await Task.Delay(1);
            }
        });
        await Awaiting.ConditionAsync(() => old.Metrics.DatagramsReceived > 200);
        var package = await old.Actor.Ask<Wiimmfi.Actors.Runtime.Io.Handover.UdpHandoverPackage>(UdpBinding.CaptureForHandover.Instance, TimeSpan.FromSeconds(10));
        var newProbe = _fixture.CreateTestProbe();
        var adopted = new Socket(new SafeSocketHandle(package.Descriptor, ownsHandle: true));
        var successor = UdpBinding.Adopt(_fixture.System, "qr2-new", adopted, newProbe,
            [.. package.Captured.Select(c => new Udp.Received(c.Data, c.Remote))]);
        await sender;

        var seen = new List<int>();
        while (true)
        {
            var message = await oldProbe.ReceiveOneAsync(TimeSpan.FromSeconds(1)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
            if (message is null) break;
            if (message is Udp.Received r) seen.Add(BitConverter.ToInt32(r.Data.Span));
        }
        await newProbe.ExpectMsgAsync<Udp.Bound>();
        while (seen.Count < total)
        {
            var r = await newProbe.ExpectMsgAsync<Udp.Received>();
            seen.Add(BitConverter.ToInt32(r.Data.Span));
        }
        Assert.Equal(Enumerable.Range(0, total), seen);
        Assert.Equal(successor.LocalEndPoint, old.LocalEndPoint);
    }
}
