using System.Buffers;
using System.Net;
using System.Text;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Tests.Restart;

/// <summary>
/// A small protocol for restart tests: a TCP line protocol whose connections count their lines (state that must
/// survive a hand-over) and a UDP echo. Every answer names the node that gave it.
/// </summary>
internal sealed class EchoModule : NodeModule
{
    private TcpFrontend? _frontend;

    public override string Name => "echo";

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        var nodeName = node.Options.Node.Name;
        _frontend = new TcpFrontend(node.System, new TcpFrontendSettings("lines", () => new NewlineDecoder(),
            connection => Props.Create(() => new LineHandler(connection, nodeName, 0)))
        {
            RestoreHandlerProps = (connection, state) => Props.Create(() => new LineHandler(connection, nodeName, ((LineHandlerState)state).Lines)),
        });
        var udp = node.System.ActorOf(Props.Create(() => new UdpEcho(nodeName)), "udp-echo-handler");
        node.BindUdp("echo", new IPEndPoint(IPAddress.Loopback, 0), udp, "test.echo.port");
        return Task.CompletedTask;
    }

    public override void ConfigureListeners(NodeListeners listeners, NodeContext node) =>
        listeners.AddTcp("lines", new IPEndPoint(IPAddress.Loopback, 0), _frontend!, "test.lines.port");

    private sealed class NewlineDecoder : IFrameDecoder
    {
        public FrameDecodeStatus TryDecode(ref ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> frame, out string? error)
        {
            frame = default;
            error = null;
            var end = buffer.PositionOf((byte)'\n');
            if (end is null) return buffer.Length > 1024 ? FrameDecodeStatus.Malformed : FrameDecodeStatus.NeedMoreData;
            frame = buffer.Slice(0, end.Value).ToArray();
            buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
            return FrameDecodeStatus.Frame;
        }
    }

    private sealed class LineHandler(IActorRef connection, string nodeName, int lines) : UntypedActor
    {
        private int _lines = lines;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Tcp.Received received:
                    _lines++;
                    var text = Encoding.ASCII.GetString(received.Data.Span);
                    connection.Tell(new Tcp.Write(Encoding.ASCII.GetBytes($"{text} {_lines} {nodeName}\n")));
                    break;
                case Tcp.CaptureHandoverState:
                    Sender.Tell(new Tcp.HandoverState(new LineHandlerState(_lines)));
                    break;
            }
        }
    }

    private sealed class UdpEcho(string nodeName) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is Udp.Received received)
                Sender.Tell(new Udp.Send((byte[])[.. received.Data.Span, .. Encoding.ASCII.GetBytes(" " + nodeName)], received.Remote));
        }
    }
}

/// <summary>What a line connection carries across a restart.</summary>
[WireName("test.echo.lines-state")]
public sealed record LineHandlerState(int Lines);
