using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Wiimmfi.LoadTest.Targets;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.LoadTest.Scenarios.Matchmaking;

/// <summary>
/// Thousands of emulated Mario Kart Wii consoles reporting to MASTER at once: one UDP socket per console (so each
/// has its own source address and port, as real consoles behind their own NATs), registered the way the SDK does it
/// — first heartbeat, the challenge answered with the game's secret key, CLIENT_REGISTERED — and then sending their
/// periodic heartbeat on demand, as fast as the caller asks.
/// </summary>
/// <remarks>
/// <para><b>Why not <c>Qr2Console</c>.</b> The emulator's console is the faithful one (tests use it, and so does
/// the <c>qr2-register</c> scenario), but each keeps a receive loop and builds its heartbeat anew per send. To
/// measure how many heartbeats a node absorbs the sender must stay far below the node's cost per datagram, so the
/// fleet prebuilds every heartbeat once and sends with one synchronous <c>send</c> on a connected socket each (no
/// allocation, no task, no route lookup). Its sockets never run an asynchronous operation: a socket the runtime's
/// epoll engine watches raises a readiness event for every datagram sent (measured: it doubled the sender's cost).</para>
/// <para><b>What the node sees.</b> After registration each console's heartbeat is the same bytes every time —
/// the common case, which a table absorbs without parsing. With <c>change</c> set, a console alternates between
/// two room sizes (<c>numplayers</c>), so every heartbeat changes its record: the expensive path.</para>
/// <para><b>Staying listed.</b> A table drops a host silent for 60 s, so a fleet that is not flooding refreshes
/// every console every <see cref="RefreshInterval"/> with its current heartbeat; disposing the fleet sends each
/// console's shutdown heartbeat, so the node forgets them at once and the next run starts from an empty table.</para>
/// <para>Loopback only: MASTER and every source address are checked.</para>
/// </remarks>
public sealed class Qr2HostFleet : IAsyncDisposable
{
    /// <summary>Most consoles in one fleet: one socket each, and a process may hold 20,000 open files here.</summary>
    public const int MaxHosts = 18_000;

    /// <summary>How often an idle fleet repeats every heartbeat: well inside the 60 s server expiry.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(20);

    /// <summary>Registrations run at once (each is a few datagrams and a challenge computation, mostly waiting).</summary>
    private const int RegistrationThreads = 16;

    /// <summary>First initial heartbeats of one console before the fleet gives up on it (the SDK sends four).</summary>
    private const int RegistrationAttempts = 5;

    /// <summary>How long a console waits for MASTER's answer before repeating its first heartbeat.</summary>
    private const int RegistrationRetryMilliseconds = 1000;

    private readonly FleetHost[] _hosts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _refresh;
    private long _cursor;
    private int _disposed;

    private Qr2HostFleet(FleetHost[] hosts)
    {
        _hosts = hosts;
        _refresh = Task.Run(RefreshLoopAsync);
    }

    /// <summary>The consoles, in registration order.</summary>
    public IReadOnlyList<FleetHost> Hosts => _hosts;

    public int Count => _hosts.Length;

    /// <summary>
    /// Opens <paramref name="count"/> sockets (console <c>i</c> on <paramref name="sources"/>[i % n], or 127.0.0.1)
    /// and registers every console with MASTER; the fleet is returned once all are listed. A console that is not
    /// confirmed after five initial heartbeats fails the whole call (<see cref="TimeoutException"/>), as does an
    /// ADDERROR (<see cref="InvalidOperationException"/>): a fleet with silent gaps would make the figures lie.
    /// </summary>
    /// <param name="firstProfileId">Console <c>i</c> reports <c>dwc_pid</c> = this + i.</param>
    /// <param name="seed">Seeds the mix of room states (<see cref="MkwHostKeys.Draw"/>).</param>
    public static async Task<Qr2HostFleet> RegisterAsync(IPEndPoint master, int count, IReadOnlyList<IPAddress> sources,
        uint firstProfileId, int seed, CancellationToken cancellationToken)
    {
        var fleet = Open(master, count, sources, firstProfileId, seed);
        try
        {
            await fleet.RegisterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return fleet;
    }

    /// <summary>
    /// Opens the sockets and draws the consoles without sending anything yet (then <see cref="RegisterAsync(CancellationToken)"/>):
    /// lets a memory measurement take its baseline with the fleet's own objects already in place.
    /// </summary>
    public static Qr2HostFleet Open(IPEndPoint master, int count, IReadOnlyList<IPAddress> sources, uint firstProfileId, int seed)
    {
        LoopbackAddresses.Require(master);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxHosts);
        foreach (var source in sources) LoopbackAddresses.Require(source);
        var random = new Random(seed);
        var hosts = new FleetHost[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                var local = sources.Count == 0 ? IPAddress.Loopback : sources[i % sources.Count];
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    // Connected: the kernel keeps the route, and each send is a plain send() with no address.
                    socket.Connect(master);
                    socket.ReceiveTimeout = RegistrationRetryMilliseconds;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                var instanceKey = new Qr2InstanceKey((uint)random.NextInt64(1, uint.MaxValue));
                hosts[i] = new FleetHost(socket, instanceKey, MkwHostKeys.Draw(firstProfileId + (uint)i, random));
            }
        }
        catch
        {
            foreach (var host in hosts) host?.Socket.Dispose();
            throw;
        }
        return new Qr2HostFleet(hosts);
    }

    /// <summary>Registers every console of an <see cref="Open"/>ed fleet (see the static <c>RegisterAsync</c>).</summary>
    public Task RegisterAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => RegisterAll(_hosts, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Managed bytes the fleet's prebuilt heartbeats take (two arrays per registered console, with the runtime's array
    /// header and 8-byte rounding): what registering adds on the fleet's side, to subtract from an in-process memory delta.
    /// </summary>
    public long PrebuiltHeartbeatBytes
    {
        get
        {
            static long Size(byte[] array) => array.Length == 0 ? 0 : (24 + array.Length + 7) / 8 * 8;
            long total = 0;
            foreach (var host in _hosts) total += Size(host.Usual) + Size(host.Changed);
            return total;
        }
    }

    /// <summary>
    /// Sends the periodic heartbeat of the next <paramref name="count"/> consoles, round robin over the fleet (safe
    /// from several threads at once); with <paramref name="change"/>, each changes the console's room size first.
    /// Returns the bytes sent. A socket error (the kernel's send buffer full) is thrown to the caller.
    /// </summary>
    public long SendHeartbeats(int count, bool change)
    {
        var hosts = _hosts;
        var first = Interlocked.Add(ref _cursor, count) - count;
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var host = hosts[(int)((ulong)(first + i) % (ulong)hosts.Length)];
            var datagram = change ? host.Flip() : host.Current;
            bytes += host.Socket.Send(datagram);
        }
        return bytes;
    }

    /// <summary>Sends every console's current heartbeat once (what keeps an idle fleet listed).</summary>
    public void Refresh()
    {
        foreach (var host in _hosts)
        {
            if (host.Current.Length == 0) continue; // not registered yet
            try
            {
                host.Socket.Send(host.Current);
            }
            catch (SocketException)
            {
                // One lost refresh is harmless: the next comes well before the server's expiry.
            }
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false)) Refresh();
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
        catch (ObjectDisposedException)
        {
            // disposed while refreshing
        }
    }

    /// <summary>
    /// Registers every console, <see cref="RegistrationThreads"/> at a time, on dedicated threads with blocking
    /// socket calls: a socket that never runs an asynchronous operation is never registered with the runtime's
    /// epoll engine, so the flood's sends later cost no readiness events.
    /// </summary>
    private static void RegisterAll(FleetHost[] hosts, CancellationToken cancellationToken)
    {
        var next = -1;
        Exception? failure = null;
        var threads = new Thread[Math.Min(RegistrationThreads, hosts.Length)];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                var buffer = new byte[1500];
                int i;
                while (Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < hosts.Length)
                {
                    try
                    {
                        RegisterOne(hosts[i], buffer, cancellationToken);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                    }
                }
            }) { IsBackground = true, Name = $"qr2-fleet-register-{t}" };
            threads[t].Start();
        }
        foreach (var thread in threads) thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>
    /// One console's registration, as the SDK does it: the first heartbeat (<c>statechanged=3</c>) until MASTER
    /// answers; the challenge answered with the secret key (its text tells the console its public address, which
    /// every later heartbeat reports); done at CLIENT_REGISTERED, when the first periodic heartbeat goes out.
    /// The socket is connected to MASTER, so it hears nobody else (the SDK also takes answers from MASTER only).
    /// </summary>
    private static void RegisterOne(FleetHost host, byte[] buffer, CancellationToken cancellationToken)
    {
        var initial = host.Build(Qr2StateChange.Initial, host.Keys.Players);
        for (var attempt = 0; attempt < RegistrationAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            host.Socket.Send(initial);
            try
            {
                while (true)
                {
                    var length = host.Socket.Receive(buffer); // bounded by the socket's receive timeout
                    switch (Qr2ServerPacketReader.Read(buffer.AsSpan(0, length)).Packet)
                    {
                        case Qr2ChallengePacket challenge when challenge.InstanceKey == host.InstanceKey:
                            if (Qr2Challenge.TryParse(challenge.Challenge, out _, out var ip, out var port)) host.Learn(ip, port);
                            host.Socket.Send(Qr2ClientPacketWriter.ChallengeResponse(host.InstanceKey,
                                Qr2ChallengeAlgorithm.ComputeResponse(MkwHostKeys.SecretKey, challenge.Challenge)));
                            break;
                        case Qr2ClientRegisteredPacket registered when registered.InstanceKey == host.InstanceKey:
                            host.Registered();
                            host.Socket.Send(host.Current);
                            return;
                        case Qr2AddErrorPacket error:
                            throw new InvalidOperationException($"MASTER refused console {host.LocalEndPoint}: {error.Message} (code {error.Code})");
                    }
                }
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionRefused)
            {
                // No confirmation within a second (or MASTER not up yet): send the first heartbeat again.
            }
        }
        throw new TimeoutException($"MASTER did not confirm console {host.LocalEndPoint} after {RegistrationAttempts} first heartbeats");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _refresh.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var host in _hosts)
        {
            try
            {
                // Leave matchmaking as a console does when it goes offline, so the table is empty for the next run.
                host.Socket.Send(host.Build(Qr2StateChange.Shutdown, host.Keys.Players));
            }
            catch (SocketException)
            {
                // MASTER is gone already; it will expire the host.
            }
            host.Socket.Dispose();
        }
        _stop.Dispose();
    }

    /// <summary>One console of the fleet: its socket, instance key, game keys and prebuilt heartbeats.</summary>
    public sealed class FleetHost
    {
        private byte[] _usual = [];
        private byte[] _changed = [];
        private bool _flipped;
        private uint _publicIp;
        private ushort _publicPort;

        internal FleetHost(Socket socket, Qr2InstanceKey instanceKey, MkwHostKeys keys)
        {
            Socket = socket;
            InstanceKey = instanceKey;
            Keys = keys;
            LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        }

        internal Socket Socket { get; }

        public Qr2InstanceKey InstanceKey { get; }

        public MkwHostKeys Keys { get; }

        /// <summary>The socket's address: what MASTER sees as the console's public address.</summary>
        public IPEndPoint LocalEndPoint { get; }

        /// <summary>The room size the console reports now: its drawn one, or one less (one more for a lone host)
        /// after an odd number of <see cref="Flip"/>s.</summary>
        public int Players => _flipped ? OtherPlayers : Keys.Players;

        private int OtherPlayers => Keys.Players == 1 ? 2 : Keys.Players - 1;

        /// <summary>The periodic heartbeat sent now (empty before registration).</summary>
        internal byte[] Current => _flipped ? _changed : _usual;

        internal byte[] Usual => _usual;

        internal byte[] Changed => _changed;

        internal void Learn(uint publicIp, ushort publicPort)
        {
            _publicIp = publicIp;
            _publicPort = publicPort;
        }

        /// <summary>Registered: build the two periodic heartbeats, one room size apart.</summary>
        internal void Registered()
        {
            _usual = Build(Qr2StateChange.Periodic, Keys.Players);
            _changed = Build(Qr2StateChange.Periodic, OtherPlayers);
        }

        /// <summary>Switches to the other room size and returns that heartbeat. Two threads flipping the same console
        /// at once may send one heartbeat twice: harmless, the second only counts as unchanged.</summary>
        internal byte[] Flip()
        {
            _flipped = !_flipped;
            return Current;
        }

        /// <summary>A heartbeat as the SDK writes it: the QR2 library keys, then the game's.</summary>
        internal byte[] Build(Qr2StateChange state, int players)
        {
            var keys = new List<KeyValuePair<string, string>>(24)
            {
                new(Qr2KeyNames.LocalIp0, LocalEndPoint.Address.ToString()),
                new(Qr2KeyNames.LocalPort, LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture)),
                new(Qr2KeyNames.NatNeg, "1"),
            };
            if (state != Qr2StateChange.Periodic)
                keys.Add(new(Qr2KeyNames.StateChanged, ((int)state).ToString(CultureInfo.InvariantCulture)));
            keys.Add(new(Qr2KeyNames.GameName, MkwHostKeys.GameName));
            keys.Add(new(Qr2KeyNames.PublicIp, Qr2PublicIp.Format(_publicIp, Qr2AddressByteOrder.BigEndian)));
            keys.Add(new(Qr2KeyNames.PublicPort, _publicPort.ToString(CultureInfo.InvariantCulture)));
            if (state == Qr2StateChange.Shutdown)
                return Qr2ClientPacketWriter.Heartbeat(InstanceKey, keys);
            keys.AddRange(Keys.GameKeys(players));
            return Qr2ClientPacketWriter.Heartbeat(InstanceKey, keys, Qr2KeyTable.Empty, Qr2KeyTable.Empty);
        }
    }
}
