using System.Net;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// The TCP vocabulary between a connection actor (owned by the Io layer, one per socket) and the
/// protocol handler actor that the front-end supplies for that socket — Akka.IO's names and roles.
/// The handler receives <see cref="Connected"/>, then one <see cref="Received"/> per decoded frame, and
/// finally exactly one of <see cref="PeerClosed"/>, <see cref="ErrorClosed"/>, <see cref="Closed"/> or
/// <see cref="Aborted"/>. It sends <see cref="Write"/>, <see cref="Close"/> and <see cref="Abort"/> to the
/// connection actor (the <c>Sender</c> of every <see cref="Received"/>).
/// </summary>
public static class Tcp
{
    /// <summary>First message a handler gets: who is on the other end, and the connection actor to write to.</summary>
    /// <remarks><paramref name="Adopted"/> is true for a connection taken over from a previous process: the handler
    /// was created from its captured state and the console has been connected all along.</remarks>
    public sealed record Connected(IPEndPoint Remote, IPEndPoint Local, IActorRef Connection, string ConnectionId, bool Adopted = false);

    /// <summary>
    /// One complete frame, as cut by the front-end's <see cref="IFrameDecoder"/>. The bytes are the
    /// handler's to keep. Delivery of the message returns one read credit to the socket's read loop, so a
    /// slow handler stops the reading (and the client's TCP window) instead of growing its mailbox.
    /// </summary>
    public sealed class Received : IDeliveryReceipt
    {
        private ReadCredits? _credits;

        public Received(ReadOnlyMemory<byte> data) => Data = data;

        internal Received(ReadOnlyMemory<byte> data, ReadCredits credits) : this(data) => _credits = credits;

        public ReadOnlyMemory<byte> Data { get; }

        void IDeliveryReceipt.Delivered() => Interlocked.Exchange(ref _credits, null)?.Return();

        public override string ToString() => $"Received({Data.Length} bytes)";
    }

    /// <summary>
    /// The decoder refused the input (a frame over its bound, a malformed length…). Reading has
    /// stopped; the handler should answer with the protocol's error and <see cref="Close"/>.
    /// </summary>
    public sealed record MalformedInput(string Reason);

    /// <summary>
    /// Queue bytes for sending. When they are flushed to the socket, <paramref name="Ack"/> (if any) is
    /// sent back to the writer. Writes beyond the connection's unsent-bytes bound abort the connection
    /// (a client that never reads must not hold server memory).
    /// </summary>
    public sealed record Write(ReadOnlyMemory<byte> Data, object? Ack = null)
    {
        public override string ToString() => $"Write({Data.Length} bytes{(Ack is null ? "" : ", ack")})";
    }

    /// <summary>Close gracefully: everything written so far is sent, then FIN.</summary>
    public sealed class Close
    {
        public static Close Instance { get; } = new();
        private Close() { }
    }

    /// <summary>Close at once with a reset; unsent bytes are dropped.</summary>
    public sealed class Abort
    {
        public static Abort Instance { get; } = new();
        private Abort() { }
    }

    /// <summary>Stop reading the socket until <see cref="ResumeReading"/> (pull-mode back-pressure).</summary>
    public sealed class SuspendReading
    {
        public static SuspendReading Instance { get; } = new();
        private SuspendReading() { }
    }

    public sealed class ResumeReading
    {
        public static ResumeReading Instance { get; } = new();
        private ResumeReading() { }
    }

    /// <summary>Marker of the four ways a connection ends; the handler gets exactly one.</summary>
    public abstract record ConnectionClosed;

    /// <summary>The client closed its side (FIN). For GameSpy protocols this is a logout.</summary>
    public sealed record PeerClosed : ConnectionClosed
    {
        public static PeerClosed Instance { get; } = new();
    }

    /// <summary>The socket failed (reset, timeout, too many unsent bytes…).</summary>
    public sealed record ErrorClosed(string Cause) : ConnectionClosed;

    /// <summary>The connection was closed gracefully on our <see cref="Close"/>.</summary>
    public sealed record Closed : ConnectionClosed
    {
        public static Closed Instance { get; } = new();
    }

    /// <summary>The connection was reset on our <see cref="Abort"/> (or by node shutdown).</summary>
    public sealed record Aborted : ConnectionClosed
    {
        public static Aborted Instance { get; } = new();
    }

    /// <summary>
    /// Smart restart is moving this connection to a successor process: reply <see cref="HandoverState"/> to the
    /// sender with everything needed to carry on (a <c>[WireName]</c> record the front-end's restore props accept),
    /// then do nothing more — the handler is stopped without a close message, since the console stays connected.
    /// </summary>
    public sealed class CaptureHandoverState
    {
        public static CaptureHandoverState Instance { get; } = new();
        private CaptureHandoverState() { }
    }

    /// <summary>The handler's answer to <see cref="CaptureHandoverState"/>; null state = start fresh in the successor.</summary>
    public sealed record HandoverState(object? State);

    /// <summary>A command that could not be carried out (for example a write after close).</summary>
    public sealed record CommandFailed(object Command, string Reason);
}
