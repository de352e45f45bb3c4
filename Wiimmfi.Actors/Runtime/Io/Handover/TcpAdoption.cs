namespace Wiimmfi.Actors.Runtime.Io.Handover;

/// <summary>
/// How an adopted connection resumes: the handler state captured by the previous process (null = fresh handler),
/// the bytes it still owed the console, and how many bytes the kernel had already taken from this socket when it
/// arrived and had been read from it (the baselines for the next hand-over's drain checks).
/// </summary>
public sealed record TcpAdoption(object? HandlerState, byte[] UnsentBytes, long KernelBytesAtAdoption, long KernelBytesReadAtAdoption = 0)
{
    /// <summary>Reads both baselines off a socket just received from a predecessor.</summary>
    public static TcpAdoption For(System.Net.Sockets.Socket socket, object? handlerState, byte[] unsentBytes) =>
        new(handlerState, unsentBytes, SocketDescriptors.BytesTakenByKernel(socket) ?? 0, SocketDescriptors.BytesReadFromKernel(socket) ?? 0);
}
