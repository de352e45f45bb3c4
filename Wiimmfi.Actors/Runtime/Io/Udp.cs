using System.Net;

namespace Wiimmfi.Actors.Runtime.Io;

/// <summary>
/// The UDP vocabulary (Akka.IO's names): a <see cref="UdpBinding"/> owns one socket and tells every datagram to
/// its handler as <see cref="Received"/>, with itself as sender; anyone may tell it <see cref="Send"/>.
/// </summary>
public static class Udp
{
    /// <summary>One datagram; the bytes are the handler's to keep.</summary>
    public sealed record Received(ReadOnlyMemory<byte> Data, IPEndPoint Remote)
    {
        public override string ToString() => $"Received({Data.Length} bytes from {Remote})";
    }

    /// <summary>Sends one datagram from the binding's socket.</summary>
    public sealed record Send(ReadOnlyMemory<byte> Data, IPEndPoint Target)
    {
        public override string ToString() => $"Send({Data.Length} bytes to {Target})";
    }

    /// <summary>Told to the handler once the binding is ready, with the address it listens on.</summary>
    public sealed record Bound(IPEndPoint LocalAddress);

    /// <summary>Closes the socket and stops the binding.</summary>
    public sealed class Unbind
    {
        public static Unbind Instance { get; } = new();
        private Unbind() { }
    }

    /// <summary>Told to the handler when the binding has closed its socket.</summary>
    public sealed class Unbound
    {
        public static Unbound Instance { get; } = new();
        private Unbound() { }
    }
}
