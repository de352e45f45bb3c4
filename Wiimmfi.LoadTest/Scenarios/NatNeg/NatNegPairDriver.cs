using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Wiimmfi.ConsoleEmulator.NatNeg;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.LoadTest.Scenarios.NatNeg;

/// <summary>
/// Many NAT negotiations at once between emulated consoles, each following the GameSpy SDK's natneg.c as the
/// console emulator's <see cref="NatNegConsole"/> does: four INITs per console (game port to natneg1, NN1/NN2/NN3
/// from the negotiation socket to natneg1/2/3), each resent every 500 ms until its INITACK (10 retries); on the
/// server's CONNECT a CONNECT_ACK to its sender and pings to the named partner from the game socket (every 700 ms,
/// 7 retries) until both know they reached each other; then a REPORT to natneg1 every 500 ms until REPORT_ACK
/// (4 retries). A negotiation succeeds when both consoles' reports were acknowledged.
/// </summary>
/// <remarks>
/// <para><b>Why not one <see cref="NatNegConsole"/> pair per negotiation.</b> Each emulated console opens two
/// sockets with a receive task each and its disposal waits for them synchronously; at a few hundred negotiations a
/// second that starved the load generator's thread pool long before the node was busy. This driver keeps a fixed set
/// of consoles (<see cref="Consoles"/>, two sockets each, spread over the run's source addresses) and runs every
/// negotiation through them: packets carry their cookie, so one console can take part in many negotiations at once,
/// as long as the two consoles of one negotiation are different ones. One blocking receive thread per socket (no
/// epoll readiness events per send) and one timer thread for retransmissions; state changes under a lock per
/// negotiation.</para>
/// <para><b>Pings.</b> A console answers a partner's ping unless that ping already says the partner is done
/// (<c>finished = 1</c>); the exchange ends after three pings instead of bouncing until both consoles forget the
/// negotiation. Pings never reach the server.</para>
/// <para>Loopback only: every server address and source address is checked.</para>
/// </remarks>
public sealed class NatNegPairDriver : IAsyncDisposable
{
    /// <summary>Consoles when none is asked for: 64 sockets, 64 receive threads.</summary>
    public const int DefaultConsoles = 32;

    /// <summary>Most consoles: two sockets and two threads each.</summary>
    public const int MaxConsoles = 512;

    /// <summary>A negotiation not finished after this long fails (the SDK waits up to 60 s for a partner; both
    /// consoles of ours start together, so anything near this is a lost negotiation).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private static readonly long InitInterval = Ticks(TimeSpan.FromMilliseconds(500));
    private const int InitRetries = 10;
    private static readonly long PingInterval = Ticks(TimeSpan.FromMilliseconds(700));
    private const int PingRetries = 7;
    private static readonly long ReportInterval = Ticks(TimeSpan.FromMilliseconds(500));
    private const int ReportRetries = 4;
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(20);

    private readonly ConsoleSlot[] _consoles;
    private readonly SocketAddress[] _servers; // natneg1, natneg2, natneg3
    private readonly ConcurrentDictionary<uint, Negotiation> _open = new();
    private readonly List<Thread> _threads = [];
    private readonly string _gameName;
    private volatile bool _stopping;
    private long _nextCookie = Random.Shared.Next();
    private long _nextPair = -1;
    private long _datagramsToServer;
    private long _datagramsFromServer;

    public NatNegPairDriver(NatNegServerAddresses servers, IReadOnlyList<IPAddress> sources, int consoles = DefaultConsoles, string gameName = "mariokartwii")
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentOutOfRangeException.ThrowIfLessThan(consoles, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(consoles, MaxConsoles);
        _servers = [Serialize(servers.Natneg1), Serialize(servers.Natneg2), Serialize(servers.Natneg3)];
        _gameName = gameName;
        _consoles = new ConsoleSlot[consoles];
        try
        {
            for (var i = 0; i < consoles; i++)
            {
                var address = LoopbackAddresses.Require(sources.Count == 0 ? IPAddress.Loopback : sources[i % sources.Count]);
                _consoles[i] = new ConsoleSlot(i, OpenSocket(address), OpenSocket(address));
            }
        }
        catch
        {
            foreach (var console in _consoles) console?.Dispose();
            throw;
        }
        foreach (var console in _consoles)
        {
            StartThread(() => ReceiveLoop(console, console.Game), $"natneg-driver-game-{console.Number}");
            StartThread(() => ReceiveLoop(console, console.Negotiation), $"natneg-driver-nn-{console.Number}");
        }
        StartThread(TimerLoop, "natneg-driver-timer");
    }

    /// <summary>The consoles negotiations are spread over.</summary>
    public int Consoles => _consoles.Length;

    /// <summary>Negotiations running now.</summary>
    public int Open => _open.Count;

    /// <summary>Datagrams sent to the server's sockets so far (INITs, CONNECT_ACKs, REPORTs and their repeats).</summary>
    public long DatagramsToServer => Interlocked.Read(ref _datagramsToServer);

    /// <summary>Datagrams received from the server's sockets so far (INITACKs, CONNECTs, REPORT_ACKs).</summary>
    public long DatagramsFromServer => Interlocked.Read(ref _datagramsFromServer);

    /// <summary>Runs one negotiation with a fresh cookie between the next two consoles in turn.</summary>
    public Task<NatNegPairResult> NegotiateAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var cookie = unchecked((uint)Interlocked.Increment(ref _nextCookie));
        var pair = Interlocked.Increment(ref _nextPair);
        // Console a and the one after it: on different source addresses whenever the run gives two or more.
        var a = _consoles[(int)((ulong)pair % (ulong)_consoles.Length)];
        var b = _consoles[(a.Number + 1) % _consoles.Length];
        var negotiation = new Negotiation(cookie, a, b, Stopwatch.GetTimestamp());
        if (!_open.TryAdd(cookie, negotiation))
            return Task.FromResult(NatNegPairResult.Failed("cookie-in-use", $"cookie {cookie} is already being negotiated", 0, 0));
        lock (negotiation)
        {
            foreach (var side in negotiation.Sides) SendInits(negotiation, side);
        }
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => Finish(negotiation, NatNegPairResult.Failed("cancelled", "the step was cancelled",
                negotiation.BytesIn, negotiation.BytesOut)));
            negotiation.Done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return negotiation.Done.Task;
    }

    private void ReceiveLoop(ConsoleSlot console, Socket socket)
    {
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!_stopping)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionReset)
            {
                continue; // a wake-up to look at _stopping, or an ICMP error from an earlier send
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            var parsed = NatNegParser.Parse(buffer.AsSpan(0, length));
            if (parsed.Packet is not { } packet || !_open.TryGetValue(packet.Cookie, out var negotiation)) continue;
            var fromServer = IsServer(from);
            if (fromServer) Interlocked.Increment(ref _datagramsFromServer);
            lock (negotiation)
            {
                if (negotiation.Finished) continue;
                negotiation.BytesIn += length;
                var side = negotiation.SideOf(console);
                if (side is null) continue;
                OnPacket(negotiation, side, socket == console.Game, packet, from, fromServer);
            }
        }
    }

    /// <summary>One packet for one console of a negotiation (under its lock).</summary>
    private void OnPacket(Negotiation negotiation, Side side, bool onGameSocket, NatNegPacket packet, SocketAddress from, bool fromServer)
    {
        switch (packet)
        {
            case NatNegInitPacket ack when packet.Type == NatNegPacketType.InitAck && fromServer:
                if ((int)ack.PortType <= 3) side.InitAcked[(int)ack.PortType] = true;
                break;
            case NatNegConnectPacket connect when packet.Type == NatNegPacketType.Connect && fromServer:
                if (connect.Finished != (byte)NatNegFinished.NoError)
                {
                    Finish(negotiation, NatNegPairResult.Failed("connect-" + ((NatNegFinished)connect.Finished).ToString().ToLowerInvariant(),
                        $"cookie {negotiation.Cookie}: the server ended the negotiation for console {side.Index}", negotiation.BytesIn, negotiation.BytesOut));
                    return;
                }
                // The SDK acknowledges every CONNECT, to the address it came from, from its negotiation socket.
                SendTo(negotiation, side.Console.Negotiation, NatNegReplies.ConnectAck(NatNegWire.DwcVersion, negotiation.Cookie, side.Index), from, toServer: true);
                if (side.State != SideState.InitSent) return;
                side.PeerAddress = connect.RemoteAddress;
                side.Peer = connect.RemoteAddress.ToEndPoint().Serialize();
                side.State = SideState.Pinging;
                side.Retries = 0;
                SendPing(negotiation, side);
                break;
            case NatNegConnectPacket ping when packet.Type == NatNegPacketType.ConnectPing && onGameSocket && !fromServer:
                if (side.State is not (SideState.Pinging or SideState.Reporting)) return; // before CONNECT the SDK ignores pings
                side.Peer = CopyOf(from); // the real source beats the server's word
                side.GotRemoteData = true;
                side.RemoteGotOurData |= ping.GotYourData != 0;
                if (ping.Finished == 0) SendPing(negotiation, side);
                if (side.State == SideState.Pinging && side.RemoteGotOurData) StartReport(negotiation, side, succeeded: true);
                break;
            case NatNegReportPacket when packet.Type == NatNegPacketType.ReportAck && fromServer:
                if (side.State != SideState.Reporting) return;
                side.State = SideState.Done;
                if (!side.Succeeded)
                {
                    Finish(negotiation, NatNegPairResult.Failed("ping-timeout", $"cookie {negotiation.Cookie}: console {side.Index} never heard its partner",
                        negotiation.BytesIn, negotiation.BytesOut));
                }
                else if (negotiation.Sides[1 - side.Index].State == SideState.Done)
                {
                    Finish(negotiation, NatNegPairResult.Ok(negotiation.BytesIn, negotiation.BytesOut));
                }
                break;
        }
    }

    private void TimerLoop()
    {
        var giveUp = Ticks(GiveUpAfter);
        while (!_stopping)
        {
            Thread.Sleep(TimerTick);
            var now = Stopwatch.GetTimestamp();
            foreach (var (_, negotiation) in _open)
            {
                lock (negotiation)
                {
                    if (negotiation.Finished) continue;
                    if (now - negotiation.StartedAt > giveUp)
                    {
                        Finish(negotiation, NatNegPairResult.Failed("gave-up", $"cookie {negotiation.Cookie}: not finished after {GiveUpAfter.TotalSeconds:0} s",
                            negotiation.BytesIn, negotiation.BytesOut));
                        continue;
                    }
                    foreach (var side in negotiation.Sides)
                    {
                        if (now < side.RetryAt || negotiation.Finished) continue;
                        OnRetryDue(negotiation, side);
                    }
                }
            }
        }
    }

    /// <summary>A console's retransmission time came (under the negotiation's lock).</summary>
    private void OnRetryDue(Negotiation negotiation, Side side)
    {
        switch (side.State)
        {
            case SideState.InitSent when !side.AllInitsAcked:
                if (side.Retries++ >= InitRetries)
                {
                    Finish(negotiation, NatNegPairResult.Failed("init-timeout", $"cookie {negotiation.Cookie}: console {side.Index}'s INITs were not all acknowledged",
                        negotiation.BytesIn, negotiation.BytesOut));
                    return;
                }
                SendInits(negotiation, side);
                break;
            case SideState.InitSent:
                side.RetryAt = long.MaxValue; // all acknowledged: wait for CONNECT (bounded by GiveUpAfter)
                break;
            case SideState.Pinging:
                if (side.Retries++ >= PingRetries)
                {
                    StartReport(negotiation, side, succeeded: false); // the SDK reports the failure too
                    return;
                }
                SendPing(negotiation, side);
                break;
            case SideState.Reporting:
                if (side.Retries++ >= ReportRetries)
                {
                    Finish(negotiation, NatNegPairResult.Failed("report-unacknowledged", $"cookie {negotiation.Cookie}: console {side.Index}'s REPORT was never acknowledged",
                        negotiation.BytesIn, negotiation.BytesOut));
                    return;
                }
                SendReport(negotiation, side);
                break;
        }
    }

    private void SendInits(Negotiation negotiation, Side side)
    {
        var console = side.Console;
        var privateIp = NatNegAddress.FromEndPoint(console.Address).Ip;
        // As the SDK: GP and NN1 carry no local port (it is known only after the first send), NN2/NN3 the game port.
        var noPort = new NatNegAddress(privateIp, 0);
        var gamePort = new NatNegAddress(privateIp, (ushort)console.GameEndPoint.Port);
        if (!side.InitAcked[0]) SendTo(negotiation, console.Game, Init(negotiation, side, NatNegPortType.GamePort, noPort), _servers[0], toServer: true);
        if (!side.InitAcked[1]) SendTo(negotiation, console.Negotiation, Init(negotiation, side, NatNegPortType.Nn1, noPort), _servers[0], toServer: true);
        if (!side.InitAcked[2]) SendTo(negotiation, console.Negotiation, Init(negotiation, side, NatNegPortType.Nn2, gamePort), _servers[1], toServer: true);
        if (!side.InitAcked[3]) SendTo(negotiation, console.Negotiation, Init(negotiation, side, NatNegPortType.Nn3, gamePort), _servers[2], toServer: true);
        side.RetryAt = Stopwatch.GetTimestamp() + InitInterval;
    }

    private NatNegInitPacket Init(Negotiation negotiation, Side side, NatNegPortType portType, NatNegAddress local) =>
        NatNegInitPacket.CreateInit(NatNegWire.DwcVersion, negotiation.Cookie, portType, side.Index, useGamePort: true, local, _gameName);

    /// <summary>A ping to the partner: "got your data" once one of its pings arrived, "finished" once it also said it
    /// got ours (the SDK's two flags).</summary>
    private void SendPing(Negotiation negotiation, Side side)
    {
        if (side.Peer is null) return;
        var gotRemote = side.GotRemoteData;
        var ping = new NatNegConnectPacket(new NatNegHeader(NatNegWire.DwcVersion, NatNegPacketType.ConnectPing, negotiation.Cookie), NatNegWire.ConnectSize,
            side.PeerAddress, gotRemote ? (byte)1 : (byte)0, gotRemote && side.RemoteGotOurData ? (byte)1 : (byte)0);
        SendTo(negotiation, side.Console.Game, ping, side.Peer, toServer: false);
        side.RetryAt = Stopwatch.GetTimestamp() + PingInterval;
    }

    private void StartReport(Negotiation negotiation, Side side, bool succeeded)
    {
        side.State = SideState.Reporting;
        side.Succeeded = succeeded;
        side.Retries = 0;
        SendReport(negotiation, side);
    }

    private void SendReport(Negotiation negotiation, Side side)
    {
        // A Wii writes the NAT type it detected big-endian; these consoles ran no NAT test (6: unknown).
        var report = new NatNegReportPacket(new NatNegHeader(NatNegWire.DwcVersion, NatNegPacketType.Report, negotiation.Cookie), NatNegWire.ReportSize,
            NatNegPortType.GamePort, side.Index, side.Succeeded ? (byte)1 : (byte)0, (uint)NatType.Unknown, (uint)NatMappingScheme.Unrecognized, _gameName);
        SendTo(negotiation, side.Console.Negotiation, report, _servers[0], toServer: true);
        side.RetryAt = Stopwatch.GetTimestamp() + ReportInterval;
    }

    private void SendTo(Negotiation negotiation, Socket socket, NatNegPacket packet, SocketAddress target, bool toServer)
    {
        Span<byte> datagram = stackalloc byte[NatNegWire.MaxPacketSize];
        var length = packet.WriteTo(datagram);
        try
        {
            socket.SendTo(datagram[..length], SocketFlags.None, target);
            negotiation.BytesOut += length;
            if (toServer) Interlocked.Increment(ref _datagramsToServer);
        }
        catch (SocketException)
        {
            // Lost like any datagram; the retransmission timer covers it.
        }
        catch (ObjectDisposedException)
        {
            // the driver is closing
        }
    }

    private void Finish(Negotiation negotiation, NatNegPairResult result)
    {
        lock (negotiation)
        {
            if (negotiation.Finished) return;
            negotiation.Finished = true;
        }
        _open.TryRemove(new KeyValuePair<uint, Negotiation>(negotiation.Cookie, negotiation));
        negotiation.Done.TrySetResult(result);
    }

    private bool IsServer(SocketAddress from) => from.Equals(_servers[0]) || from.Equals(_servers[1]) || from.Equals(_servers[2]);

    private static SocketAddress CopyOf(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span.CopyTo(copy.Buffer.Span);
        return copy;
    }

    private static SocketAddress Serialize(IPEndPoint endpoint) => LoopbackAddresses.Require(endpoint).Serialize();

    private static Socket OpenSocket(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            socket.ReceiveTimeout = 250; // how soon a receive thread notices the driver closing
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void StartThread(ThreadStart body, string name)
    {
        var thread = new Thread(body) { IsBackground = true, Name = name };
        _threads.Add(thread);
        thread.Start();
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public ValueTask DisposeAsync()
    {
        if (_stopping) return ValueTask.CompletedTask;
        _stopping = true;
        foreach (var (_, negotiation) in _open)
            Finish(negotiation, NatNegPairResult.Failed("cancelled", "the driver closed", negotiation.BytesIn, negotiation.BytesOut));
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(2));
        foreach (var console in _consoles) console.Dispose();
        return ValueTask.CompletedTask;
    }

    private enum SideState { InitSent, Pinging, Reporting, Done }

    /// <summary>One emulated console: a game socket and a negotiation socket on one address.</summary>
    private sealed class ConsoleSlot(int number, Socket game, Socket negotiation) : IDisposable
    {
        public int Number { get; } = number;
        public Socket Game { get; } = game;
        public Socket Negotiation { get; } = negotiation;
        public IPEndPoint GameEndPoint { get; } = (IPEndPoint)game.LocalEndPoint!;
        public IPEndPoint Address => GameEndPoint;

        public void Dispose()
        {
            Game.Dispose();
            Negotiation.Dispose();
        }
    }

    /// <summary>One console's progress in one negotiation.</summary>
    private sealed class Side(ConsoleSlot console, byte index)
    {
        public ConsoleSlot Console { get; } = console;
        public byte Index { get; } = index;
        public SideState State { get; set; }
        public bool[] InitAcked { get; } = new bool[4];
        public bool AllInitsAcked => InitAcked[0] && InitAcked[1] && InitAcked[2] && InitAcked[3];
        public int Retries { get; set; }
        public long RetryAt { get; set; }
        public SocketAddress? Peer { get; set; }
        public NatNegAddress PeerAddress { get; set; }
        public bool GotRemoteData { get; set; }
        public bool RemoteGotOurData { get; set; }
        public bool Succeeded { get; set; }
    }

    private sealed class Negotiation(uint cookie, ConsoleSlot first, ConsoleSlot second, long startedAt)
    {
        public uint Cookie { get; } = cookie;
        public Side[] Sides { get; } = [new Side(first, 0), new Side(second, 1)];
        public long StartedAt { get; } = startedAt;
        public bool Finished { get; set; }
        public long BytesIn { get; set; }
        public long BytesOut { get; set; }
        public TaskCompletionSource<NatNegPairResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Side? SideOf(ConsoleSlot console) =>
            ReferenceEquals(Sides[0].Console, console) ? Sides[0] : ReferenceEquals(Sides[1].Console, console) ? Sides[1] : null;
    }
}

/// <summary>How one negotiation of <see cref="NatNegPairDriver"/> ended, and the bytes its two consoles received and sent.</summary>
public sealed record NatNegPairResult(bool Succeeded, string? FailureKind, string? Detail, long BytesIn, long BytesOut)
{
    public static NatNegPairResult Ok(long bytesIn, long bytesOut) => new(true, null, null, bytesIn, bytesOut);

    public static NatNegPairResult Failed(string kind, string detail, long bytesIn, long bytesOut) => new(false, kind, detail, bytesIn, bytesOut);
}
