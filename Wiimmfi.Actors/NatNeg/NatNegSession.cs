using System.Globalization;
using Wiimmfi.Actors.Frontends.NatNeg;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// One NAT negotiation: the entity of cookie <c>N</c> in the <c>natneg</c> shard region. It pairs the two
/// consoles that use the cookie and tells each the other's public address. It never touches a socket: what it
/// sends goes to the front-end of the socket the console wrote to (<see cref="NatNegSend"/>).
///
/// <code>
///                 INIT / PREINIT                    both consoles ready            both CONNECT_ACK
///   (absent) ──────(slot free)──────▶ Collecting ───(CONNECT to each)───▶ Connecting ─────────────────▶ Connected
///      │                                  │                                   │  ▲ retransmit CONNECT      │
///      │ no slot: refused, counted        │ deadline: "deadbeat partner"      │  └ every 500 ms, ≤ 10      │ both REPORTs,
///      ▼                                  ▼   CONNECT to the lone console     ▼ deadline                   ▼ or report wait over
///   stopped                            Closed (timed out) ◀──────────────────┘                          Closed (completed)
/// </code>
///
/// <para>Invariants: the decisions live in <see cref="NatNegSessionRules"/> (pure), the state changes only by
/// <see cref="NatNegSessionState.Apply"/>; the entity holds exactly one slot of <see cref="NatNegCapacity"/>
/// from opening until it stops, whatever way it stops; it keeps one timer (the next retransmission or
/// deadline); once closed it asks its shard to passivate it, so a finished negotiation costs nothing.</para>
/// <para>What can go wrong: a packet for a closed negotiation that reaches the shard while it passivates
/// starts a fresh entity — an INIT opens a new negotiation (which times out if nobody pairs it), anything else
/// is counted and the entity stops at once. A flood of new cookies is bounded by the slots.</para>
/// <para><b>Persistence</b> (stream <c>natneg-&lt;cookie&gt;</c>). Every decided event is applied and its packets
/// sent at once, then journaled with <see cref="PersistentActor.PersistAllAsync{TEvent}"/> (write-behind): a
/// console waiting for its INITACK or CONNECT never waits for the disk, and the actor never holds packets back.
/// Ordering argument: the journal receives this entity's events in exactly the order they were applied (one
/// request in flight per actor, each batch after the previous one), so what is durable is always a prefix of
/// what happened; a crash loses at most the last few milliseconds of events, i.e. the recovered negotiation is
/// one the entity really was in a moment earlier, and the consoles' own retransmissions (INIT until acknowledged,
/// CONNECT_ACK, REPORT) bring it forward again. A smart restart loses nothing: the predecessor's journal is
/// fenced only after it flushed. Recovery: a closed negotiation in the journal counts as none (the cookie may be
/// used again); an open one takes a slot, finds the front-ends of its sockets again by path (they have the same
/// names in every process), and is ticked at once — so one older than its deadline closes right away (with the
/// deadbeat-partner CONNECT to the console it knows), and a younger one resumes with its remaining time. When a
/// negotiation closes its events are deleted (after they are durable), so finished cookies leave only a
/// tombstone row.</para>
/// </summary>
public sealed class NatNegSession : PersistentActor
{
    private readonly uint _cookie;
    private readonly NatNegSessionContext _context;
    private readonly TimeProvider _clock;
    private NatNegSessionState _state = NatNegSessionState.Initial;
    private bool _holdsSlot;
    private bool _passivating;
    private readonly bool _badId;
    private long _wakeAtMs = long.MaxValue;
    private ICancelable? _wake;

    public NatNegSession(string entityId, NatNegSessionContext context)
    {
        _context = context;
        _clock = Context.System.Scheduler.TimeProvider;
        if (!uint.TryParse(entityId, NumberStyles.None, CultureInfo.InvariantCulture, out _cookie))
        {
            NatNegLog.BadEntityId(context.Logger, entityId);
            _badId = true;
        }
        PersistenceId = PersistenceIdOf(entityId);
        // Negotiations live seconds and cookies are almost always new: a cookie with nothing stored skips the
        // recovery queries (a restarted negotiation that had events still recovers).
        Persistence.Get(Context.System).RegisterSparseRecovery(PersistenceIdOf(""));
        // One handler each (a switch inside) rather than one per message type: handlers are delegates built
        // per instance, and with ten thousand entities their few hundred bytes each add up.
        RecoverAny(OnRecover);
        CommandAny(OnReceive);
    }

    /// <summary>The journal stream of the negotiation with entity id <paramref name="entityId"/> (the cookie).</summary>
    public static string PersistenceIdOf(string entityId) => "natneg-" + entityId;

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    private void OnRecover(object message)
    {
        switch (message)
        {
            case INatNegSessionEvent @event:
                _state = _state.Apply(@event);
                // A finished negotiation is no negotiation: the cookie may open a new one (its events follow).
                if (_state.Phase == NatNegPhase.Closed) _state = NatNegSessionState.Initial;
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
        }
    }

    /// <summary>An open negotiation came back from the journal (after a restart, a crash or a smart restart).</summary>
    private void OnRecovered()
    {
        if (_badId || _state.Phase is NatNegPhase.New or NatNegPhase.Closed) return;
        _context.Metrics.NegotiationRecovered();
        if (!TakeSlot()) return;
        _state = _state with { Client0 = Reattach(_state.Client0), Client1 = Reattach(_state.Client1) };
        NatNegLog.Recovered(_context.Logger, _cookie, _state.Phase);
        // Overdue deadlines and retransmissions happen now; otherwise the negotiation goes on with its remaining time.
        Handle(RecoveryCompleted.Instance, NatNegSessionRules.OnTick(_state, _cookie, NowMs, _context.Settings));
    }

    /// <summary>
    /// The journal names front-ends with the actor ids of the process that wrote it; the front-end of the same socket
    /// in this process has the same path, another id. Looked up by path, the reply leaves from the right socket.
    /// </summary>
    private NatNegClientState? Reattach(NatNegClientState? client)
    {
        if (client is null) return null;
        return client with { Negotiation = Reattach(client.Negotiation), PreInitFrom = Reattach(client.PreInitFrom) };
    }

    private NatNegEndpoint? Reattach(NatNegEndpoint? endpoint) =>
        endpoint is null ? null : endpoint with { Via = Context.System.ResolveActorRef(endpoint.Via.Path.ToString()) };

    private void OnReceive(object message)
    {
        var settings = _context.Settings;
        switch (message)
        {
            case NatNegInitReceived init:
                Handle(init, NatNegSessionRules.OnInit(_state, _cookie, init, NowMs, settings));
                break;
            case NatNegConnectAckReceived ack:
                Handle(ack, NatNegSessionRules.OnConnectAck(_state, ack, NowMs, settings));
                break;
            case NatNegReportReceived report:
                Handle(report, NatNegSessionRules.OnReport(_state, report, NowMs, settings));
                break;
            case NatNegPreInitReceived preInit:
                Handle(preInit, NatNegSessionRules.OnPreInit(_state, _cookie, preInit, NowMs, settings));
                break;
            case DeleteMessagesSuccess or DeleteMessagesFailure:
                break;
            case Wake wake:
                if (wake.AtMs != _wakeAtMs) return; // replaced by a later schedule after it was sent
                _wakeAtMs = long.MaxValue;
                _wake = null;
                Handle(wake, NatNegSessionRules.OnTick(_state, _cookie, NowMs, settings));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>The journal refused or failed a write: this incarnation stops (its slot is returned in PostStop).</summary>
    protected override void OnPersistFailure(Exception cause, object? @event, long sequenceNr)
    {
        if (cause is JournalFencedException) return; // a smart restart: the successor owns this negotiation now
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected override void PreStart()
    {
        if (_badId) Passivate();
    }


    private void Handle(object message, NatNegDecision decision)
    {
        if (_passivating)
        {
            // Already asked the shard to stop us; what is still in the mailbox belongs to a finished (or
            // never opened) negotiation. Later messages are buffered by the shard for a fresh incarnation.
            _context.Metrics.Ignored(NatNegIgnoredReason.NegotiationClosed);
            return;
        }
        if (decision.Ignored is { } reason)
        {
            _context.Metrics.Ignored(reason);
            NatNegLog.Ignored(_context.Logger, _cookie, message.GetType().Name, reason);
            if (_state.Phase == NatNegPhase.New) Passivate(); // nothing opened: a stray packet must not keep an entity
            return;
        }
        if (decision.OpensNegotiation && !TakeSlot()) return;

        foreach (var @event in decision.Events)
        {
            var before = _state.Phase;
            _state = _state.Apply(@event);
            Observe(@event, before);
        }
        // Write-behind (see the class remarks for the ordering argument).
        if (decision.Events.Count > 0) PersistAllAsync(decision.Events, IgnoreDurable);
        foreach (var send in decision.Sends)
            send.To.Via.Tell(new NatNegSend(send.Datagram, send.To.Address, send.Delayed), Self);

        switch (_state.Phase)
        {
            case NatNegPhase.Closed:
                Finish();
                break;
            case NatNegPhase.New:
                Passivate();
                break;
            default:
                ScheduleWake();
                break;
        }
    }

    private bool TakeSlot()
    {
        if (_context.Capacity.TryOpen())
        {
            _holdsSlot = true;
            return true;
        }
        _context.Metrics.NegotiationRejected();
        var rejected = _context.Metrics.Rejected;
        if (rejected % 1000 == 1) NatNegLog.AtCapacity(_context.Logger, _context.Capacity.Open, rejected);
        Passivate();
        return false;
    }

    // Counters and log lines follow the events, so they mean the same thing after a replay (issue 8).
    private void Observe(INatNegSessionEvent @event, NatNegPhase before)
    {
        switch (@event)
        {
            case NatNegOpened opened:
                _context.Metrics.NegotiationStarted();
                NatNegLog.Opened(_context.Logger, _cookie, opened.Version, opened.GameName);
                break;
            case NatNegConnectsSent:
                NatNegLog.ConnectsSent(_context.Logger, _cookie, _state.ConnectRounds);
                break;
            case NatNegConnected:
                _context.Metrics.NegotiationCompleted();
                break;
            case NatNegReportRecorded report:
                _context.Metrics.ReportReceived(report.Succeeded);
                break;
            case NatNegClosed closed:
                if (closed.Reason == NatNegCloseReason.TimedOut) _context.Metrics.NegotiationTimedOut();
                NatNegLog.Closed(_context.Logger, _cookie, closed.Reason, before);
                break;
        }
    }

    // One pending wake-up at a time, straight on the scheduler: an entity's timer costs one timer-queue entry,
    // not a timer table (with OnReceive's switch, this keeps an open negotiation near 1.3 KB).
    private void ScheduleWake()
    {
        var next = NatNegSessionRules.NextWakeAtMs(_state, _context.Settings) ?? long.MaxValue;
        if (next == _wakeAtMs) return; // most messages do not move the next wake-up
        CancelWake();
        if (next == long.MaxValue) return;
        _wakeAtMs = next;
        _wake = Context.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(Math.Max(0, next - NowMs)), Self, new Wake(next), Self);
    }

    private void CancelWake()
    {
        _wake?.Cancel();
        _wake = null;
        _wakeAtMs = long.MaxValue;
    }

    private static void IgnoreDurable(INatNegSessionEvent @event) { }

    private void Finish()
    {
        var c0 = _state.Client0;
        var c1 = _state.Client1;
        Context.System.EventStream.Publish(new NatNegOutcome(_cookie, _state.GameName, _state.CloseReason!.Value,
            c0?.GameAddress, c1?.GameAddress, c0?.Report?.Succeeded, c1?.Report?.Succeeded));
        ReleaseSlot();
        // Once the events up to the close are durable, delete them: a finished negotiation needs no history.
        DeferAsync(_cookie, _ => DeleteMessages(long.MaxValue));
        Passivate();
    }

    private void Passivate()
    {
        if (_passivating) return;
        _passivating = true;
        CancelWake();
        // Through the shard, never by stopping ourselves: messages already on their way are buffered and
        // reach a fresh incarnation instead of being lost.
        Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
    }

    private void ReleaseSlot()
    {
        if (!_holdsSlot) return;
        _holdsSlot = false;
        _context.Capacity.Close();
        _context.Metrics.NegotiationEnded();
    }

    protected override void PostStop()
    {
        CancelWake();
        ReleaseSlot();
    }

    /// <summary>The scheduled wake-up for <see cref="NatNegSessionRules.OnTick"/>, stamped with the time it was meant for.</summary>
    private sealed record Wake(long AtMs);
}
