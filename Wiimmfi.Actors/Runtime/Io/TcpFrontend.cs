using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime.Io.Handover;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// Serves one TCP protocol on Kestrel's connection layer, the Akka.IO role: every connection Kestrel accepts
/// (<see cref="OnConnectedAsync"/>, wired with <c>listenOptions.Run(frontend.OnConnectedAsync)</c>) and every
/// socket the node did not accept itself (<see cref="AdoptAsync"/>: a socket handed over at smart restart,
/// with the bytes the previous process had read but not parsed) runs the same path:
///
///   1. a <see cref="TcpConnectionActor"/> is created under <c>/user/tcp-{name}</c>, and it creates the
///      protocol's handler actor as its child;
///   2. this method's task becomes the connection's read loop: it reads the transport's pipe, cuts frames with
///      the protocol's <see cref="IFrameDecoder"/> and tells each frame to the handler as <see cref="Tcp.Received"/>,
///      waiting for a read credit when the handler is behind (the pipe then fills and TCP pushes back);
///   3. the task ends when the connection actor has stopped, which is when Kestrel releases the socket.
///
/// Nothing here parses a protocol and nothing keeps game state.
/// </summary>
public sealed class TcpFrontend
{
    private readonly ActorSystem _system;
    private readonly TcpFrontendSettings _settings;
    private readonly IActorRef _listener;
    private readonly ILogger _logger;
    private SocketConnectionContextFactory? _adoptionFactory;

    public TcpFrontend(ActorSystem system, TcpFrontendSettings settings)
    {
        _system = system;
        _settings = settings;
        Metrics = new TcpFrontendMetrics(settings.Name);
        _logger = system.LoggerFactory.CreateLogger($"Wiimmfi.Io.Tcp.{settings.Name}");
        _listener = system.ActorOf(Props.Create(() => new TcpListenerActor(settings, Metrics)), $"tcp-{settings.Name}");
    }

    public string Name => _settings.Name;

    public TcpFrontendMetrics Metrics { get; }

    /// <summary>The actor that parents this protocol's connections.</summary>
    public IActorRef Listener => _listener;

    private Task _accepting = Task.CompletedTask;

    /// <summary>Kestrel's connection delegate.</summary>
    public Task OnConnectedAsync(ConnectionContext connection)
    {
        // Not an async method itself: its state machine would stay allocated for the connection's whole life.
        if (_accepting.IsCompleted) return RunAsync(connection, ReadOnlyMemory<byte>.Empty);
        return RunWhenAcceptingAsync(connection);
    }

    // In a successor taking over, connections accepted before the switch wait until the predecessor's own
    // connections and the entities' state have arrived.
    private async Task RunWhenAcceptingAsync(ConnectionContext connection)
    {
        await _accepting.ConfigureAwait(false);
        await RunAsync(connection, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
    }

    /// <summary>New connections wait for <paramref name="gate"/> before their handler starts (smart restart).</summary>
    public void HoldNewConnectionsUntil(Task gate) => _accepting = gate;

    /// <summary>
    /// Serves a socket this node did not accept itself. <paramref name="alreadyRead"/> are bytes a previous
    /// owner read from it but did not parse; they are decoded before anything new is read.
    /// </summary>
    public Task AdoptAsync(Socket socket, ReadOnlyMemory<byte> alreadyRead) => AdoptAsync(socket, alreadyRead, null);

    /// <summary>
    /// Serves a connection handed over by a previous process: its handler is rebuilt from the captured state
    /// (<see cref="TcpFrontendSettings.RestoreHandlerProps"/>) and the bytes the predecessor still owed the console are
    /// sent first.
    /// </summary>
    public Task AdoptAsync(Socket socket, ReadOnlyMemory<byte> alreadyRead, TcpAdoption? adoption)
    {
        var factory = LazyInitializer.EnsureInitialized(ref _adoptionFactory,
            () => new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), _logger));
        var context = factory.Create(socket);
        return RunAsync(context, alreadyRead, adoption);
    }

    /// <summary>
    /// Takes every connection of this protocol away for a successor process (smart restart): each stops reading,
    /// lets its handler capture its state, drains what it wrote into the kernel and gives up its socket. Returns
    /// the packages (and the connections that could not be moved — those are closed).
    /// </summary>
    public async Task<(IReadOnlyList<TcpHandoverPackage> Packages, IReadOnlyList<TcpHandoverFailed> Failures)> CaptureAllForHandoverAsync(TimeSpan timeout)
    {
        var connections = await _listener.Ask<IReadOnlyList<IActorRef>>(TcpListenerActor.ListConnections.Instance, timeout).ConfigureAwait(false);
        var drain = timeout / 2;
        var replies = await Task.WhenAll(connections.Select(async c =>
        {
            try
            {
                return await c.Ask<object>(new CaptureForHandover(drain), timeout).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                return new TcpHandoverFailed(_settings.Name, "no answer in time");
            }
        })).ConfigureAwait(false);
        return ([.. replies.OfType<TcpHandoverPackage>()], [.. replies.OfType<TcpHandoverFailed>()]);
    }

    /// <summary>Closes every connection of this protocol (gracefully: pending writes are flushed first).</summary>
    public void CloseAll() => _listener.Tell(TcpListenerActor.CloseAll.Instance, ActorRefs.NoSender);

    private Task RunAsync(ConnectionContext context, ReadOnlyMemory<byte> initialBytes, TcpAdoption? adoption = null)
    {
        var session = new TcpSession(context, _settings, initialBytes, adoption);
        _listener.Tell(new TcpListenerActor.Accepted(session), ActorRefs.NoSender);
        return ServeAsync(session);
    }

    /// <summary>
    /// The connection's task: waits for its actors, then is its read loop, then waits until the connection actor has
    /// stopped. One async method on purpose: its state machine lives as long as the connection (hours, mostly idle),
    /// and a second one nested inside it cost another ~180 bytes per console.
    /// </summary>
    private async Task ServeAsync(TcpSession session)
    {
        IActorRef handler, connection;
        try
        {
            (handler, connection) = await session.HandlerReady.ConfigureAwait(false);
            session.ForgetHandlerReady();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (e is not TaskCanceledException)
                _logger.LogWarning(e, "TCP {Protocol} connection {ConnectionId} could not start its handler", _settings.Name, session.Context.ConnectionId);
            session.Context.Abort();
            session.MarkFinished();
            return;
        }
        try
        {
            var decoder = _settings.CreateDecoder();
            // Bytes carried over from a previous process come first, through the same loop, so they are decoded
            // (and, at a later hand-over, accounted for) exactly like bytes read here.
            if (!session.InitialBytes.IsEmpty) session.Input = PrefixedPipeReader.Create(session.InitialBytes, session.Input);
            var input = session.Input;
            while (!session.StopRequested)
            {
                await session.WhenReadingAllowed().ConfigureAwait(false);
                if (session.StopRequested) return;
                ReadResult result;
                try
                {
                    result = await input.ReadAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is ConnectionResetException or IOException or ConnectionAbortedException or SocketException)
                {
                    if (!session.StopRequested) connection.Tell(new TcpConnectionActor.ReadFailed(e.Message), ActorRefs.NoSender);
                    return;
                }
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                string? malformed = null;
                var stopped = false;
                while (!result.IsCanceled)
                {
                    var status = DecodeOne(decoder, buffer.Slice(consumed), out var rest, out var frame, out var error);
                    if (status == FrameDecodeStatus.Malformed)
                    {
                        malformed = error ?? "malformed input";
                        break;
                    }
                    if (status != FrameDecodeStatus.Frame) break;
                    // A frame is consumed only once it is delivered: one that waits for a credit when the connection
                    // stops (closing or handing over) stays in the pipe, whole.
                    if (!await TakeCreditAsync(session).ConfigureAwait(false))
                    {
                        stopped = true;
                        break;
                    }
                    Metrics.Frame();
                    handler.Tell(new Tcp.Received(frame, session.Credits), connection);
                    consumed = rest.Start;
                }
                var consumedBytes = buffer.Slice(buffer.Start, consumed).Length;
                Metrics.Read(consumedBytes);
                session.BytesConsumed += consumedBytes;
                input.AdvanceTo(consumed, buffer.End);
                if (malformed is not null)
                {
                    Metrics.Malformed();
                    handler.Tell(new Tcp.MalformedInput(malformed), connection);
                    return;
                }
                if (stopped) return;
                if (result.IsCompleted && !result.IsCanceled)
                {
                    connection.Tell(TcpConnectionActor.PeerFinished.Instance, ActorRefs.NoSender);
                    return;
                }
            }
    
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!session.StopRequested) connection.Tell(new TcpConnectionActor.ReadFailed(e.Message), ActorRefs.NoSender);
        }
        finally
        {
            session.MarkReadLoopEnded();
            // Kestrel releases the socket when this task ends: not before the connection actor has stopped.
            await session.Finished.ConfigureAwait(false);
        }
    }

    private static FrameDecodeStatus DecodeOne(IFrameDecoder decoder, ReadOnlySequence<byte> input, out ReadOnlySequence<byte> rest,
        out ReadOnlyMemory<byte> frame, out string? error)
    {
        var status = decoder.TryDecode(ref input, out frame, out error);
        rest = input;
        return status;
    }

    private static async ValueTask<bool> TakeCreditAsync(TcpSession session)
    {
        if (session.StopRequested) return false;
        // The stop token (and its source) is only needed when the handler is behind.
        if (session.Credits.TryTake()) return !session.StopRequested || ReturnCredit(session);
        try
        {
            await session.Credits.TakeAsync(session.StopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return !session.StopRequested || ReturnCredit(session);
    }

    private static bool ReturnCredit(TcpSession session)
    {
        session.Credits.Return();
        return false;
    }
}
