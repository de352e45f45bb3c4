using System.Runtime.InteropServices;

namespace Wiimmfi.Host.Watchdog;

/// <summary>
/// Waits for any process to exit, not only a child: after a smart restart the node the watchdog must watch is the
/// successor, which the old node started. Uses a pidfd (Linux 5.3+), which becomes readable the moment the process
/// exits; falls back to looking at <c>/proc/&lt;pid&gt;</c> every few milliseconds.
/// </summary>
internal static partial class ProcessExitWatcher
{
    private const long SysPidfdOpen = 434;
    private const short PollIn = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Completes when process <paramref name="pid"/> no longer runs (or at once if it does not exist).</summary>
    public static Task WaitForExitAsync(int pid, CancellationToken cancellationToken) => Task.Factory.StartNew(() =>
    {
        var fd = (int)Syscall(SysPidfdOpen, pid, 0);
        if (fd < 0)
        {
            PollProc(pid, cancellationToken);
            return;
        }
        try
        {
            unsafe
            {
                var poll = new PollFd { Fd = fd, Events = PollIn };
                while (!cancellationToken.IsCancellationRequested)
                {
                    poll.Revents = 0;
                    if (Poll(&poll, 1, 100) > 0) return;
                }
            }
        }
        finally
        {
            Close(fd);
        }
    }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void PollProc(int pid, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && IsRunning(pid)) Thread.Sleep(5);
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.Length > 0 && state[0] != 'Z' && state[0] != 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
