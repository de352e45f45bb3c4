using System.Net;
using System.Net.Sockets;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Io;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.Frontends.NatNeg;

/// <summary>
/// The actor behind one NATNEG UDP socket (natneg1, natneg2 or natneg3). It is the <see cref="UdpBinding"/>'s
/// handler: each datagram is parsed (<see cref="NatNegParser"/>) and then
/// <list type="bullet">
/// <item>INIT, CONNECT_ACK, REPORT and PREINIT go to the negotiation of their cookie through the
/// <c>natneg</c> shard region, with this front-end as the place to answer (REPORT is also acknowledged at once
/// here: REPORT_ACK is a copy of the REPORT, whatever the negotiation's state);</item>
/// <item>ADDRESS_CHECK, NATIFY_REQUEST and BACKUP_TEST need no negotiation and are answered here — NATIFY from
/// whichever socket makes the console's NAT test truthful (<see cref="ErtSourceSelector"/>), which may be
/// another front-end's;</item>
/// <item>anything malformed, or a type a server never receives, is dropped and counted.</item>
/// </list>
/// It sends what negotiations and other front-ends ask (<see cref="NatNegSend"/>) from its socket: at once, or
/// through its <see cref="DelayedSendQueue{T}"/> for replies that must arrive late. It keeps no game state.
/// </summary>
public sealed class NatNegFrontend : UntypedActor, IWithTimers
{
    private const string FlushKey = "flush";

    private readonly NatNegFrontendSettings _settings;
    private readonly DelayedSendQueue<PendingReply> _queue;
    private readonly GameNameCache _gameNames = new();
    private IActorRef? _binding;
    private IPEndPoint? _localEndPoint;
    private IReadOnlyList<NatNegInstance> _instances = [];
    private IPEndPoint[] _socketsByRole = [];
    private int _selfRole = -1;

    public NatNegFrontend(NatNegFrontendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _queue = new DelayedSendQueue<PendingReply>(settings.ReplyQueueCapacity, settings.ReplyDelay, Context.System.Scheduler.TimeProvider);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Tells a front-end which NATNEG sockets the node has (itself included), in role order: natneg1 first.</summary>
    public sealed record UseInstances(IReadOnlyList<NatNegInstance> Instances);

    /// <summary>Asks for the reply queue's figures; answered with <see cref="QueueStats"/>.</summary>
    public sealed class GetQueueStats
    {
        public static GetQueueStats Instance { get; } = new();
        private GetQueueStats() { }
    }

    /// <summary>The reply queue of one front-end: replies waiting now, the most ever waiting, and replies sent early.</summary>
    public sealed record QueueStats(string Name, int Waiting, int HighWaterMark, int Capacity, long SentEarly);

    public static Props Props(NatNegFrontendSettings settings) => Runtime.Props.Create(() => new NatNegFrontend(settings));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Udp.Received received:
                _binding ??= Sender;
                try
                {
                    OnDatagram(received);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
                {
                    // A bug met by some datagram: drop that datagram, keep the socket's state (queue, peers).
                    NatNegLog.DatagramFailed(_settings.Logger, _settings.Name, received.Data.Length, received.Remote, e);
                }
                break;
            case NatNegSend send:
                Send(send);
                break;
            case Flush:
                FlushDue();
                break;
            case Udp.Bound bound:
                _binding = Sender;
                _localEndPoint = bound.LocalAddress;
                break;
            case UseInstances use:
                Use(use.Instances);
                break;
            case GetQueueStats:
                Sender.Tell(new QueueStats(_settings.Name, _queue.Count, _queue.HighWaterMark, _queue.Capacity, _queue.SentEarly));
                break;
            case Udp.Unbound:
                _binding = null;
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnDatagram(Udp.Received received)
    {
        var result = NatNegParser.Parse(received.Data.Span);
        if (!result.IsAccepted)
        {
            _settings.Metrics.Malformed(result.Reason);
            NatNegLog.Malformed(_settings.Logger, _settings.Name, received.Data.Length, received.Remote, result.Reason);
            return;
        }
        var packet = result.Packet;
        if (!TryGetIpv4(received.Remote, out var source))
        {
            Ignore(packet, received.Remote, NatNegIgnoredReason.NotIpv4);
            return;
        }

        switch (packet)
        {
            case NatNegInitPacket init when packet.Type == NatNegPacketType.Init:
                _settings.Sessions.Tell(new NatNegInitReceived(
                    NatNegSessions.EntityIdOf(packet.Cookie), packet.Header.Version, init.PortType, init.ClientIndex, init.UsesGamePort,
                    init.LocalAddress, _gameNames.Share(init.GameName), new NatNegEndpoint(source, Self)), Self);
                break;
            case NatNegInitPacket ack when packet.Type == NatNegPacketType.ConnectAck:
                _settings.Sessions.Tell(new NatNegConnectAckReceived(NatNegSessions.EntityIdOf(packet.Cookie), packet.Header.Version, ack.ClientIndex, source), Self);
                break;
            case NatNegReportPacket report when packet.Type == NatNegPacketType.Report:
                SendNow(NatNegReplies.ReportAck(report).ToArray(), received.Remote);
                _settings.Sessions.Tell(new NatNegReportReceived(NatNegSessions.EntityIdOf(packet.Cookie), packet.Header.Version, report.ClientIndex,
                    report.Succeeded, report.NatTypeRaw, report.MappingSchemeRaw, source), Self);
                break;
            case NatNegPreInitPacket preInit when packet.Type == NatNegPacketType.PreInit:
                _settings.Sessions.Tell(new NatNegPreInitReceived(NatNegSessions.EntityIdOf(packet.Cookie), packet.Header.Version, preInit.ClientIndex,
                    preInit.ClientId, new NatNegEndpoint(source, Self)), Self);
                break;
            case NatNegInitPacket check when packet.Type == NatNegPacketType.AddressCheck:
                _settings.Metrics.AddressCheckAnswered(); // counted first: the console may see the reply before this line runs
                SendNow(NatNegReplies.AddressReply(check, source).ToArray(), received.Remote);
                break;
            case NatNegInitPacket natify when packet.Type == NatNegPacketType.NatifyRequest:
                AnswerNatify(natify, source, received.Remote);
                break;
            case NatNegInitPacket when packet.Type == NatNegPacketType.ErtAck:
                _settings.Metrics.ErtAckReceived();
                break;
            case NatNegOpaquePacket backup when packet.Type == NatNegPacketType.BackupTest:
                _settings.Metrics.BackupTestAnswered();
                SendNow(NatNegReplies.BackupAck(backup).ToArray(), received.Remote);
                break;
            case { Type: NatNegPacketType.StateUpdate }:
                Ignore(packet, received.Remote, NatNegIgnoredReason.StateUpdate);
                break;
            default:
                Ignore(packet, received.Remote, NatNegIgnoredReason.NotForServer);
                break;
        }
    }

    private void AnswerNatify(NatNegInitPacket request, NatNegAddress source, IPEndPoint remote)
    {
        var sockets = _socketsByRole;
        var self = _selfRole;
        if (self < 0)
        {
            // Not told about the other sockets (yet): only this one is known.
            sockets = _localEndPoint is null ? [] : [_localEndPoint];
            self = 0;
        }
        var chosen = sockets.Length == 0 ? ErtSourceSelector.Unanswerable : ErtSourceSelector.Choose(sockets, self, request.PortType);
        if (chosen == ErtSourceSelector.Unanswerable)
        {
            _settings.Metrics.NatifyLeftUnanswered();
            NatNegLog.NatifyUnanswerable(_settings.Logger, _settings.Name, request.PortType, remote);
            return;
        }
        _settings.Metrics.NatifyAnsweredOnce();
        var ertTest = NatNegReplies.ErtTest(request).ToArray();
        if (chosen == self) SendNow(ertTest, remote);
        else _instances[chosen].Frontend.Tell(new NatNegSend(ertTest, source, Delayed: false), Self);
    }

    private void Send(NatNegSend send)
    {
        var target = send.Target.ToEndPoint();
        if (!send.Delayed || _queue.Delay == TimeSpan.Zero)
        {
            SendNow(send.Datagram, target);
            return;
        }
        _settings.Metrics.ReplyDelayed();
        if (_queue.Enqueue(new PendingReply(send.Datagram, target), out var early))
        {
            // Full: the oldest reply goes now rather than being dropped (Wiimmfi's rule).
            _settings.Metrics.ReplySentEarly();
            NatNegLog.QueueOverflow(_settings.Logger, _settings.Name, _queue.Capacity);
            SendNow(early.Datagram, early.Target);
        }
        ScheduleFlush();
    }

    private void FlushDue()
    {
        while (_queue.TryTakeDue(out var due)) SendNow(due.Datagram, due.Target);
        ScheduleFlush();
    }

    private void ScheduleFlush()
    {
        if (Timers.IsTimerActive(FlushKey) || _queue.TimeUntilNextDue() is not { } wait) return;
        // Whole milliseconds, rounded up: timers are millisecond-grained, and a timer that fires a fraction
        // early would only find nothing due and spin.
        Timers.StartSingleTimer(FlushKey, Flush.Instance, TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds))));
    }

    private void SendNow(byte[] datagram, IPEndPoint target)
    {
        if (_binding is null)
        {
            NatNegLog.NotBound(_settings.Logger, _settings.Name, target);
            return;
        }
        _binding.Tell(new Udp.Send(datagram, target), Self);
    }

    private void Use(IReadOnlyList<NatNegInstance> instances)
    {
        _instances = instances;
        _socketsByRole = new IPEndPoint[instances.Count];
        _selfRole = -1;
        for (var i = 0; i < instances.Count; i++)
        {
            _socketsByRole[i] = instances[i].LocalEndPoint;
            if (instances[i].Frontend.Equals(Self)) _selfRole = i;
        }
    }

    private void Ignore(NatNegPacket packet, IPEndPoint remote, NatNegIgnoredReason reason)
    {
        _settings.Metrics.Ignored(reason);
        NatNegLog.PacketIgnored(_settings.Logger, _settings.Name, packet.Type, remote, reason);
    }

    private static bool TryGetIpv4(IPEndPoint remote, out NatNegAddress address)
    {
        if (remote.AddressFamily == AddressFamily.InterNetwork || remote.Address.IsIPv4MappedToIPv6)
        {
            address = NatNegAddress.FromEndPoint(remote);
            return true;
        }
        address = default;
        return false;
    }

    protected override void PostStop()
    {
        // Replies still waiting go out now: a little early is better than never (if the socket is still there).
        if (_binding is not null) _queue.Drain(pending => SendNow(pending.Datagram, pending.Target));
    }

    private readonly record struct PendingReply(byte[] Datagram, IPEndPoint Target);

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }
}
