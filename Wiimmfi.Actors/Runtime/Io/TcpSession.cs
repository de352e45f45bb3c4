using System.Net;
using Microsoft.AspNetCore.Connections;
using Wiimmfi.Actors.Runtime.Io.Handover;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// INTERNAL API. What the read loop (running on Kestrel's connection task) and the connection actor share
/// about one socket: the transport, the read credits, the reading gate and the two completion signals.
/// </summary>
internal sealed class TcpSession
{
    private readonly TaskCompletionSource<(IActorRef Handler, IActorRef Connection)> _handlerReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gateLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _readLoopEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _readingResumed;

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
    public CancellationToken StopToken => _stop.Token;
    public TcpFrontendSettings Settings { get; }
    public ReadOnlyMemory<byte> InitialBytes { get; }
    public ReadCredits Credits { get; }
    public IPEndPoint Remote { get; }
    public IPEndPoint Local { get; }

    /// <summary>Set by the connection actor once its handler exists; the read loop waits for it.</summary>
    public Task<(IActorRef Handler, IActorRef Connection)> HandlerReady => _handlerReady.Task;

    /// <summary>Completes when the connection actor has stopped; Kestrel's connection task waits for it.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Set when the connection is closing on our side: the read loop must stop reading.</summary>
    public volatile bool StopRequested;

    public void SetHandler(IActorRef handler, IActorRef connection) => _handlerReady.TrySetResult((handler, connection));

    public void FailBeforeHandler(Exception e) => _handlerReady.TrySetException(e);

    /// <summary>Bytes of <see cref="Input"/> the read loop has consumed (cut into frames), prefix included.</summary>
    public long BytesConsumed;

    /// <summary>Completes when the read loop no longer touches <see cref="Input"/> (a hand-over may then read it).</summary>
    public Task ReadLoopEnded => _readLoopEnded.Task;

    public void MarkReadLoopEnded() => _readLoopEnded.TrySetResult();

    public void MarkFinished()
    {
        _handlerReady.TrySetCanceled();
        _readLoopEnded.TrySetResult();
        _finished.TrySetResult();
    }

    public void RequestStop()
    {
        if (StopRequested) return;
        StopRequested = true;
        ResumeReading();
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { }
        try { Input.CancelPendingRead(); }
        catch (InvalidOperationException) { /* input already completed */ }
    }

    public void SuspendReading()
    {
        lock (_gateLock) _readingResumed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ResumeReading()
    {
        TaskCompletionSource? gate;
        lock (_gateLock)
        {
            gate = _readingResumed;
            _readingResumed = null;
        }
        gate?.TrySetResult();
    }

    /// <summary>Completes at once unless reading is suspended.</summary>
    public Task WhenReadingAllowed()
    {
        lock (_gateLock) return _readingResumed?.Task ?? Task.CompletedTask;
    }
}
