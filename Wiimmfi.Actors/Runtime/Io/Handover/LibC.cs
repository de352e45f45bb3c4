using System.Runtime.InteropServices;

namespace Wiimmfi.Actors.Runtime.Io.Handover;

/// <summary>
/// INTERNAL API. The few Linux system calls smart restart needs and .NET does not expose: passing descriptors
/// over a Unix socket (<c>sendmsg</c>/<c>recvmsg</c> with <c>SCM_RIGHTS</c>), duplicating and replacing descriptors
/// (<c>dup</c>, <c>dup2</c>), reading how much a TCP socket has taken from us (<c>TCP_INFO</c>, <c>SIOCOUTQ</c>) and
/// leaving without running any shutdown code (<c>_exit</c>). Linux only; callers check <see cref="IsSupported"/>.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public const int SolSocket = 1;
    public const int ScmRights = 1;
    public const int IpProtoTcp = 6;
    public const int TcpInfoOption = 11;
    public const int SiocOutQ = 0x5411; // TIOCOUTQ == SIOCOUTQ on Linux
    public const int SiocInQ = 0x541B;  // FIONREAD == SIOCINQ on Linux
    public const int MsgCmsgCloexec = 0x40000000;

    public static bool IsSupported => OperatingSystem.IsLinux();

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ControlMessageHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    [LibraryImport(Library, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport(Library, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int socket, MessageHeader* message, int flags);

    [LibraryImport(Library, EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport(Library, EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    public const int EpollCtlDel = 2;

    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epollFd, int operation, int fd, void* ev);

    public const int EpollCtlAdd = 1;
    public const int EpollCloexec = 0x80000;
    public const uint EpollIn = 0x001;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollOneShot = 1u << 30;

    /// <summary>
    /// <c>struct epoll_event</c> is packed on x86-64 (12 bytes, data at offset 4) and naturally aligned elsewhere
    /// (16 bytes, data at offset 8).
    /// </summary>
    public static int EpollEventSize => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    public static int EpollEventDataOffset => EpollEventSize == 12 ? 4 : 8;

    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epollFd, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int socket, int level, int option, void* value, ref uint length);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, int* value);

    /// <summary>Ends the process at once: no finalizers, no ProcessExit handlers, no socket shutdowns.</summary>
    [LibraryImport(Library, EntryPoint = "_exit")]
    public static partial void Exit(int status);

    public static int ControlAlign(int length) => (length + IntPtr.Size - 1) & ~(IntPtr.Size - 1);

    public static int ControlSpace(int dataLength) => ControlAlign(sizeof(ControlMessageHeader)) + ControlAlign(dataLength);

    public static int ControlLength(int dataLength) => ControlAlign(sizeof(ControlMessageHeader)) + dataLength;

    public static Exception LastError(string call) =>
        new IOException($"{call} failed: {Marshal.GetLastPInvokeErrorMessage()} (errno {Marshal.GetLastPInvokeError()})");
}
