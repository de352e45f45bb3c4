using System.Net;
using Microsoft.AspNetCore.Connections;
using Wiimmfi.Actors.Runtime.Io.Handover;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// INTERNAL API. What the read loop (running on Kestrel's connection task) and the connection actor share
/// about one socket: the transport, the read credits, the reading gate and the two completion signals.
/// A session lives as long as its console is online (hours, mostly idle), so what only the start, a stop or a
/// hand-over needs is made when needed or dropped after use (see "memory per idle console" in docs/performance.md).
/// </summary>
internal sealed class TcpSession
{
    private TaskCompletionSource<(IActorRef Handler, IActorRef Connection)>? _handlerReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop; // made when a read waits for a credit, or at stop
    private TaskCompletionSource? _readLoopEnded; // made when someone waits for the end of the read loop
    private volatile bool _readLoopHasEnded;
    private TaskCompletionSource? _readingResumed; // set while reading is suspended; swapped atomically

    public TcpSession(ConnectionContext context, TcpFrontendSettings settings, ReadOnlyMemory<byte> initialBytes, TcpAdoption? adoption = null)
    {
        Adoption = adoption;
        Context = context;
        Settings = settings;
        InitialBytes = initialBytes;
        Credits = new ReadCredits(settings.MaxFramesInFlight);
        Input = context.Transport.Input;
        Remote = context.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        Local = context.LocalEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
    }

    public ConnectionContext Context { get; }

    /// <summary>Set for a connection taken over from a previous process.</summary>
    public TcpAdoption? Adoption { get; }

    /// <summary>What the read loop reads: the transport's input, or a prefixed reader for an adopted socket.</summary>
    public System.IO.Pipelines.PipeReader Input { get; set; } = null!;

    /// <summary>Cancelled when the connection is closing on our side, to release a read loop waiting for credits.</summary>
    public CancellationToken StopToken
    {
        get
        {
            var stop = LazyInitializer.EnsureInitialized(ref _stop);
            // A stop requested before the source existed cancels it now (RequestStop saw none to cancel).
            if (StopRequested) CancelStop(stop);
            return stop.Token;
        }
    }
    public TcpFrontendSettings Settings { get; }
    public ReadOnlyMemory<byte> InitialBytes { get; }
    public ReadCredits Credits { get; }
    public IPEndPoint Remote { get; }
    public IPEndPoint Local { get; }

    /// <summary>Set by the connection actor once its handler exists; the read loop waits for it (once: see <see cref="ForgetHandlerReady"/>).</summary>
    public Task<(IActorRef Handler, IActorRef Connection)> HandlerReady =>
        _handlerReady?.Task ?? Task.FromCanceled<(IActorRef, IActorRef)>(new CancellationToken(true));

    /// <summary>The read loop has its actors: the signal is not needed again.</summary>
    public void ForgetHandlerReady() => _handlerReady = null;

    /// <summary>Completes when the connection actor has stopped; Kestrel's connection task waits for it.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Set when the connection is closing on our side: the read loop must stop reading.</summary>
    public volatile bool StopRequested;

    public void SetHandler(IActorRef handler, IActorRef connection) => _handlerReady?.TrySetResult((handler, connection));

    public void FailBeforeHandler(Exception e) => _handlerReady?.TrySetException(e);

    /// <summary>Bytes of <see cref="Input"/> the read loop has consumed (cut into frames), prefix included.</summary>
    public long BytesConsumed;

    /// <summary>Completes when the read loop no longer touches <see cref="Input"/> (a hand-over may then read it).</summary>
    public Task ReadLoopEnded
    {
        get
        {
            if (_readLoopHasEnded) return Task.CompletedTask;
            var ended = LazyInitializer.EnsureInitialized(ref _readLoopEnded, static () => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            // The loop may have ended while the signal was being made (MarkReadLoopEnded then found none to complete).
            if (_readLoopHasEnded) ended.TrySetResult();
            return ended.Task;
        }
    }

    public void MarkReadLoopEnded()
    {
        _readLoopHasEnded = true;
        Volatile.Read(ref _readLoopEnded)?.TrySetResult();
    }

    public void MarkFinished()
    {
        _handlerReady?.TrySetCanceled();
        MarkReadLoopEnded();
        _finished.TrySetResult();
    }

    public void RequestStop()
    {
        if (StopRequested) return;
        StopRequested = true;
        ResumeReading();
        if (Volatile.Read(ref _stop) is { } stop) CancelStop(stop);
        try { Input.CancelPendingRead(); }
        catch (InvalidOperationException) { /* input already completed */ }
    }

    private static void CancelStop(CancellationTokenSource stop)
    {
        try { stop.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    public void SuspendReading() =>
        Interlocked.CompareExchange(ref _readingResumed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    public void ResumeReading() => Interlocked.Exchange(ref _readingResumed, null)?.TrySetResult();

    /// <summary>Completes at once unless reading is suspended.</summary>
    public Task WhenReadingAllowed() => Volatile.Read(ref _readingResumed)?.Task ?? Task.CompletedTask;
}
