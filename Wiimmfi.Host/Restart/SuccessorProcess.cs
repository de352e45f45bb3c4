using System.Diagnostics;
using System.Reflection;

namespace Wiimmfi.Host.Restart;

/// <summary>The successor of a smart restart, as the predecessor sees it: a pid it can wait for or kill.</summary>
public abstract class SuccessorProcess
{
    public abstract int Pid { get; }
    public abstract int? ExitCode { get; }
    public abstract Task WaitForExitAsync(CancellationToken cancellationToken);
    public abstract void Kill();

    /// <summary>
    /// Starts the same node again: this executable (or <paramref name="executable"/>, a new build) with this process's
    /// arguments plus <c>--takeover-from &lt;channel&gt;</c>. It shares this process's console, so its log continues
    /// where this one's stops, and it outlives this process.
    /// </summary>
    public static SuccessorProcess StartSameNode(string channelPath, IReadOnlyList<string> arguments, string? executable = null)
    {
        var start = new ProcessStartInfo { UseShellExecute = false };
        var host = executable ?? Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs this node");
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Started as `dotnet wiimmfi.dll …` (or `dotnet run`): run the entry assembly the same way.
            start.FileName = host;
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly"));
        }
        else if (host.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(host);
        }
        else
        {
            start.FileName = host;
        }
        var skipNext = false;
        foreach (var argument in arguments)
        {
            // A node that itself took over passes its own --takeover-from on; the successor gets a fresh one.
            if (skipNext) { skipNext = false; continue; }
            if (argument == TakeoverOption) { skipNext = true; continue; }
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add(TakeoverOption);
        start.ArgumentList.Add(channelPath);
        var process = Process.Start(start) ?? throw new InvalidOperationException("the successor process did not start");
        return new OsProcess(process);
    }

    /// <summary>The command-line switch that makes a node take over from a running one.</summary>
    public const string TakeoverOption = "--takeover-from";

    private sealed class OsProcess(Process process) : SuccessorProcess
    {
        public override int Pid => process.Id;
        public override int? ExitCode => process.HasExited ? process.ExitCode : null;
        public override Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

        public override void Kill()
        {
            try { if (!process.HasExited) process.Kill(); }
            catch (InvalidOperationException) { }
        }
    }
}

/// <summary>A successor running in this process (tests): its start task stands for the process.</summary>
public sealed class InProcessSuccessor(Task run, Action kill) : SuccessorProcess
{
    public override int Pid => Environment.ProcessId;
    public override int? ExitCode => run.IsCompleted ? (run.IsCompletedSuccessfully ? 0 : 1) : null;
    public override Task WaitForExitAsync(CancellationToken cancellationToken) => run.WaitAsync(cancellationToken);
    public override void Kill() => kill();
}
