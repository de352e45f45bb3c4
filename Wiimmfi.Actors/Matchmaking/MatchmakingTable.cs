using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// One game's matchmaking table (Wiimmfi's MASTER table): the consoles that report themselves over QR2, searched
/// by the server browser. A sharded entity; its id is the gamename.
/// </summary>
/// <remarks>
/// <para><b>What it does.</b> A console's first heartbeat registers it and earns it a challenge; the right
/// response (checked with the game's secret key) makes it <i>authenticated</i>, and only authenticated hosts
/// heard from within the expiry time are listed. Later heartbeats update its keys; a shutdown heartbeat removes
/// it at once; silence removes it after the expiry (or the shorter challenge timeout while unauthenticated).
/// Server-browser queries are answered from an index (<see cref="HostIndex"/>), and client messages for a host are
/// relayed through the QR2 front-end until the host acknowledges them or the relay gives up.</para>
/// <para><b>State.</b> Three layers, so that the table can become persistent (issue 8) without changing shape:
/// <see cref="TableState"/> is immutable and changes only through <see cref="Apply"/> of a <see cref="TableEvent"/>
/// (decisions are made first, in the handlers; applying is pure); <see cref="HostIndex"/> is derived from it;
/// <see cref="HostSession"/>s hold what is not worth keeping — liveness, the last heartbeat's bytes, pending client
/// messages, the front-end to answer through.</para>
/// <para><b>Invariants.</b> Every host in the state has exactly one session and one index slot, and nothing else
/// does. A heartbeat byte-identical to the host's previous one changes nothing but liveness (no parse, no event):
/// that is the common case, and the table "changes only when a record changes". Replies to a console always leave
/// through the front-end that forwarded its last packet.</para>
/// <para><b>What can go wrong.</b> Everything arriving here comes from consoles: datagrams are re-parsed with the
/// bounded codec and refused with a counter; the table never throws on input (a throw would restart the entity
/// and lose the table until persistence exists). Capacity is bounded (<see cref="MatchmakingSettings.MaxHostsPerGame"/>,
/// a quarter of it for unauthenticated hosts, so spoofed first heartbeats cannot crowd out real consoles), and so
/// are pooled key names and values (beyond the pools, strings are just not shared), indexed keys, cached filters
/// and queued client messages.</para>
/// <para><b>Persistence</b> (stream <c>matchmaking-&lt;gamename&gt;</c>, see MatchmakingTable.Persistence.cs): the
/// events are journaled write-behind, the table is snapshotted every <c>snapshot-every</c> events and when an empty
/// table passivates, and a recovered table lists its hosts until they expire (their liveness clock restarts at
/// recovery).</para>
/// </remarks>
public sealed partial class MatchmakingTable : PersistentActor, IWithTimers
{
    private readonly string _gameName;
    private readonly MatchmakingSettings _settings;
    private readonly GameListProvider _games;
    private readonly MatchmakingMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly Dictionary<HostAddress, HostSession> _sessions = [];
    private readonly HostIndex _index = new();
    private readonly KeyInterner _interner = new();
    private readonly FilterCache _filters;
    private readonly Func<string, bool> _isKnownKey;
    private TableState _state;

    public MatchmakingTable(string gameName, MatchmakingSettings settings, GameListProvider games, MatchmakingMetrics metrics,
        string? persistenceId = null)
    {
        _gameName = gameName;
        _settings = settings;
        _games = games;
        _metrics = metrics;
        _clock = Context.System.Settings.TimeProvider;
        _state = TableState.Empty(gameName);
        _filters = new FilterCache(gameName == MarioKartWii && settings.MarioKartFilterPolicy != MkwFilterPolicy.Literal
            ? settings.MarioKartFilterPolicy : null);
        _isKnownKey = name => _interner.FindName(name) is not null;
        // Consoles restart their message-key memory never; a random start keeps a restarted table's keys from
        // colliding with ones a console saw just before (it drops duplicates).
        _nextMessageKey = (uint)Random.Shared.NextInt64(0, uint.MaxValue);

        Command<Qr2HeartbeatReceived>(OnHeartbeat);
        Command<Qr2ChallengeAnswered>(OnChallengeAnswered);
        Command<Qr2KeepAliveReceived>(OnKeepAlive);
        Command<Qr2ClientMessageAcknowledged>(OnClientMessageAcknowledged);
        Command<ForgetHost>(OnForgetHost);
        Command<FindHosts>(OnFindHosts);
        Command<GetHostRules>(OnGetHostRules);
        Command<GetTableView>(OnGetTableView);
        Command<RelayClientMessage>(OnRelayClientMessage);
        Command<RelayRetryDue>(OnRelayRetryDue);
        Command<SweepTick>(_ => Sweep());
        PersistenceId = persistenceId ?? PersistenceIdOf(gameName);
        RegisterPersistenceHandlers();
    }

    /// <summary>The journal stream of the table of <paramref name="gameName"/>.</summary>
    public static string PersistenceIdOf(string gameName) => "matchmaking-" + gameName;

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <summary>The gamename of Mario Kart Wii, whose searches may be rewritten by <see cref="MkwFilterPolicy"/>.</summary>
    public const string MarioKartWii = "mariokartwii";

    /// <summary>
    /// Props of the table of <paramref name="gameName"/>; <paramref name="persistenceId"/> overrides its journal stream
    /// (only for tests that run two tables of one game side by side — a stream must have one writer).
    /// </summary>
    public static Props Props(string gameName, MatchmakingSettings settings, GameListProvider games, MatchmakingMetrics metrics,
        string? persistenceId = null) =>
        Runtime.Props.Create(() => new MatchmakingTable(gameName, settings, games, metrics, persistenceId));

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The table's state (for tests through the actor's own messages only; exposed for diagnostics).</summary>
    internal TableState State => _state;

    protected override void PreStart() =>
        Timers.StartPeriodicTimer(SweepTick.Instance, SweepTick.Instance, _settings.SweepInterval);

    /// <summary>Applies one decided event: the state (pure), then what is derived from it; then journals it (write-behind).</summary>
    private void Apply(TableEvent change)
    {
        _state = _state.Apply(change);
        if (_state.Find(change.Address) is { } host)
            _index.Set(host);
        else
            _index.Remove(change.Address);
        Journal(change);
    }

    /// <summary>Removes a host with everything that belongs to it, and tells its front-end to stop routing it.</summary>
    private void RemoveHost(HostAddress address, HostRemovalReason reason)
    {
        if (_state.Find(address) is null)
            return;
        Apply(new HostRemoved(address, reason));
        if (_sessions.Remove(address, out var session))
        {
            DropRelays(address, session);
            session.Frontend.Tell(new Qr2HostGone(_gameName, address), Self);
        }
        _metrics.Increment(reason switch
        {
            HostRemovalReason.Shutdown => MatchmakingCounter.Qr2HostsShutDown,
            HostRemovalReason.Expired => MatchmakingCounter.Qr2HostsExpired,
            _ => MatchmakingCounter.Qr2HostsReplaced,
        });
        MatchmakingLog.HostRemoved(Context.Logger, _gameName, address, reason);
    }

    private long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * _clock.TimestampFrequency);

    private double SecondsSince(long timestamp, long now) => (now - timestamp) / (double)_clock.TimestampFrequency;

    /// <summary>Periodic look for silent hosts.</summary>
    private sealed class SweepTick
    {
        public static readonly SweepTick Instance = new();
    }
}
