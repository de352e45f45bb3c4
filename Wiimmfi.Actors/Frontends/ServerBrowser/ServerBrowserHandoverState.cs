using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Frontends.ServerBrowser;

/// <summary>
/// What an MS connection carries to a successor process at smart restart (<c>Tcp.CaptureHandoverState</c>): the
/// game its list requests named, the client's IP, and the running EncTypeX state (<paramref name="CipherState"/>),
/// so the adopted connection continues the console's encrypted stream byte for byte: list requests and
/// SEND_MESSAGE keep working. A state from an older node without <paramref name="CipherState"/> but with
/// <paramref name="CipherStarted"/> cannot continue the stream; that connection closes when a request needs it.
/// </summary>
[WireName("ms.connection-state")]
public sealed record ServerBrowserHandoverState(string? Game, uint RemoteIp, bool CipherStarted, byte[]? CipherState = null);
