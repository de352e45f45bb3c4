using System.Net;

namespace Wiimmfi.Actors.Runtime.Io.Handover;

/// <summary>
/// Everything a successor needs to carry on one TCP connection exactly where this process stopped: the socket
/// (a descriptor this process owns until it is sent), the bytes read from it but not yet cut into frames, the
/// bytes the handler wrote after its state was captured (not yet sent), and the handler's own state.
/// </summary>
/// <param name="Protocol">The front-end's name (<c>gpcm</c>, <c>ms</c>…): which front-end adopts it.</param>
/// <param name="Descriptor">The connection's socket descriptor in this process.</param>
/// <param name="HandlerState">What the handler replied to <see cref="Tcp.CaptureHandoverState"/> (a wire record), or null.</param>
public sealed record TcpHandoverPackage(
    string Protocol,
    int Descriptor,
    IPEndPoint Remote,
    IPEndPoint Local,
    byte[] UnreadBytes,
    byte[] UnsentBytes,
    object? HandlerState);

/// <summary>Why a connection could not be handed over (it is closed instead, and the console reconnects).</summary>
public sealed record TcpHandoverFailed(string Protocol, string Reason);

/// <summary>INTERNAL API. Asks one connection actor for its <see cref="TcpHandoverPackage"/>.</summary>
internal sealed record CaptureForHandover(TimeSpan DrainTimeout);
