using System.Net;
using System.Net.Sockets;
using System.Text;
using Wiimmfi.Actors.Runtime.Io.Handover;

namespace Wiimmfi.Tests.Runtime.Io.Handover;

public sealed class UnixFdChannelTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"wiimmfi-fd-{Guid.NewGuid():N}.sock");
    private readonly Socket _listener;
    private readonly UnixFdChannel _sender;
    private readonly UnixFdChannel _receiver;

    public UnixFdChannelTests()
    {
        _listener = UnixFdChannel.Listen(_path);
        _sender = UnixFdChannel.Connect(_path);
        _receiver = new UnixFdChannel(_listener.Accept()) { ReceiveTimeout = TimeSpan.FromSeconds(15) };
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
        _listener.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public void A_udp_socket_sent_over_the_channel_keeps_its_port_and_receives_on_the_other_side()
    {
        using var original = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        original.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sender.Send(7, Encoding.UTF8.GetBytes("udp"), [(int)original.Handle]);

        var frame = _receiver.Receive()!;
        Assert.Equal(7, frame.Kind);
        Assert.Equal("udp", Encoding.UTF8.GetString(frame.Payload));
        using var adopted = new Socket(new SafeSocketHandle(frame.Descriptors[0], ownsHandle: true));
        Assert.Equal(original.LocalEndPoint, adopted.LocalEndPoint);

        original.Close();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        client.Send([1, 2, 3], (IPEndPoint)adopted.LocalEndPoint!);
        adopted.ReceiveTimeout = 15_000;
        var buffer = new byte[16];
        Assert.Equal(3, adopted.Receive(buffer));
    }

    [Fact]
    public void A_live_tcp_connection_continues_through_the_adopted_descriptor()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        var serverSide = listener.AcceptSocket();
        _sender.Send(1, [], [(int)serverSide.Handle]);
        var frame = _receiver.Receive()!;
        // The old owner goes away without shutting the connection down (as the old process does with _exit).
        serverSide.SafeHandle.SetHandleAsInvalid();
        using var adopted = new Socket(new SafeSocketHandle(frame.Descriptors[0], ownsHandle: true));

        client.GetStream().Write("ping"u8);
        var buffer = new byte[4];
        adopted.ReceiveTimeout = 15_000;
        Assert.Equal(4, adopted.Receive(buffer));
        adopted.Send("pong"u8);
        client.ReceiveTimeout = 15_000;
        Assert.Equal(4, client.GetStream().Read(buffer));
        Assert.Equal("pong", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public async Task Many_messages_with_many_descriptors_arrive_in_order_each_with_its_own()
    {
        var sockets = Enumerable.Range(0, 450).Select(_ =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return s;
        }).ToList();
        try
        {
            var batches = sockets.Chunk(UnixFdChannel.MaxDescriptorsPerMessage).ToList();
            var writer = Task.Run(() =>
            {
                for (var i = 0; i < batches.Count; i++)
                    _sender.Send(2, BitConverter.GetBytes(i), [.. batches[i].Select(s => (int)s.Handle)]);
                _sender.Send(3, new byte[200_000]);
            });
            for (var i = 0; i < batches.Count; i++)
            {
                var frame = _receiver.Receive()!;
                Assert.Equal(i, BitConverter.ToInt32(frame.Payload));
                Assert.Equal(batches[i].Length, frame.Descriptors.Length);
                for (var j = 0; j < frame.Descriptors.Length; j++)
                {
                    using var adopted = new Socket(new SafeSocketHandle(frame.Descriptors[j], ownsHandle: true));
                    Assert.Equal(batches[i][j].LocalEndPoint, adopted.LocalEndPoint);
                }
            }
            Assert.Equal(200_000, _receiver.Receive()!.Payload.Length);
            await writer;
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
        }
    }

    [Fact]
    public void A_closed_channel_reads_as_the_end()
    {
        _sender.Dispose();
        Assert.Null(_receiver.Receive());
    }
}
