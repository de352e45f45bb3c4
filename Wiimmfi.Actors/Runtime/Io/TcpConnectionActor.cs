using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;

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
            _handler = Context.ActorOf(_session.Settings.HandlerProps(Self), "handler");
            Context.Watch(_handler);
            _handler.Tell(new Tcp.Connected(_session.Remote, _session.Local, Self, _session.Context.ConnectionId), Self);
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
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnWrite(Tcp.Write write, IActorRef sender)
    {
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
