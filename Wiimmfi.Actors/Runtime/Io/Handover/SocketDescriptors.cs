using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Wiimmfi.Actors.Runtime.Io.Handover;

/// <summary>
/// Descriptor surgery for smart restart (Linux):
/// <list type="bullet">
/// <item><see cref="Detach"/> takes a live socket away from whoever holds it in this process without touching the
/// connection: it duplicates the descriptor (the copy travels to the successor) and then makes the original
/// descriptor number point at a harmless placeholder socket, so anything this process still does with it —
/// Kestrel's pending receive, its shutdown and close — hits the placeholder, never the console's connection.</item>
/// <item><see cref="BytesTakenByKernel"/> tells how many bytes the kernel has accepted from this side of a TCP
/// connection (acknowledged + still queued), which is how a hand-over knows every byte we wrote left the
/// transport's buffers before the socket moves on.</item>
/// </list>
/// </summary>
public static unsafe class SocketDescriptors
{
    /// <summary>The runtime's epoll descriptors (its socket event loops), found once in /proc/self/fd.</summary>
    private static readonly Lazy<int[]> EventLoops = new(() =>
    {
        var found = new List<int>();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                if (!int.TryParse(Path.GetFileName(entry), out var fd)) continue;
                try
                {
                    if (new FileInfo(entry).LinkTarget == "anon_inode:[eventpoll]") found.Add(fd);
                }
                catch (IOException) { }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return [.. found];
    });

    private static readonly Lazy<Socket> StreamPlaceholder = new(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));

    public static bool IsSupported => LibC.IsSupported;

    /// <summary>
    /// Returns a new descriptor for <paramref name="socket"/>'s connection and leaves <paramref name="socket"/> holding
    /// a placeholder. The caller owns the returned descriptor.
    /// </summary>
    public static int Detach(Socket socket)
    {
        var fd = (int)socket.Handle;
        var copy = LibC.Dup(fd);
        if (copy < 0) throw LibC.LastError("dup");
        // This process's event loop watches the connection under the old descriptor number. Unregister it first:
        // otherwise the registration outlives the number (the connection stays open elsewhere), and the same
        // connection could not be registered again under that number later — by a successor running in this
        // process (tests), or by this process taking the connection back when a hand-over is rolled back.
        foreach (var epoll in EventLoops.Value) LibC.EpollCtl(epoll, LibC.EpollCtlDel, fd, null);
        if (LibC.Dup2((int)StreamPlaceholder.Value.Handle, fd) < 0)
        {
            var error = LibC.LastError("dup2");
            LibC.Close(copy);
            throw error;
        }
        return copy;
    }

    /// <summary>Makes descriptor <paramref name="fd"/> name <paramref name="replacement"/>'s socket instead (atomic).</summary>
    public static void Replace(int fd, Socket replacement)
    {
        if (LibC.Dup2((int)replacement.Handle, fd) < 0) throw LibC.LastError("dup2");
    }

    /// <summary>A duplicate of <paramref name="socket"/>'s descriptor, leaving the original in use (listening sockets, UDP).</summary>
    public static int Duplicate(Socket socket)
    {
        var copy = LibC.Dup((int)socket.Handle);
        if (copy < 0) throw LibC.LastError("dup");
        return copy;
    }

    /// <summary>Closes a descriptor this process owns and will not wrap in a <see cref="Socket"/>.</summary>
    public static void Close(int fd) => LibC.Close(fd);

    /// <summary>
    /// Bytes this side has handed to the kernel on a TCP socket since the connection began: acknowledged by the
    /// peer (<c>tcpi_bytes_acked</c>) plus still in the send queue (<c>SIOCOUTQ</c>). Null when the kernel does not say.
    /// </summary>
    public static long? BytesTakenByKernel(Socket socket)
    {
        // struct tcp_info: tcpi_bytes_acked is the u64 at offset 120 (Linux >= 4.1).
        const int bytesAckedOffset = 120;
        var info = stackalloc byte[256];
        uint length = 256;
        if (LibC.GetSockOpt((int)socket.Handle, LibC.IpProtoTcp, LibC.TcpInfoOption, info, ref length) != 0 || length < bytesAckedOffset + 8)
            return null;
        var acked = *(ulong*)(info + bytesAckedOffset);
        int queued;
        if (LibC.Ioctl((int)socket.Handle, LibC.SiocOutQ, &queued) != 0) return null;
        return (long)acked + queued;
    }

    /// <summary>
    /// Bytes this side has read from a TCP socket since the connection began: received in order from the peer
    /// (<c>tcpi_bytes_received</c>) minus what still waits in the receive queue (<c>SIOCINQ</c>). Null when unknown.
    /// </summary>
    public static long? BytesReadFromKernel(Socket socket) => BytesReadFromKernel((int)socket.Handle);

    /// <inheritdoc cref="BytesReadFromKernel(Socket)"/>
    /// <remarks>On a bare descriptor: wrapping one in a <see cref="Socket"/> costs several system calls, once per
    /// connection at a hand-over.</remarks>
    public static long? BytesReadFromKernel(int descriptor)
    {
        const int bytesReceivedOffset = 128;
        var info = stackalloc byte[256];
        uint length = 256;
        if (LibC.GetSockOpt(descriptor, LibC.IpProtoTcp, LibC.TcpInfoOption, info, ref length) != 0 || length < bytesReceivedOffset + 8)
            return null;
        var received = *(ulong*)(info + bytesReceivedOffset);
        int waiting;
        if (LibC.Ioctl(descriptor, LibC.SiocInQ, &waiting) != 0) return null;
        return (long)received - waiting;
    }

    /// <summary>Leaves the process immediately, skipping every shutdown hook (sockets stay open for the successor).</summary>
    public static void ExitImmediately(int status)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        LibC.Exit(status);
    }

    internal static string LastErrorMessage => Marshal.GetLastPInvokeErrorMessage();
}
