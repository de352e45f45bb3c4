using System.Net;
using System.Net.Sockets;

namespace Wiimmfi.Host.Node;

/// <summary>Turns a refused bind into a message an operator can act on.</summary>
internal static class ListenerErrors
{
    public static NodeStartupException CannotBind(string name, string transport, IPEndPoint endpoint, string setting, Exception cause)
    {
        var reason = cause switch
        {
            SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => "the port is already in use by another program",
            SocketException { SocketErrorCode: SocketError.AccessDenied } => endpoint.Port < 1024
                ? "binding a port below 1024 needs root or the CAP_NET_BIND_SERVICE capability"
                : "permission denied",
            SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "this machine has no such address",
            _ => cause.Message,
        };
        return new NodeStartupException(
            $"cannot listen for {name} on {transport} {endpoint}: {reason}. " +
            $"Pick another with --set {setting}=<port> (or in the file given with --config).",
            cause);
    }
}
