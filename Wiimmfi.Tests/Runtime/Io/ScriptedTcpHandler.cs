using Wiimmfi.Tests.TestKit;
using System.Text;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;

namespace Wiimmfi.Tests.Runtime.Io;

/// <summary>
/// A test protocol: every line is reported to the probe, and some lines are commands —
/// <c>echo X</c> writes <c>X\n</c> back (with an ack to the probe), <c>close</c> closes gracefully,
/// <c>abort</c> resets, <c>boom</c> throws, <c>wait</c> blocks until the gate opens.
/// </summary>
internal sealed class ScriptedTcpHandler : UntypedActor
{
    /// <summary>A line-protocol front-end whose handlers carry their line count across a hand-over (the handover tests' pair of front-ends).</summary>
    public static TcpFrontendSettings HandoverSettings(string name, TestProbe probe) => new(
        name,
        () => new LineFrameDecoder(),
        connection => Props.Create(() => new ScriptedTcpHandler(connection, probe, null, 0)))
    {
        RestoreHandlerProps = (connection, state) =>
            Props.Create(() => new ScriptedTcpHandler(connection, probe, null, ((State)state).LinesSeen)),
    };

    private readonly IActorRef _connection;
    private readonly IActorRef _probe;
    private readonly ManualResetEventSlim? _gate;

    private int _linesSeen;

    public ScriptedTcpHandler(IActorRef connection, IActorRef probe, ManualResetEventSlim? gate, int linesSeen = 0)
    {
        _connection = connection;
        _probe = probe;
        _gate = gate;
        _linesSeen = linesSeen;
    }

    /// <summary>Reported for every line, with how many lines this connection has seen (across hand-overs).</summary>
    public sealed record Line(string Text, int Number = 0);

    /// <summary>What this handler hands to its successor.</summary>
    public sealed record State(int LinesSeen);

    public sealed record Acked(string Text);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Tcp.Received received:
                var text = Encoding.ASCII.GetString(received.Data.Span);
                if (text == "wait") _gate?.Wait(TimeSpan.FromSeconds(30));
                if (text == "boom") throw new InvalidOperationException("handler bug on purpose");
                _probe.Tell(new Line(text, ++_linesSeen), Self);
                if (text.StartsWith("echo ", StringComparison.Ordinal))
                    _connection.Tell(new Tcp.Write(Encoding.ASCII.GetBytes(text[5..] + "\n"), new Acked(text[5..])), _probe);
                else if (text == "close")
                    _connection.Tell(Tcp.Close.Instance, Self);
                else if (text == "abort")
                    _connection.Tell(Tcp.Abort.Instance, Self);
                break;
            case Tcp.CaptureHandoverState:
                Sender.Tell(new Tcp.HandoverState(new State(_linesSeen)), Self);
                break;
            default:
                // Connected, MalformedInput and the closing messages all go to the probe as they are.
                _probe.Tell(message, Self);
                break;
        }
    }
}
