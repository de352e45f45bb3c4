using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime.Io.Handover;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// One accepted (or adopted) TCP socket, as an actor: the write side and the life cycle of the connection.
///
/// Reading happens on Kestrel's connection task (see <see cref="TcpFrontend"/>), which cuts frames and tells
/// them straight to the handler with this actor as sender. Writing happens here, one message at a time:
/// bytes go into the transport's pipe and are flushed; when a flush does not complete at once the socket is
/// behind, later writes wait in a local queue, and a queue over <see cref="TcpFrontendSettings.MaxUnsentBytes"/>
/// aborts the connection. Acks are sent only once the bytes are flushed to the transport.
///
///     Open ──Close──▶ Closing (flush, FIN) ──▶ stopped      handler gets Closed
///      │  ──Abort / write overflow / handler crash──▶ stopped  handler gets Aborted / ErrorClosed
///      └── peer FIN / socket error (from the read loop) ──▶ stopped  handler gets PeerClosed / ErrorClosed
///
/// The handler is this actor's child, so it never outlives the socket; if it stops on its own, the
/// connection is closed gracefully. Exactly one <see cref="Tcp.ConnectionClosed"/> reaches the handler,
/// followed by a <see cref="PoisonPill"/>; this actor stops once the handler has (a child stopped with its
/// parent would lose that last message, and a logout is exactly that message).
/// </summary>
internal sealed class TcpConnectionActor : UntypedActor
{
    private const int MaxHandlerFailures = 5;

    private readonly TcpSession _session;
    private readonly PipeWriter _output;
    private readonly TcpFrontendMetrics _metrics;
    private IActorRef _handler = ActorRefs.Nobody;
    private Queue<(Tcp.Write Write, IActorRef Sender)>? _queued;
    private List<(object Ack, IActorRef Sender)>? _acksAwaitingFlush;
    private long _queuedBytes;
    private bool _flushing;
    private bool _closeRequested;
    private bool _ended;
    private int _handlerFailures;
    private long _bytesWritten;
    private HandoverCapture? _handover;

    public TcpConnectionActor(TcpSession session, TcpFrontendMetrics metrics)
    {
        _session = session;
        _output = session.Context.Transport.Output;
        _metrics = metrics;
    }

    /// <summary>From the read loop: the client sent FIN.</summary>
    internal sealed class PeerFinished
    {
        public static PeerFinished Instance { get; } = new();
    }

    /// <summary>From the read loop: reading failed.</summary>
    internal sealed record ReadFailed(string Cause);

    private sealed record FlushCompleted(bool TransportClosed);

    private sealed record FlushFailed(string Cause);

    private sealed class CloseTimedOut
    {
        public static CloseTimedOut Instance { get; } = new();
    }

    private sealed class HandlerStopTimedOut
    {
        public static HandlerStopTimedOut Instance { get; } = new();
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        // A bug in a handler should not cost a console its session for one bad message; a handler that keeps
        // failing is stopped, which closes its connection. Other connections are untouched either way.
        _handlerFailures++;
        return _handlerFailures <= MaxHandlerFailures ? Directive.Resume : Directive.Stop;
    });

    protected override void PreStart()
    {
        try
        {
            var adoption = _session.Adoption;
            var props = adoption?.HandlerState is { } state && _session.Settings.RestoreHandlerProps is { } restore
                ? restore(Self, state)
                : _session.Settings.HandlerProps(Self);
            _handler = Context.ActorOf(props, "handler");
            Context.Watch(_handler);
            _handler.Tell(new Tcp.Connected(_session.Remote, _session.Local, Self, _session.Context.ConnectionId, adoption is not null), Self);
            if (adoption is { UnsentBytes.Length: > 0 }) OnWrite(new Tcp.Write(adoption.UnsentBytes), ActorRefs.Nobody);
            _session.SetHandler(_handler, Self);
        }
        catch (Exception e)
        {
            _session.FailBeforeHandler(e);
            throw;
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Tcp.Write write:
                OnWrite(write, Sender);
                break;
            case FlushCompleted done:
                OnFlushCompleted(done);
                break;
            case FlushFailed failed:
                End(new Tcp.ErrorClosed(failed.Cause), abort: true);
                break;
            case Tcp.Close:
                _closeRequested = true;
                _session.RequestStop();
                if (!_flushing) FinishClose();
                else Context.System.Scheduler.ScheduleTellOnce(_session.Settings.CloseTimeout, Self, CloseTimedOut.Instance, Self);
                break;
            case CloseTimedOut:
                End(new Tcp.ErrorClosed("close timed out while the client was not reading"), abort: true);
                break;
            case Tcp.Abort:
                End(Tcp.Aborted.Instance, abort: true);
                break;
            case Tcp.SuspendReading:
                _session.SuspendReading();
                break;
            case Tcp.ResumeReading:
                _session.ResumeReading();
                break;
            case PeerFinished:
                // Half-close is not used by any GameSpy protocol: the peer's FIN ends the connection.
                End(Tcp.PeerClosed.Instance, abort: false);
                break;
            case ReadFailed failed:
                End(new Tcp.ErrorClosed(failed.Cause), abort: true);
                break;
            case Terminated t when t.ActorRef.Equals(_handler):
                _handler = ActorRefs.Nobody;
                if (!_ended) End(Tcp.Closed.Instance, abort: false);
                else Context.Stop(Self);
                break;
            case HandlerStopTimedOut:
                Context.Stop(Self);
                break;
            case CaptureForHandover capture:
                BeginHandover(capture, Sender);
                break;
            case Tcp.HandoverState state when _handover is { StateCaptured: false } handover:
                handover.StateCaptured = true;
                handover.HandlerState = state.State;
                CheckDrained();
                break;
            case DrainCheck:
                CheckDrained();
                break;
            case InputCollected collected:
                FinishHandover(collected);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnWrite(Tcp.Write write, IActorRef sender)
    {
        if (_handover is { StateCaptured: true } handover)
        {
            // The handler's state is already captured: these bytes are sent by the successor.
            handover.UnsentAfterCapture.Write(write.Data.Span);
            return;
        }
        if (_ended || _closeRequested)
        {
            sender.Tell(new Tcp.CommandFailed(write, "connection is closing"), Self);
            return;
        }
        if (_flushing)
        {
            _queuedBytes += write.Data.Length;
            if (_queuedBytes > _session.Settings.MaxUnsentBytes)
            {
                _metrics.WriteOverflow();
                End(new Tcp.ErrorClosed($"more than {_session.Settings.MaxUnsentBytes} bytes unsent: the client is not reading"), abort: true);
                return;
            }
            (_queued ??= new Queue<(Tcp.Write, IActorRef)>()).Enqueue((write, sender));
            return;
        }
        _output.Write(write.Data.Span);
        _bytesWritten += write.Data.Length;
        _metrics.BytesWritten(write.Data.Length);
        if (write.Ack is not null) (_acksAwaitingFlush ??= new()).Add((write.Ack, sender));
        StartFlush();
    }

    private void StartFlush()
    {
        ValueTask<FlushResult> flush;
        try
        {
            flush = _output.FlushAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            End(new Tcp.ErrorClosed(e.Message), abort: true);
            return;
        }
        if (flush.IsCompletedSuccessfully)
        {
            OnFlushCompleted(new FlushCompleted(flush.Result.IsCompleted));
            return;
        }
        _flushing = true;
        var self = Self;
        _ = AwaitFlush(flush, self);
    }

    private static async Task AwaitFlush(ValueTask<FlushResult> flush, IActorRef self)
    {
        try
        {
            var result = await flush.ConfigureAwait(false);
            self.Tell(new FlushCompleted(result.IsCompleted), self);
        }
        catch (Exception e)
        {
            self.Tell(new FlushFailed(e.Message), self);
        }
    }

    private void OnFlushCompleted(FlushCompleted done)
    {
        _flushing = false;
        if (_handover is not null)
        {
            if (_acksAwaitingFlush is { Count: > 0 } handoverAcks)
            {
                foreach (var (ack, sender) in handoverAcks) sender.Tell(ack, Self);
                handoverAcks.Clear();
            }
            DrainQueuedForHandover();
            CheckDrained();
            return;
        }
        if (done.TransportClosed)
        {
            End(new Tcp.ErrorClosed("the transport closed while writing"), abort: false);
            return;
        }
        if (_acksAwaitingFlush is { Count: > 0 } acks)
        {
            foreach (var (ack, sender) in acks) sender.Tell(ack, Self);
            acks.Clear();
        }
        if (_queued is { Count: > 0 } queued)
        {
            while (queued.TryDequeue(out var item))
            {
                _output.Write(item.Write.Data.Span);
                _bytesWritten += item.Write.Data.Length;
                _metrics.BytesWritten(item.Write.Data.Length);
                if (item.Write.Ack is not null) (_acksAwaitingFlush ??= new()).Add((item.Write.Ack, item.Sender));
            }
            _queuedBytes = 0;
            StartFlush();
            return;
        }
        if (_closeRequested) FinishClose();
    }

    private void FinishClose() => End(Tcp.Closed.Instance, abort: false);

    /// <summary>Ends the connection once: tells the handler how, completes or aborts the transport, stops.</summary>
    private void End(Tcp.ConnectionClosed how, bool abort)
    {
        if (_ended) return;
        _ended = true;
        _session.RequestStop();
        if (abort)
        {
            _session.Context.Abort(new ConnectionAbortedByServerException(how.ToString()));
        }
        else
        {
            // Completing the output lets the transport send what is buffered and then FIN.
            try { _output.Complete(); }
            catch (InvalidOperationException) { /* already completed */ }
        }
        if (how is Tcp.ErrorClosed error)
            Context.Logger.LogDebug("TCP {Protocol} connection {ConnectionId} from {Remote} closed: {Cause}",
                _session.Settings.Name, _session.Context.ConnectionId, _session.Remote, error.Cause);
        if (_handler.Equals(ActorRefs.Nobody))
        {
            Context.Stop(Self);
            return;
        }
        _handler.Tell(how, Self);
        _handler.Tell(PoisonPill.Instance, Self);
        Context.System.Scheduler.ScheduleTellOnce(_session.Settings.CloseTimeout, Self, HandlerStopTimedOut.Instance, Self);
    }

    // ----- smart restart -----

    private sealed class HandoverCapture(IActorRef requester, TimeSpan drainTimeout, DateTimeOffset startedAt)
    {
        public IActorRef Requester { get; } = requester;
        public TimeSpan DrainTimeout { get; } = drainTimeout;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public bool StateCaptured { get; set; }
        public object? HandlerState { get; set; }
        public System.Buffers.ArrayBufferWriter<byte> UnsentAfterCapture { get; } = new();
        public bool Detached { get; set; }
        public int Descriptor { get; set; } = -1;
    }

    private sealed class DrainCheck
    {
        public static DrainCheck Instance { get; } = new();
    }

    private sealed record InputCollected(byte[] Bytes, string? Error);

    /// <summary>
    /// Step 1: stop reading and ask the handler for its state. Writes the handler makes before it answers still go
    /// out from here; writes after it answers travel with the package.
    /// </summary>
    private void BeginHandover(CaptureForHandover capture, IActorRef requester)
    {
        if (_ended || _handover is not null || !SocketDescriptors.IsSupported || Socket is null)
        {
            requester.Tell(new TcpHandoverFailed(_session.Settings.Name, _ended ? "connection already closed" : "socket not available for hand-over"), Self);
            return;
        }
        _handover = new HandoverCapture(requester, capture.DrainTimeout, Context.System.Scheduler.Now);
        _session.RequestStop();
        _handler.Tell(Tcp.CaptureHandoverState.Instance, Self);
    }

    private Socket? Socket => _session.Context.Features.Get<IConnectionSocketFeature>()?.Socket;

    /// <summary>Writes that queued behind a slow flush go into the pipe now; the drain check waits for them.</summary>
    private void DrainQueuedForHandover()
    {
        if (_queued is not { Count: > 0 } queued) return;
        while (queued.TryDequeue(out var item))
        {
            _output.Write(item.Write.Data.Span);
            _bytesWritten += item.Write.Data.Length;
            _metrics.BytesWritten(item.Write.Data.Length);
        }
        _queuedBytes = 0;
        StartFlush();
    }

    /// <summary>
    /// Step 2: once the handler's state is in and every byte we wrote has left the transport for the kernel
    /// (kernel count = baseline + bytes written), detach the socket. A client that stops reading can keep bytes
    /// in the transport forever: past the drain timeout the connection is closed instead of moved.
    /// </summary>
    private void CheckDrained()
    {
        var handover = _handover!;
        if (!handover.StateCaptured || handover.Detached) return;
        if (!_flushing && _queued is not { Count: > 0 } && Socket is { } socket)
        {
            var taken = SocketDescriptors.BytesTakenByKernel(socket);
            var baseline = _session.Adoption?.KernelBytesAtAdoption ?? 0;
            if (taken is { } kernel && kernel >= baseline + _bytesWritten)
            {
                Detach(socket);
                return;
            }
        }
        if (Context.System.Scheduler.Now - handover.StartedAt > handover.DrainTimeout)
        {
            handover.Requester.Tell(new TcpHandoverFailed(_session.Settings.Name, "the client did not take the bytes already written"), Self);
            _handover = null;
            End(new Tcp.ErrorClosed("hand-over drain timed out"), abort: true);
            return;
        }
        Context.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1), Self, DrainCheck.Instance, Self);
    }

    /// <summary>
    /// Step 3: take the descriptor (Kestrel keeps a placeholder), reset Kestrel's side of the connection so its
    /// receive loop ends, and collect every byte it had read but we had not decoded.
    /// </summary>
    private void Detach(Socket socket)
    {
        var handover = _handover!;
        try
        {
            handover.Descriptor = SocketDescriptors.Detach(socket);
        }
        catch (IOException e)
        {
            handover.Requester.Tell(new TcpHandoverFailed(_session.Settings.Name, e.Message), Self);
            _handover = null;
            End(new Tcp.ErrorClosed("hand-over failed: " + e.Message), abort: true);
            return;
        }
        handover.Detached = true;
        _ended = true;
        CollectUnreadInput(_session, handover.Descriptor).PipeTo(Self);
    }

    /// <summary>
    /// Every byte this process read from the socket is either consumed by the read loop or still in the input pipe;
    /// once the descriptor is detached no new byte can be read here, but a receive that had just completed may still
    /// be on its way into the pipe. The kernel's count of bytes read (minus what we had at adoption) says exactly how
    /// many to expect, so this waits until the pipe holds them all, copies them, and only then resets Kestrel's side.
    /// </summary>
    private static async Task<InputCollected> CollectUnreadInput(TcpSession session, int descriptor)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            // The pipe has one reader: wait until the read loop has let go of it.
            await session.ReadLoopEnded.WaitAsync(timeout.Token).ConfigureAwait(false);
            var input = session.Input;
            long expected;
            expected = (SocketDescriptors.BytesReadFromKernel(descriptor) ?? -1) - (session.Adoption?.KernelBytesReadAtAdoption ?? 0) + session.InitialBytes.Length;
            while (true)
            {
                // TryRead does not return bytes the read loop already examined; a cancelled read returns the whole
                // buffer at once without waiting.
                input.CancelPendingRead();
                var result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffered = result.Buffer.ToArray();
                input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                if (expected < 0 || session.BytesConsumed + buffered.Length >= expected)
                {
                    session.Context.Abort(new ConnectionAbortedByServerException("handed over to a successor process"));
                    return new InputCollected(buffered, expected < 0 ? "the kernel did not report bytes read" : null);
                }
                await Task.Delay(1, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            session.Context.Abort(new ConnectionAbortedByServerException("handed over to a successor process"));
            return new InputCollected([], e.Message);
        }
    }

    /// <summary>Step 4: reply with the package and stop; the handler stops without any close message.</summary>
    private void FinishHandover(InputCollected input)
    {
        var handover = _handover!;
        if (input.Error is not null)
            Context.Logger.LogDebug("TCP {Protocol} hand-over of {ConnectionId}: unread input incomplete: {Error}", _session.Settings.Name, _session.Context.ConnectionId, input.Error);
        handover.Requester.Tell(new TcpHandoverPackage(_session.Settings.Name, handover.Descriptor, _session.Remote, _session.Local,
            input.Bytes, handover.UnsentAfterCapture.WrittenSpan.ToArray(), handover.HandlerState), Self);
        _handler.Tell(PoisonPill.Instance, Self);
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        if (!_ended)
        {
            // Stopped from outside (node shutdown): reset the socket so Kestrel's task can finish.
            _ended = true;
            _session.RequestStop();
            _session.Context.Abort(new ConnectionAbortedByServerException("connection actor stopped"));
        }
        _session.MarkFinished();
    }
}

/// <summary>The reason given to Kestrel when the server resets a connection.</summary>
public sealed class ConnectionAbortedByServerException(string reason)
    : Microsoft.AspNetCore.Connections.ConnectionAbortedException(reason);
