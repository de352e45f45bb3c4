using System.Net.Sockets;
using Wiimmfi.LoadTest.Targets;

namespace Wiimmfi.LoadTest.Engine;

/// <summary>
/// Names for failures the engine detects itself, and for exceptions a step lets escape, so the report groups them
/// by cause: <c>socket:ConnectionRefused</c> rather than one line per message text.
/// </summary>
public static class ErrorKinds
{
    /// <summary>The step ran longer than the scenario's step timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The run was aborted while the step ran (Ctrl+C twice, or a drain that outlived its timeout).</summary>
    public const string Cancelled = "cancelled";

    public static Response FromException(Exception exception)
    {
        var kind = KindOf(exception);
        return Response.Fail(kind, exception.Message);
    }

    public static string KindOf(Exception exception) => exception switch
    {
        SocketException socket => "socket:" + socket.SocketErrorCode,
        HttpRequestException { InnerException: { } inner } when Socket(inner) is { } socket => "socket:" + socket.SocketErrorCode,
        HttpRequestException http => http.HttpRequestError == HttpRequestError.Unknown ? "http" : "http:" + http.HttpRequestError,
        IOException { InnerException: { } inner } when Socket(inner) is { } socket => "socket:" + socket.SocketErrorCode,
        EndOfStreamException => "closed-by-server",
        IOException => "io",
        TimeoutException => Timeout,
        OperationCanceledException => Cancelled,
        NonLoopbackTargetException => "refused:non-loopback",
        _ => "exception:" + exception.GetType().Name,
    };

    private static SocketException? Socket(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is SocketException socket) return socket;
        return null;
    }
}
