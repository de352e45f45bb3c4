using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Actors.Runtime.Io.Handover;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Restart;

/// <summary>
/// The running node's side of a smart restart (Wiimmfi's "restart with new code but without loss of any network
/// connection or packet"). It starts a successor process, lets it come up on duplicates of every socket while this
/// node keeps serving, then switches:
///
///   1. stop accepting (Kestrel's listening descriptors now name a placeholder; the backlog waits for the successor);
///   2. stop reading UDP at a precise point, keeping the datagrams read meanwhile;
///   3. take every TCP connection: handler state captured, written bytes drained into the kernel, unread bytes kept;
///   4. wait for the actors to go quiet (every message in flight handled), then fence the journal (every event
///      persisted so far is flushed, every later write refused: the successor's recovered entities own the streams);
///   5. send it all; the successor adopts it and says Ready; this node then finishes its HTTP requests and leaves
///      with <c>_exit</c>, which closes nothing the successor holds.
///
/// If the successor does not come up, nothing has changed and this node keeps serving. If it fails after the
/// switch, this node takes everything back (listeners re-armed, UDP sockets and connections re-adopted) and keeps
/// serving. The switch time — from step 1 to Ready — is what consoles could notice; it is reported.
/// </summary>
public sealed class SmartRestart
{
    private readonly WiimmfiNode _node;
    private readonly ILogger _logger;

    public SmartRestart(WiimmfiNode node)
    {
        _node = node;
        _logger = node.Context.LoggerFactory.CreateLogger<SmartRestart>();
    }

    /// <summary>How long the successor may take to start and prepare before the restart is called off.</summary>
    public TimeSpan PrepareTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long the switch itself may take before it is rolled back.</summary>
    public TimeSpan SwitchTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <param name="startSuccessor">Starts the successor given the channel path (default: the same executable and
    /// arguments plus <c>--takeover-from</c>; tests start an in-process node instead).</param>
    public async Task<SmartRestartResult> RunAsync(Func<string, SuccessorProcess> startSuccessor, CancellationToken cancellationToken = default)
    {
        if (!SocketDescriptors.IsSupported) return SmartRestartResult.Failed("smart restart needs Linux (descriptor passing)");
        var path = Path.Combine(_node.Context.DataFolder, $"handover-{Environment.ProcessId}.sock");
        using var listener = UnixFdChannel.Listen(path);
        SuccessorProcess successor;
        try
        {
            successor = startSuccessor(path);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return SmartRestartResult.Failed($"could not start the successor: {e.Message}");
        }
        _logger.LogInformation("Smart restart: successor {Pid} starting", successor.Pid);
        HandoverConversation conversation;
        try
        {
            var accepted = await AcceptAsync(listener, successor, cancellationToken).ConfigureAwait(false);
            var channel = new UnixFdChannel(accepted) { ReceiveTimeout = PrepareTimeout };
            conversation = new HandoverConversation(channel);
        }
        catch (HandoverFailedException e)
        {
            successor.Kill();
            return SmartRestartResult.Failed(e.Message);
        }
        finally
        {
            File.Delete(path);
        }
        using (conversation)
        {
            try
            {
                conversation.Receive(HandoverMessageKind.Hello, HandoverJsonContext.Default.HelloMessage);
                SendSockets(conversation);
                var (prepared, _) = await Task.Run(() => conversation.Receive(HandoverMessageKind.Prepared, HandoverJsonContext.Default.PreparedMessage), cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Smart restart: successor {Pid} prepared in {Ms} ms; switching", successor.Pid, prepared.PreparedInMilliseconds);
            }
            catch (Exception e) when (e is HandoverFailedException or IOException or TimeoutException or InvalidDataException)
            {
                conversation.Abort(e.Message);
                successor.Kill();
                _logger.LogWarning("Smart restart called off before the switch, still serving: {Reason}", e.Message);
                return SmartRestartResult.Failed(e.Message);
            }
            return await SwitchAsync(conversation, successor, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Socket> AcceptAsync(Socket listener, SuccessorProcess successor, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var accept = listener.AcceptAsync(timeout.Token).AsTask();
        var exited = successor.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(accept, exited).ConfigureAwait(false);
        if (first == accept && accept.IsCompletedSuccessfully) return accept.Result;
        if (exited.IsCompletedSuccessfully)
            throw new HandoverFailedException($"the successor exited with code {successor.ExitCode} before it connected (see its log)");
        throw new HandoverFailedException("the successor did not connect in time");
    }

    private void SendSockets(HandoverConversation conversation)
    {
        var listeners = _node.ListenSockets.DuplicateForSuccessor();
        var udp = _node.Context.UdpBindings.Select(b => (b.Name, Descriptor: SocketDescriptors.Duplicate(b.Socket))).ToList();
        try
        {
            conversation.Send(HandoverMessageKind.Sockets,
                new SocketsMessage([.. listeners.Select(l => l.Name)], [.. udp.Select(u => u.Name)]),
                HandoverJsonContext.Default.SocketsMessage,
                [.. listeners.Select(l => l.Descriptor), .. udp.Select(u => u.Descriptor)]);
        }
        finally
        {
            // The successor holds its own copies now.
            foreach (var (_, fd) in listeners) SocketDescriptors.Close(fd);
            foreach (var (_, fd) in udp) SocketDescriptors.Close(fd);
        }
    }

    private async Task<SmartRestartResult> SwitchAsync(HandoverConversation conversation, SuccessorProcess successor, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        _node.EnterHandover();
        _node.ListenSockets.StopAccepting();

        var udpTasks = _node.Context.UdpBindings.Select(b =>
            b.Actor.Ask<UdpHandoverPackage>(UdpBinding.CaptureForHandover.Instance, SwitchTimeout, cancellationToken)).ToList();
        var tcpTasks = _node.Context.TcpFrontends.Select(f => f.CaptureAllForHandoverAsync(TimeSpan.FromSeconds(5))).ToList();
        var udp = await Task.WhenAll(udpTasks).ConfigureAwait(false);
        var udpCaptured = clock.Elapsed;
        var tcp = await Task.WhenAll(tcpTasks).ConfigureAwait(false);
        var tcpCaptured = clock.Elapsed;
        var packages = tcp.SelectMany(t => t.Packages).ToList();
        var failures = tcp.SelectMany(t => t.Failures).ToList();
        await _node.WaitUntilQuietAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        // From here the successor's recovered entities own every stream: what this node's entities decided so
        // far is flushed, anything a late timer of theirs persists is refused.
        if (_node.Context.Services.TryGet<Persistence>(out var persistence) && persistence is not null)
            await persistence.FenceAsync().ConfigureAwait(false);
        var captured = clock.Elapsed;

        try
        {
            var serializer = new MessageSerializer(_node.Context.WireTypes, _node.System);
            var batches = packages.Chunk(UnixFdChannel.MaxDescriptorsPerMessage).ToList();
            conversation.Send(HandoverMessageKind.Switch, new SwitchMessage(
                [.. udp.Select(u => new UdpCapture(u.Name, [.. u.Captured.Select(d => new CapturedDatagramDto(d.Data, d.Address, d.Port))]))],
                batches.Count, startedAt.ToUnixTimeMilliseconds()), HandoverJsonContext.Default.SwitchMessage);
            foreach (var batch in batches)
            {
                conversation.Send(HandoverMessageKind.Connections,
                    new ConnectionsMessage([.. batch.Select(p => ToDto(p, serializer))]),
                    HandoverJsonContext.Default.ConnectionsMessage, [.. batch.Select(p => p.Descriptor)]);
            }
            conversation.Send(HandoverMessageKind.Complete, new CompleteMessage(packages.Count, failures.Count, udp.Sum(u => u.Captured.Count)),
                HandoverJsonContext.Default.CompleteMessage);
            conversation.Channel.ReceiveTimeout = SwitchTimeout;
            var sent = clock.Elapsed;
            var (ready, _) = await Task.Run(() => conversation.Receive(HandoverMessageKind.Ready, HandoverJsonContext.Default.ReadyMessage), cancellationToken).ConfigureAwait(false);
            clock.Stop();
            foreach (var p in packages) SocketDescriptors.Close(p.Descriptor);
            foreach (var u in udp) SocketDescriptors.Close(u.Descriptor);
            _logger.LogInformation("Smart restart: switched to {Pid} in {Ms:F1} ms ({Connections} connections, {Datagrams} datagrams carried over)",
                successor.Pid, clock.Elapsed.TotalMilliseconds, ready.AdoptedConnections, ready.DeliveredDatagrams);
            return new SmartRestartResult(true, null, successor.Pid, clock.Elapsed.TotalMilliseconds, captured.TotalMilliseconds,
                ready.AdoptedConnections, failures.Count, ready.DeliveredDatagrams)
            {
                Phases = new SwitchPhases(udpCaptured.TotalMilliseconds, tcpCaptured.TotalMilliseconds, captured.TotalMilliseconds,
                    sent.TotalMilliseconds, clock.Elapsed.TotalMilliseconds),
            };
        }
        catch (Exception e) when (e is HandoverFailedException or IOException or TimeoutException or InvalidDataException)
        {
            _logger.LogError("Smart restart failed after the switch ({Reason}); taking everything back and serving on", e.Message);
            conversation.Abort(e.Message);
            successor.Kill();
            Rollback(udp, packages);
            return SmartRestartResult.Failed($"the successor failed during the switch ({e.Message}); this node took everything back and keeps serving");
        }
    }

    private static ConnectionDto ToDto(TcpHandoverPackage package, MessageSerializer serializer)
    {
        string? manifest = null;
        byte[]? state = null;
        if (package.HandlerState is { } handlerState)
        {
            manifest = serializer.Manifest(handlerState);
            state = serializer.ToBinary(handlerState);
        }
        return new ConnectionDto(package.Protocol, package.Remote.Address.ToString(), package.Remote.Port,
            package.Local.Address.ToString(), package.Local.Port, package.UnreadBytes, package.UnsentBytes, manifest, state);
    }

    private void Rollback(UdpHandoverPackage[] udp, List<TcpHandoverPackage> packages)
    {
        if (_node.Context.Services.TryGet<Persistence>(out var persistence)) persistence?.Unfence();
        _node.ListenSockets.ResumeAccepting();
        foreach (var package in udp)
        {
            var handle = _node.Context.UdpBindings.FirstOrDefault(b => b.Name == package.Name);
            if (handle is null) continue;
            var socket = new Socket(new SafeSocketHandle(package.Descriptor, ownsHandle: true));
            _node.Context.ReplaceUdpBinding(handle, UdpBinding.Adopt(_node.System, package.Name + "-r", socket, handle.Handler,
                [.. package.Captured.Select(d => new Udp.Received(d.Data, d.Remote))]));
        }
        foreach (var package in packages)
        {
            var frontend = _node.Context.TcpFrontends.FirstOrDefault(f => f.Name == package.Protocol);
            var socket = new Socket(new SafeSocketHandle(package.Descriptor, ownsHandle: true));
            if (frontend is null)
            {
                socket.Dispose();
                continue;
            }
            _ = frontend.AdoptAsync(socket, package.UnreadBytes, TcpAdoption.For(socket, package.HandlerState, package.UnsentBytes));
        }
        _node.LeaveHandover();
    }
}

/// <summary>What a smart restart did, for the operator who asked for it.</summary>
public sealed record SmartRestartResult(bool Succeeded, string? Error, int SuccessorPid, double SwitchMilliseconds, double CaptureMilliseconds,
    int Connections, int FailedConnections, int Datagrams)
{
    /// <summary>When each step of the switch ended, in milliseconds from its start.</summary>
    public SwitchPhases? Phases { get; init; }

    public static SmartRestartResult Failed(string error) => new(false, error, 0, 0, 0, 0, 0, 0);
}

