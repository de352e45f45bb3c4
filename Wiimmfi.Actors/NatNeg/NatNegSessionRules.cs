using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// The decisions of a negotiation, as pure functions: (state, message, now) → <see cref="NatNegDecision"/>.
/// No actor, clock or socket is involved, so every rule is tested directly and issue 8 can replay the
/// resulting events without deciding again.
///
/// <para>The rules (natneg.md §5, with the SDK client's behaviour in mind):</para>
/// <list type="bullet">
/// <item>Every INIT of an open negotiation is acknowledged at once with INITACK from the socket it came to
/// (duplicates too: the console resends a port type until its ack arrives).</item>
/// <item>While collecting, each INIT records the console's addresses. As soon as both consoles are ready
/// (see <see cref="ReadyToPair"/>) each gets a CONNECT naming the other's public game
/// address — or its private one when both share a public IP (same LAN) — through the delayed reply queue,
/// so the INITACKs of the same burst reach the console first. The SDK accepts CONNECT before all its
/// INITACKs arrived, so pairing does not wait for NN2/NN3.</item>
/// <item>CONNECT is retransmitted (at once, not delayed) every <see cref="NatNegSessionSettings.ConnectRetryInterval"/> to a console
/// that has not acknowledged, at most <see cref="NatNegSessionSettings.MaxConnectSends"/> times. A REPORT
/// also counts as acknowledgement: the console cannot report without having had its CONNECT.</item>
/// <item>When both acknowledged, the negotiation is complete and waits (bounded) for the two REPORTs, then closes.</item>
/// <item>At the deadline an unpaired negotiation tells each console it knows "deadbeat partner" (CONNECT with
/// finished = 1; the SDK gives up at once instead of waiting its own 60 s) and closes as timed out.</item>
/// <item>Addresses are frozen once CONNECT went out, and a CONNECT only ever goes to an address that sent an
/// INIT for this cookie (no reflection to third parties).</item>
/// </list>
/// </summary>
public static class NatNegSessionRules
{
    public static NatNegDecision OnInit(NatNegSessionState state, uint cookie, NatNegInitReceived init, long nowMs, NatNegSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(settings);
        if (init.ClientIndex > 1) return NatNegDecision.Ignore(NatNegIgnoredReason.ClientIndexOutOfRange);
        if (state.Phase == NatNegPhase.Closed) return NatNegDecision.Ignore(NatNegIgnoredReason.NegotiationClosed);

        var events = new List<INatNegSessionEvent>(3);
        var next = state;
        if (state.Phase == NatNegPhase.New)
        {
            next = Emit(events, next, new NatNegOpened(init.Version, init.GameName, nowMs, nowMs + (long)settings.SessionTimeout.TotalMilliseconds));
        }
        else
        {
            if (init.Version != state.Version) return NatNegDecision.Ignore(NatNegIgnoredReason.VersionMismatch);
            if (state.GameName.Length > 0 && !string.Equals(init.GameName, state.GameName, StringComparison.Ordinal))
                return NatNegDecision.Ignore(NatNegIgnoredReason.GameNameMismatch);
        }

        var sends = new List<NatNegOutgoing>(3)
        {
            new(init.From, InitAckFor(init, cookie), Delayed: false),
        };

        if (next.Phase == NatNegPhase.Collecting)
        {
            var recorded = new NatNegInitRecorded(init.ClientIndex, init.PortType, init.UseGamePort, init.LocalAddress, init.GameName, init.From);
            var after = next.Apply(recorded);
            if (after != next) next = Emit(events, next, recorded); // an exact duplicate changes nothing and records nothing
            if (ReadyToPair(next))
                next = SendConnects(events, sends, next, cookie, nowMs);
        }
        return NatNegDecision.Of(events, sends);
    }

    public static NatNegDecision OnPreInit(NatNegSessionState state, uint cookie, NatNegPreInitReceived preInit, long nowMs, NatNegSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(preInit);
        ArgumentNullException.ThrowIfNull(settings);
        if (preInit.ClientIndex > 1) return NatNegDecision.Ignore(NatNegIgnoredReason.ClientIndexOutOfRange);
        if (state.Phase == NatNegPhase.Closed) return NatNegDecision.Ignore(NatNegIgnoredReason.NegotiationClosed);
        if (state.Phase != NatNegPhase.New && preInit.Version != state.Version) return NatNegDecision.Ignore(NatNegIgnoredReason.VersionMismatch);

        var events = new List<INatNegSessionEvent>(2);
        var next = state;
        if (state.Phase == NatNegPhase.New)
            next = Emit(events, next, new NatNegOpened(preInit.Version, "", nowMs, nowMs + (long)settings.SessionTimeout.TotalMilliseconds));
        var recorded = new NatNegPreInitRecorded(preInit.ClientIndex, preInit.ClientId, preInit.From);
        if (next.Apply(recorded) != next) next = Emit(events, next, recorded);

        // AltWFC's pairing, keyed by cookie here: a console without a partner id is ready at once; otherwise
        // the first waits, and when its partner arrives both are told "ready".
        var partner = next.Client((byte)(1 - preInit.ClientIndex));
        var partnerWaiting = partner?.PreInitFrom is not null;
        var ready = preInit.ClientId == 0 || partnerWaiting;
        var sends = new List<NatNegOutgoing>(2)
        {
            new(preInit.From, PreInitAck(preInit.Version, cookie, preInit.ClientIndex, preInit.ClientId, ready ? NatNegPreInitState.Ready : NatNegPreInitState.WaitingForClient), Delayed: false),
        };
        if (partnerWaiting && preInit.ClientId != 0)
            sends.Add(new(partner!.PreInitFrom!, PreInitAck(next.Version, cookie, partner.Index, partner.PreInitClientId, NatNegPreInitState.Ready), Delayed: false));
        return NatNegDecision.Of(events, sends);
    }

    public static NatNegDecision OnConnectAck(NatNegSessionState state, NatNegConnectAckReceived ack, long nowMs, NatNegSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ack);
        ArgumentNullException.ThrowIfNull(settings);
        if (Refuse(state, ack.ClientIndex, ack.Version) is { } refused) return refused;
        if (state.Client(ack.ClientIndex) is not { } client) return NatNegDecision.Ignore(NatNegIgnoredReason.OutOfOrder);
        if (client.ConnectAcknowledged) return NatNegDecision.None; // duplicate

        var events = new List<INatNegSessionEvent>(3);
        var next = Emit(events, state, new NatNegConnectAcknowledged(ack.ClientIndex));
        Advance(events, next, nowMs, settings);
        return NatNegDecision.Of(events, []);
    }

    public static NatNegDecision OnReport(NatNegSessionState state, NatNegReportReceived report, long nowMs, NatNegSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(settings);
        if (Refuse(state, report.ClientIndex, report.Version) is { } refused) return refused;
        if (state.Client(report.ClientIndex) is not { } client) return NatNegDecision.Ignore(NatNegIgnoredReason.OutOfOrder);
        if (client.Report is not null) return NatNegDecision.None; // a retransmitted REPORT (its REPORT_ACK was lost)

        var events = new List<INatNegSessionEvent>(4);
        var next = state;
        if (!client.ConnectAcknowledged)
            next = Emit(events, next, new NatNegConnectAcknowledged(report.ClientIndex));
        next = Emit(events, next, new NatNegReportRecorded(report.ClientIndex, report.Succeeded, report.NatTypeRaw, report.MappingSchemeRaw));
        Advance(events, next, nowMs, settings);
        return NatNegDecision.Of(events, []);
    }

    /// <summary>Timer: retransmits due CONNECTs, or ends the negotiation at its deadline.</summary>
    public static NatNegDecision OnTick(NatNegSessionState state, uint cookie, long nowMs, NatNegSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        if (state.Phase is NatNegPhase.New or NatNegPhase.Closed) return NatNegDecision.None;

        if (nowMs >= state.DeadlineMs)
        {
            var sends = new List<NatNegOutgoing>(2);
            NatNegCloseReason reason;
            switch (state.Phase)
            {
                case NatNegPhase.Collecting:
                    // Tell every console we can reach that its partner never came (OpenSpy); the SDK does not
                    // acknowledge error CONNECTs, so one is enough.
                    foreach (var client in new[] { state.Client0, state.Client1 })
                        if (client?.Negotiation is { } endpoint)
                            sends.Add(new(endpoint, NatNegReplies.ConnectFailure(state.Version, cookie, NatNegFinished.DeadbeatPartner).ToArray(), Delayed: false));
                    reason = NatNegCloseReason.TimedOut;
                    break;
                case NatNegPhase.Connecting:
                    reason = NatNegCloseReason.TimedOut;
                    break;
                default:
                    reason = NatNegCloseReason.Completed; // connected; a REPORT never came, which is the console's business
                    break;
            }
            return NatNegDecision.Of([new NatNegClosed(reason)], sends);
        }

        if (state.Phase == NatNegPhase.Connecting && ConnectRetransmitDue(state, nowMs, settings))
        {
            var events = new List<INatNegSessionEvent>(1);
            var sends = new List<NatNegOutgoing>(2);
            SendConnects(events, sends, state, cookie, nowMs);
            return NatNegDecision.Of(events, sends);
        }
        return NatNegDecision.None;
    }

    /// <summary>When the entity must next be woken for <see cref="OnTick"/> (null: never).</summary>
    public static long? NextWakeAtMs(NatNegSessionState state, NatNegSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        switch (state.Phase)
        {
            case NatNegPhase.Collecting:
            case NatNegPhase.Connected:
                return state.DeadlineMs;
            case NatNegPhase.Connecting:
                if (state.ConnectRounds < settings.MaxConnectSends && !state.BothAcknowledged)
                    return Math.Min(state.DeadlineMs, state.LastConnectAtMs + (long)settings.ConnectRetryInterval.TotalMilliseconds);
                return state.DeadlineMs;
            default:
                return null;
        }
    }

    /// <summary>
    /// The address console <paramref name="to"/> must ping: its partner's public game address, or the
    /// partner's private address when both sit behind the same public IP (a NAT rarely forwards traffic
    /// between two of its own clients through their public mappings).
    /// </summary>
    public static NatNegAddress PeerAddressFor(NatNegClientState to, NatNegClientState partner)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(partner);
        var peer = partner.GameAddress ?? throw new InvalidOperationException("The partner's game address is not known yet.");
        if (to.GameAddress is { } own && own.Ip == peer.Ip && partner.PrivateAddress is { } lan && lan != peer)
            return lan;
        return peer;
    }

    /// <summary>
    /// Both consoles are ready; and when they share a public IP (one LAN), both private addresses are known too,
    /// because that is what they must be told. The NN2/NN3 INITs that carry them follow within milliseconds.
    /// </summary>
    public static bool ReadyToPair(NatNegSessionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Client0 is not { IsReady: true } c0 || state.Client1 is not { IsReady: true } c1) return false;
        return c0.GameAddress!.Value.Ip != c1.GameAddress!.Value.Ip || (c0.PrivateAddress is not null && c1.PrivateAddress is not null);
    }

    private static NatNegDecision? Refuse(NatNegSessionState state, byte clientIndex, byte version)
    {
        if (clientIndex > 1) return NatNegDecision.Ignore(NatNegIgnoredReason.ClientIndexOutOfRange);
        switch (state.Phase)
        {
            case NatNegPhase.New: return NatNegDecision.Ignore(NatNegIgnoredReason.NoNegotiation);
            case NatNegPhase.Closed: return NatNegDecision.Ignore(NatNegIgnoredReason.NegotiationClosed);
            case NatNegPhase.Collecting: return NatNegDecision.Ignore(NatNegIgnoredReason.OutOfOrder);
        }
        return version != state.Version ? NatNegDecision.Ignore(NatNegIgnoredReason.VersionMismatch) : null;
    }

    // After an acknowledgement or report: connected when both acknowledged, closed when both also reported.
    private static void Advance(List<INatNegSessionEvent> events, NatNegSessionState next, long nowMs, NatNegSessionSettings settings)
    {
        if (next.Phase == NatNegPhase.Connecting && next.BothAcknowledged)
            next = Emit(events, next, new NatNegConnected(nowMs + (long)settings.ReportWait.TotalMilliseconds));
        if (next.Phase == NatNegPhase.Connected && next.BothReported)
            Emit(events, next, new NatNegClosed(NatNegCloseReason.Completed));
    }

    private static bool ConnectRetransmitDue(NatNegSessionState state, long nowMs, NatNegSessionSettings settings) =>
        state.ConnectRounds < settings.MaxConnectSends
        && !state.BothAcknowledged
        && nowMs >= state.LastConnectAtMs + (long)settings.ConnectRetryInterval.TotalMilliseconds;

    // A round of CONNECTs to every console that has not acknowledged yet.
    private static NatNegSessionState SendConnects(List<INatNegSessionEvent> events, List<NatNegOutgoing> sends, NatNegSessionState state, uint cookie, long nowMs)
    {
        var c0 = state.Client0!;
        var c1 = state.Client1!;
        var firstRound = state.ConnectRounds == 0;
        if (!c0.ConnectAcknowledged) sends.Add(ConnectTo(c0, c1, state.Version, cookie, firstRound));
        if (!c1.ConnectAcknowledged) sends.Add(ConnectTo(c1, c0, state.Version, cookie, firstRound));
        return Emit(events, state, new NatNegConnectsSent(nowMs));
    }

    // Only the first round goes through the reply delay (it must not overtake the INITACKs of its burst);
    // a retransmission half a second later has nothing to overtake.
    private static NatNegOutgoing ConnectTo(NatNegClientState to, NatNegClientState partner, byte version, uint cookie, bool firstRound) =>
        new(to.Negotiation!, NatNegReplies.Connect(version, cookie, PeerAddressFor(to, partner)).ToArray(), Delayed: firstRound);

    private static byte[] InitAckFor(NatNegInitReceived init, uint cookie)
    {
        var packet = NatNegInitPacket.CreateInit(init.Version, cookie, init.PortType, init.ClientIndex, init.UseGamePort, init.LocalAddress, "");
        return NatNegReplies.InitAck(packet).ToArray();
    }

    private static byte[] PreInitAck(byte version, uint cookie, byte clientIndex, uint clientId, NatNegPreInitState ready)
    {
        var request = new NatNegPreInitPacket(new NatNegHeader(version, NatNegPacketType.PreInit, cookie), NatNegWire.PreInitSize, clientIndex, 0, clientId);
        return NatNegReplies.PreInitAck(request, ready).ToArray();
    }

    private static NatNegSessionState Emit(List<INatNegSessionEvent> events, NatNegSessionState state, INatNegSessionEvent @event)
    {
        events.Add(@event);
        return state.Apply(@event);
    }
}
