using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

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

    /// <summary>Kestrel's connection delegate.</summary>
    public Task OnConnectedAsync(ConnectionContext connection) => RunAsync(connection, ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// Serves a socket this node did not accept itself. <paramref name="alreadyRead"/> are bytes a previous
    /// owner read from it but did not parse; they are decoded before anything new is read.
    /// </summary>
    public Task AdoptAsync(Socket socket, ReadOnlyMemory<byte> alreadyRead)
    {
        var factory = LazyInitializer.EnsureInitialized(ref _adoptionFactory,
            () => new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), _logger));
        var context = factory.Create(socket);
        return RunAsync(context, alreadyRead);
    }

    /// <summary>Closes every connection of this protocol (gracefully: pending writes are flushed first).</summary>
    public void CloseAll() => _listener.Tell(TcpListenerActor.CloseAll.Instance, ActorRefs.NoSender);

    private async Task RunAsync(ConnectionContext context, ReadOnlyMemory<byte> initialBytes)
    {
        var session = new TcpSession(context, _settings, initialBytes);
        _listener.Tell(new TcpListenerActor.Accepted(session), ActorRefs.NoSender);
        (IActorRef Handler, IActorRef Connection) actors;
        try
        {
            actors = await session.HandlerReady.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (e is not TaskCanceledException)
                _logger.LogWarning(e, "TCP {Protocol} connection {ConnectionId} could not start its handler", _settings.Name, context.ConnectionId);
            context.Abort();
            session.MarkFinished();
            return;
        }
        try
        {
            await ReadLoopAsync(session, actors.Handler, actors.Connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            actors.Connection.Tell(new TcpConnectionActor.ReadFailed(e.Message), ActorRefs.NoSender);
        }
        await session.Finished.ConfigureAwait(false);
    }

    private async Task ReadLoopAsync(TcpSession session, IActorRef handler, IActorRef connection)
    {
        var decoder = _settings.CreateDecoder();
        var input = session.Input;
        var frames = new List<ReadOnlyMemory<byte>>();
        if (!session.InitialBytes.IsEmpty)
        {
            var carried = new ReadOnlySequence<byte>(session.InitialBytes);
            var malformed = DecodeAll(decoder, ref carried, frames);
            // Bytes that did not make a whole frame yet are kept by handing them back through the pipe reader:
            // a decoder only ever sees contiguous input, so the remainder is decoded together with new bytes.
            if (!await DeliverAsync(session, handler, connection, frames, malformed).ConfigureAwait(false)) return;
            if (!carried.IsEmpty) input = session.Input = PrefixedPipeReader.Create(carried.ToArray(), input);
        }
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
                connection.Tell(new TcpConnectionActor.ReadFailed(e.Message), ActorRefs.NoSender);
                return;
            }
            if (result.IsCanceled) continue;
            var buffer = result.Buffer;
            var before = buffer.Length;
            var malformed = DecodeAll(decoder, ref buffer, frames);
            Metrics.Read(before - buffer.Length);
            input.AdvanceTo(buffer.Start, buffer.End);
            if (!await DeliverAsync(session, handler, connection, frames, malformed).ConfigureAwait(false)) return;
            if (result.IsCompleted)
            {
                connection.Tell(TcpConnectionActor.PeerFinished.Instance, ActorRefs.NoSender);
                return;
            }
        }
    }

    /// <summary>Cuts every complete frame from <paramref name="buffer"/>; returns the decoder's complaint, if any.</summary>
    private static string? DecodeAll(IFrameDecoder decoder, ref ReadOnlySequence<byte> buffer, List<ReadOnlyMemory<byte>> frames)
    {
        frames.Clear();
        while (true)
        {
            switch (decoder.TryDecode(ref buffer, out var frame, out var error))
            {
                case FrameDecodeStatus.Frame:
                    frames.Add(frame);
                    continue;
                case FrameDecodeStatus.Malformed:
                    return error ?? "malformed input";
                default:
                    return null;
            }
        }
    }

    /// <summary>Tells the frames to the handler, a credit each; false when reading must stop.</summary>
    private async ValueTask<bool> DeliverAsync(TcpSession session, IActorRef handler, IActorRef connection,
        List<ReadOnlyMemory<byte>> frames, string? malformed)
    {
        foreach (var frame in frames)
        {
            try
            {
                await session.Credits.TakeAsync(session.StopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            if (session.StopRequested) return false;
            Metrics.Frame();
            handler.Tell(new Tcp.Received(frame, session.Credits), connection);
        }
        frames.Clear();
        if (malformed is null) return true;
        Metrics.Malformed();
        handler.Tell(new Tcp.MalformedInput(malformed), connection);
        return false;
    }
}
