using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Watchdog;

/// <summary>
/// <c>wiimmfi watchdog</c>: runs a node as a child process and starts it again the moment it dies (Wiimmfi's
/// watchdog, 2016: a crashed server back in under 100 ms, continuing from the stored state). It follows the node
/// through smart restarts — the old node leaves with <see cref="WiimmfiNode.HandedOverExitCode"/> and the successor,
/// named in <c>node.json</c>, is watched instead — and backs off when the node keeps crashing
/// (<see cref="CrashLoopPolicy"/>). SIGTERM/SIGINT stop the node (SIGTERM, so it closes connections gracefully) and
/// then the watchdog. Every death, restart and hand-over is logged.
/// </summary>
public sealed partial class NodeWatchdog
{
    private readonly IReadOnlyList<string> _nodeArguments;
    private readonly string _dataFolder;
    private readonly ILogger _logger;
    private readonly CrashLoopPolicy _policy;
    private int _currentPid;

    public NodeWatchdog(IReadOnlyList<string> nodeArguments, string dataFolder, ILogger logger, CrashLoopPolicy? policy = null)
    {
        _nodeArguments = nodeArguments;
        _dataFolder = dataFolder;
        _logger = logger;
        _policy = policy ?? new CrashLoopPolicy();
    }

    /// <summary>Nodes started so far (the first start included).</summary>
    public int Starts { get; private set; }

    public async Task<int> RunAsync(CancellationToken stop)
    {
        using var forward = stop.Register(() =>
        {
            if (_currentPid > 0) SendSignal(_currentPid, 15);
        });
        while (!stop.IsCancellationRequested)
        {
            var startedAt = DateTimeOffset.UtcNow;
            Process child;
            try
            {
                child = NodeCommand.Start(_nodeArguments);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                _logger.LogCritical("Watchdog cannot start the node: {Error}", e.Message);
                return 1;
            }
            Starts++;
            _currentPid = child.Id;
            _logger.LogInformation("Watchdog started node {Pid} (start {Count})", child.Id, Starts);
            var (pid, exitCode) = await WatchAsync(child, stop).ConfigureAwait(false);
            var diedAt = DateTimeOffset.UtcNow;
            if (stop.IsCancellationRequested)
            {
                _logger.LogInformation("Watchdog: node {Pid} stopped (exit code {Code}); watchdog leaving", pid, exitCode?.ToString() ?? "?");
                break;
            }
            var delay = _policy.OnDeath(diedAt, startedAt);
            _logger.LogWarning("Watchdog: node {Pid} died (exit code {Code}); restarting {When}", pid, exitCode?.ToString() ?? "unknown",
                delay == TimeSpan.Zero ? "now" : $"in {delay.TotalSeconds:F0} s (crash loop)");
            if (delay > TimeSpan.Zero)
            {
                try { await Task.Delay(delay, stop).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
        return 0;
    }

    /// <summary>Follows the node (and its successors) until one dies without handing over.</summary>
    private async Task<(int Pid, int? ExitCode)> WatchAsync(Process child, CancellationToken stop)
    {
        var pid = child.Id;
        await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        int? exitCode = child.ExitCode;
        while (exitCode == WiimmfiNode.HandedOverExitCode && !stop.IsCancellationRequested)
        {
            var successor = await SuccessorOfAsync(pid).ConfigureAwait(false);
            if (successor is null)
            {
                _logger.LogError("Watchdog: node {Pid} handed over, but no running successor is named in {File}", pid, NodeStatusFile.FileName);
                return (pid, exitCode);
            }
            _logger.LogInformation("Watchdog: node {Pid} handed over to {Successor} (smart restart); watching it", pid, successor.Value);
            pid = successor.Value;
            _currentPid = pid;
            await ProcessExitWatcher.WaitForExitAsync(pid, CancellationToken.None).ConfigureAwait(false);
            // Not our child: its exit code is not ours to read. A successor that hands over again rewrites node.json.
            exitCode = await SuccessorOfAsync(pid, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false) is not null ? WiimmfiNode.HandedOverExitCode : null;
        }
        return (pid, exitCode);
    }

    /// <summary>The pid node.json names once it no longer names <paramref name="pid"/>, if that process runs.</summary>
    private async Task<int?> SuccessorOfAsync(int pid, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (NodeStatusFile.TryRead(_dataFolder) is { } status && status.Pid != pid && ProcessExitWatcher.IsRunning(status.Pid))
                return status.Pid;
            await Task.Delay(5).ConfigureAwait(false);
        }
        return null;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
