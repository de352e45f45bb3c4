using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Frontends.ServerBrowser;

/// <summary>
/// What an MS connection carries to a successor process at smart restart (<c>Tcp.CaptureHandoverState</c>): the
/// game its list requests named and the client's IP, so SEND_MESSAGE keeps working on the adopted connection.
/// The EncTypeX stream cannot be carried (the codec does not export its card state), so when
/// <paramref name="CipherStarted"/> the restored connection closes as soon as a request needs the cipher; the SDK
/// opens a new connection for every list query anyway.
/// </summary>
[WireName("ms.connection-state")]
public sealed record ServerBrowserHandoverState(string? Game, uint RemoteIp, bool CipherStarted);
