namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// How one TCP protocol is served: its name (for actor paths, logs and metrics), how its byte stream is cut
/// into frames, which actor handles each connection, and the per-connection bounds.
/// </summary>
/// <param name="Name">Short protocol name, e.g. <c>gpcm</c>; the connections live under <c>/user/tcp-{Name}</c>.</param>
/// <param name="CreateDecoder">A fresh decoder per connection.</param>
/// <param name="HandlerProps">Props of the handler actor for one connection, given the connection actor.</param>
public sealed record TcpFrontendSettings(
    string Name,
    Func<IFrameDecoder> CreateDecoder,
    Func<IActorRef, Props> HandlerProps)
{
    /// <summary>
    /// Frames delivered to the handler but not yet processed before the socket stops being read. Small:
    /// GameSpy clients send a handful of messages per minute; a flood should push back into TCP.
    /// </summary>
    public int MaxFramesInFlight { get; init; } = 32;

    /// <summary>
    /// Bytes queued for a client that does not read, beyond what the transport itself buffers (64 KiB),
    /// before the connection is aborted. A console never needs more than a few KiB in flight.
    /// </summary>
    public int MaxUnsentBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// Props of a handler rebuilt from the state its predecessor captured at smart restart
    /// (<see cref="Tcp.CaptureHandoverState"/>). Null: adopted connections start with <see cref="HandlerProps"/>.
    /// </summary>
    public Func<IActorRef, object, Props>? RestoreHandlerProps { get; init; }

    /// <summary>How long a graceful close may take to flush before the socket is reset.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
