using System.Net;
using Wiimmfi.Actors.NatNeg;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>
/// The negotiation's decisions without actors or sockets: state + message + time → events and datagrams.
/// Console A (index 0) sits at 203.0.113.10, console B (index 1) at 198.51.100.20; natneg1/2/3 are three front-ends.
/// </summary>
public sealed class NatNegSessionRulesTests
{
    private const uint Cookie = 0x3DF10071;
    private const long T0 = 1_700_000_000_000;
    private static readonly NatNegSessionSettings Settings = new();
    private static readonly NamedRef Natneg1 = new("natneg1"), Natneg2 = new("natneg2"), Natneg3 = new("natneg3");
    private static readonly string Id = NatNegSessions.EntityIdOf(Cookie);

    private static NatNegAddress Addr(string endpoint) => NatNegAddress.FromEndPoint(IPEndPoint.Parse(endpoint));

    // What console `index` sends for one port type, as the SDK builds it.
    private static NatNegInitReceived Init(byte index, NatNegPortType portType, bool useGamePort = true, byte version = 3, string game = "mariokartwii")
    {
        var ip = index == 0 ? "203.0.113.10" : "198.51.100.20";
        var lan = index == 0 ? "192.168.1.10" : "192.168.2.20";
        var (source, via) = portType switch
        {
            NatNegPortType.GamePort => ($"{ip}:20000", (Wiimmfi.Actors.Runtime.IActorRef)Natneg1),
            NatNegPortType.Nn1 => ($"{ip}:40001", Natneg1),
            NatNegPortType.Nn2 => ($"{ip}:40001", Natneg2),
            _ => ($"{ip}:40001", Natneg3),
        };
        var localPort = portType is NatNegPortType.GamePort or NatNegPortType.Nn1 ? 0 : 22000 + index;
        return new NatNegInitReceived(Id, version, portType, index, useGamePort, Addr($"{lan}:{localPort}"), game, new NatNegEndpoint(Addr(source), via));
    }

    private static (NatNegSessionState State, List<NatNegDecision> Decisions) Run(NatNegSessionState state, long now, params NatNegInitReceived[] inits)
    {
        var decisions = new List<NatNegDecision>();
        foreach (var init in inits)
        {
            var decision = NatNegSessionRules.OnInit(state, Cookie, init, now, Settings);
            decisions.Add(decision);
            state = Fold(state, decision);
        }
        return (state, decisions);
    }

    private static NatNegSessionState Fold(NatNegSessionState state, NatNegDecision decision)
    {
        foreach (var e in decision.Events) state = state.Apply(e);
        return state;
    }

    private static NatNegInitReceived[] AllInits(byte index) =>
        [Init(index, NatNegPortType.GamePort), Init(index, NatNegPortType.Nn1), Init(index, NatNegPortType.Nn2), Init(index, NatNegPortType.Nn3)];

    private static NatNegSessionState Paired(long now = T0) => Run(NatNegSessionState.Initial, now, [.. AllInits(0), .. AllInits(1)]).State;

    private static NatNegConnectPacket ConnectIn(NatNegOutgoing send) =>
        Assert.IsType<NatNegConnectPacket>(NatNegParser.Parse(send.Datagram).Packet);

    [Fact]
    public void The_first_INIT_opens_the_negotiation_and_is_acknowledged_at_once_from_the_socket_it_reached()
    {
        var init = Init(0, NatNegPortType.Nn2);

        var decision = NatNegSessionRules.OnInit(NatNegSessionState.Initial, Cookie, init, T0, Settings);

        Assert.True(decision.OpensNegotiation);
        var ack = Assert.Single(decision.Sends);
        Assert.False(ack.Delayed);
        Assert.Same(Natneg2, ack.To.Via);
        Assert.Equal(init.From.Address, ack.To.Address);
        var packet = Assert.IsType<NatNegInitPacket>(NatNegParser.Parse(ack.Datagram).Packet);
        Assert.Equal((NatNegPacketType.InitAck, Cookie, (byte)3, NatNegPortType.Nn2, (byte)0), (packet.Type, packet.Cookie, packet.Header.Version, packet.PortType, packet.ClientIndex));
        var state = Fold(NatNegSessionState.Initial, decision);
        Assert.Equal(NatNegPhase.Collecting, state.Phase);
        Assert.Equal(T0 + 30_000, state.DeadlineMs);
    }

    [Fact]
    public void Once_both_consoles_are_ready_each_gets_a_delayed_CONNECT_naming_the_other_game_address()
    {
        var (_, decisions) = Run(NatNegSessionState.Initial, T0, [.. AllInits(0), .. AllInits(1)]);

        var connects = decisions.SelectMany(d => d.Sends).Where(s => ConnectOrNull(s) is not null).ToList();
        Assert.Equal(2, connects.Count);
        Assert.All(connects, c => Assert.True(c.Delayed));
        var toA = connects.Single(c => c.To.Address == Addr("203.0.113.10:40001"));
        var toB = connects.Single(c => c.To.Address == Addr("198.51.100.20:40001"));
        Assert.Equal(Addr("198.51.100.20:20000"), ConnectIn(toA).RemoteAddress);
        Assert.Equal(Addr("203.0.113.10:20000"), ConnectIn(toB).RemoteAddress);
        Assert.Equal((byte)NatNegFinished.NoError, ConnectIn(toA).Finished);
        // CONNECT goes to the mapping of the latest negotiation INIT (NN3), from the socket that saw it.
        Assert.Same(Natneg3, toA.To.Via);
    }

    private static NatNegConnectPacket? ConnectOrNull(NatNegOutgoing send) =>
        NatNegParser.Parse(send.Datagram).Packet as NatNegConnectPacket;

    [Fact]
    public void Pairing_waits_for_the_game_port_INIT_of_a_console_that_negotiates_for_its_game_socket()
    {
        var (state, decisions) = Run(NatNegSessionState.Initial, T0,
            [.. AllInits(0), Init(1, NatNegPortType.Nn1), Init(1, NatNegPortType.Nn2), Init(1, NatNegPortType.Nn3)]);

        Assert.Equal(NatNegPhase.Collecting, state.Phase);
        Assert.DoesNotContain(decisions.SelectMany(d => d.Sends), s => ConnectOrNull(s) is not null);

        var last = NatNegSessionRules.OnInit(state, Cookie, Init(1, NatNegPortType.GamePort), T0, Settings);
        Assert.Equal(3, last.Sends.Count); // INITACK + two CONNECTs
    }

    [Fact]
    public void Pairing_does_not_wait_for_NN2_and_NN3_because_the_console_accepts_CONNECT_before_all_its_acks()
    {
        var (state, _) = Run(NatNegSessionState.Initial, T0,
            Init(0, NatNegPortType.GamePort), Init(0, NatNegPortType.Nn1), Init(1, NatNegPortType.GamePort), Init(1, NatNegPortType.Nn1));

        Assert.Equal(NatNegPhase.Connecting, state.Phase);
    }

    [Fact]
    public void Without_use_game_port_the_NN1_mapping_is_the_address_the_partner_pings()
    {
        var (state, _) = Run(NatNegSessionState.Initial, T0,
            Init(0, NatNegPortType.Nn1, useGamePort: false), Init(1, NatNegPortType.Nn1, useGamePort: false));

        Assert.Equal(NatNegPhase.Connecting, state.Phase);
        Assert.Equal(Addr("203.0.113.10:40001"), state.Client0!.GameAddress);
    }

    [Fact]
    public void Consoles_behind_one_public_address_are_told_each_others_private_game_address()
    {
        var sameNat = AllInits(1).Select(i => i with { From = i.From with { Address = new NatNegAddress(Addr("203.0.113.10:0").Ip, i.From.Address.Port == 20000 ? (ushort)20001 : (ushort)40002) } }).ToArray();
        var (_, decisions) = Run(NatNegSessionState.Initial, T0, [.. AllInits(0), .. sameNat]);

        var connects = decisions.SelectMany(d => d.Sends).Select(ConnectOrNull).OfType<NatNegConnectPacket>().ToList();
        Assert.Contains(connects, c => c.RemoteAddress == Addr("192.168.2.20:22001")); // B's LAN address, to A
        Assert.Contains(connects, c => c.RemoteAddress == Addr("192.168.1.10:22000")); // A's LAN address, to B
    }

    [Fact]
    public void Consoles_behind_one_public_address_are_paired_only_once_both_private_addresses_are_known()
    {
        var sameNat = AllInits(1).Select(i => i with { From = i.From with { Address = new NatNegAddress(Addr("203.0.113.10:0").Ip, (ushort)(i.From.Address.Port + 1)) } }).ToArray();

        var (early, _) = Run(NatNegSessionState.Initial, T0, [.. AllInits(0), sameNat[0], sameNat[1]]);
        var (paired, _) = Run(early, T0, sameNat[2]);

        Assert.Equal(NatNegPhase.Collecting, early.Phase);
        Assert.Equal(NatNegPhase.Connecting, paired.Phase);
    }

    [Fact]
    public void A_duplicate_INIT_is_acknowledged_again_but_records_nothing()
    {
        var (state, _) = Run(NatNegSessionState.Initial, T0, Init(0, NatNegPortType.Nn1));

        var again = NatNegSessionRules.OnInit(state, Cookie, Init(0, NatNegPortType.Nn1), T0 + 500, Settings);

        Assert.Empty(again.Events);
        Assert.Single(again.Sends);
    }

    [Fact]
    public void An_INIT_after_pairing_is_acknowledged_but_moves_no_address()
    {
        var state = Paired();
        var moved = Init(0, NatNegPortType.GamePort) with { From = new NatNegEndpoint(Addr("203.0.113.10:29999"), Natneg1) };

        var decision = NatNegSessionRules.OnInit(state, Cookie, moved, T0 + 100, Settings);

        Assert.Empty(decision.Events);
        Assert.Single(decision.Sends);
        Assert.Equal(Addr("203.0.113.10:20000"), Fold(state, decision).Client0!.GameAddress);
    }

    [Theory]
    [InlineData(4, "mariokartwii", 1, NatNegIgnoredReason.VersionMismatch)]
    [InlineData(3, "otherGame", 1, NatNegIgnoredReason.GameNameMismatch)]
    [InlineData(3, "mariokartwii", 2, NatNegIgnoredReason.ClientIndexOutOfRange)]
    public void A_packet_that_does_not_belong_to_the_negotiation_is_ignored_with_its_reason(byte version, string game, byte index, NatNegIgnoredReason expected)
    {
        var (state, _) = Run(NatNegSessionState.Initial, T0, Init(0, NatNegPortType.Nn1));
        var init = Init(index > 1 ? (byte)1 : index, NatNegPortType.Nn1, version: version, game: game) with { ClientIndex = index };

        var decision = NatNegSessionRules.OnInit(state, Cookie, init, T0, Settings);

        Assert.Equal(expected, decision.Ignored);
        Assert.Empty(decision.Sends);
    }

    [Fact]
    public void CONNECT_is_retransmitted_every_interval_only_to_the_console_that_has_not_acknowledged()
    {
        var state = Paired();
        state = Fold(state, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, Addr("203.0.113.10:40001")), T0 + 100, Settings));

        Assert.Equal(T0 + 500, NatNegSessionRules.NextWakeAtMs(state, Settings));
        Assert.Same(NatNegDecision.None, NatNegSessionRules.OnTick(state, Cookie, T0 + 499, Settings));
        var tick = NatNegSessionRules.OnTick(state, Cookie, T0 + 500, Settings);

        var resent = Assert.Single(tick.Sends);
        Assert.False(resent.Delayed);
        Assert.Equal(Addr("198.51.100.20:40001"), resent.To.Address);
        Assert.Equal(Addr("203.0.113.10:20000"), ConnectIn(resent).RemoteAddress);
        Assert.Equal(2, Fold(state, tick).ConnectRounds);
    }

    [Fact]
    public void CONNECT_retransmission_stops_after_the_maximum_number_of_sends()
    {
        var state = Paired();
        var now = T0;
        var sends = 1;
        while (NatNegSessionRules.NextWakeAtMs(state, Settings) is { } wake && wake < state.DeadlineMs)
        {
            now = wake;
            var tick = NatNegSessionRules.OnTick(state, Cookie, now, Settings);
            sends += tick.Events.OfType<NatNegConnectsSent>().Count();
            state = Fold(state, tick);
        }

        Assert.Equal(Settings.MaxConnectSends, sends);
        Assert.Equal(state.DeadlineMs, NatNegSessionRules.NextWakeAtMs(state, Settings));
    }

    [Fact]
    public void Both_acknowledgements_complete_the_negotiation_and_both_reports_close_it()
    {
        var state = Paired();
        state = Fold(state, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, default), T0 + 50, Settings));
        var second = NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 1, default), T0 + 60, Settings);
        state = Fold(state, second);

        Assert.Contains(second.Events, e => e is NatNegConnected);
        Assert.Equal(NatNegPhase.Connected, state.Phase);
        Assert.Equal(T0 + 60 + 15_000, state.DeadlineMs);

        state = Fold(state, NatNegSessionRules.OnReport(state, Report(0, true), T0 + 3000, Settings));
        var last = NatNegSessionRules.OnReport(state, Report(1, true), T0 + 3100, Settings);
        state = Fold(state, last);

        Assert.Equal(NatNegPhase.Closed, state.Phase);
        Assert.Equal(NatNegCloseReason.Completed, state.CloseReason);
    }

    private static NatNegReportReceived Report(byte index, bool ok) => new(Id, 3, index, ok, (uint)NatType.Unknown, 0, default);

    [Fact]
    public void A_REPORT_proves_the_CONNECT_arrived_even_when_its_CONNECT_ACK_was_lost()
    {
        var state = Paired();
        state = Fold(state, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, default), T0 + 50, Settings));

        var decision = NatNegSessionRules.OnReport(state, Report(1, true), T0 + 2000, Settings);
        state = Fold(state, decision);

        Assert.Equal(NatNegPhase.Connected, state.Phase);
        Assert.True(state.Client1!.ConnectAcknowledged);
    }

    [Fact]
    public void Duplicate_CONNECT_ACKs_and_REPORTs_change_nothing()
    {
        var state = Paired();
        state = Fold(state, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, default), T0 + 50, Settings));
        state = Fold(state, NatNegSessionRules.OnReport(state, Report(0, true), T0 + 60, Settings));

        Assert.Same(NatNegDecision.None, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, default), T0 + 70, Settings));
        Assert.Same(NatNegDecision.None, NatNegSessionRules.OnReport(state, Report(0, true), T0 + 80, Settings));
    }

    [Fact]
    public void A_lone_console_is_told_deadbeat_partner_at_the_deadline_and_the_negotiation_times_out()
    {
        var (state, _) = Run(NatNegSessionState.Initial, T0, AllInits(0));

        Assert.Same(NatNegDecision.None, NatNegSessionRules.OnTick(state, Cookie, T0 + 29_999, Settings));
        var expiry = NatNegSessionRules.OnTick(state, Cookie, T0 + 30_000, Settings);

        var deadbeat = Assert.Single(expiry.Sends);
        Assert.False(deadbeat.Delayed);
        Assert.Equal(Addr("203.0.113.10:40001"), deadbeat.To.Address);
        var packet = ConnectIn(deadbeat);
        Assert.Equal((byte)NatNegFinished.DeadbeatPartner, packet.Finished);
        Assert.Equal(NatNegAddress.None, packet.RemoteAddress);
        Assert.Equal(NatNegCloseReason.TimedOut, Fold(state, expiry).CloseReason);
    }

    [Fact]
    public void A_pairing_nobody_acknowledged_times_out_at_the_deadline_without_more_packets()
    {
        var state = Paired();

        var expiry = NatNegSessionRules.OnTick(state, Cookie, T0 + 30_000, Settings);

        Assert.Empty(expiry.Sends);
        Assert.Equal(NatNegCloseReason.TimedOut, Fold(state, expiry).CloseReason);
    }

    [Fact]
    public void A_connected_negotiation_whose_reports_never_come_closes_as_completed_when_the_wait_ends()
    {
        var state = Paired();
        state = Fold(state, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, default), T0, Settings));
        state = Fold(state, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 1, default), T0, Settings));

        var end = NatNegSessionRules.OnTick(state, Cookie, state.DeadlineMs, Settings);

        Assert.Equal(NatNegCloseReason.Completed, Fold(state, end).CloseReason);
    }

    [Fact]
    public void CONNECT_ACK_or_REPORT_for_a_cookie_nobody_opened_is_ignored_and_opens_nothing()
    {
        var ack = NatNegSessionRules.OnConnectAck(NatNegSessionState.Initial, new NatNegConnectAckReceived(Id, 3, 0, default), T0, Settings);
        var report = NatNegSessionRules.OnReport(NatNegSessionState.Initial, Report(0, true), T0, Settings);

        Assert.Equal(NatNegIgnoredReason.NoNegotiation, ack.Ignored);
        Assert.Equal(NatNegIgnoredReason.NoNegotiation, report.Ignored);
    }

    [Fact]
    public void CONNECT_ACK_before_any_CONNECT_is_out_of_order()
    {
        var (state, _) = Run(NatNegSessionState.Initial, T0, AllInits(0));

        Assert.Equal(NatNegIgnoredReason.OutOfOrder, NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, default), T0, Settings).Ignored);
    }

    [Fact]
    public void PREINIT_waits_for_the_partner_and_then_both_are_told_ready()
    {
        var a = new NatNegPreInitReceived(Id, 4, 0, 0xB5E0952A, new NatNegEndpoint(Addr("203.0.113.10:40001"), Natneg1));
        var b = new NatNegPreInitReceived(Id, 4, 1, 0x11223344, new NatNegEndpoint(Addr("198.51.100.20:40001"), Natneg1));

        var first = NatNegSessionRules.OnPreInit(NatNegSessionState.Initial, Cookie, a, T0, Settings);
        var state = Fold(NatNegSessionState.Initial, first);
        var second = NatNegSessionRules.OnPreInit(state, Cookie, b, T0 + 100, Settings);

        Assert.Equal((byte)NatNegPreInitState.WaitingForClient, PreInitAck(Assert.Single(first.Sends)).State);
        Assert.Equal(2, second.Sends.Count);
        var toB = PreInitAck(second.Sends[0]);
        var toA = PreInitAck(second.Sends[1]);
        Assert.Equal(((byte)NatNegPreInitState.Ready, (byte)1, 0x11223344u), (toB.State, toB.ClientIndex, toB.ClientId));
        Assert.Equal(((byte)NatNegPreInitState.Ready, (byte)0, 0xB5E0952Au), (toA.State, toA.ClientIndex, toA.ClientId));
        Assert.Equal(Addr("203.0.113.10:40001"), second.Sends[1].To.Address);
    }

    [Fact]
    public void PREINIT_without_a_partner_id_is_ready_at_once()
    {
        var preInit = new NatNegPreInitReceived(Id, 4, 0, 0, new NatNegEndpoint(Addr("203.0.113.10:40001"), Natneg1));

        var decision = NatNegSessionRules.OnPreInit(NatNegSessionState.Initial, Cookie, preInit, T0, Settings);

        Assert.Equal((byte)NatNegPreInitState.Ready, PreInitAck(Assert.Single(decision.Sends)).State);
    }

    private static NatNegPreInitPacket PreInitAck(NatNegOutgoing send)
    {
        var packet = Assert.IsType<NatNegPreInitPacket>(NatNegParser.Parse(send.Datagram).Packet);
        Assert.Equal(NatNegPacketType.PreInitAck, packet.Type);
        return packet;
    }

    [Fact]
    public void Replaying_the_decided_events_rebuilds_the_same_state()
    {
        var events = new List<INatNegSessionEvent>();
        var state = NatNegSessionState.Initial;
        void Take(NatNegDecision d)
        {
            events.AddRange(d.Events);
            state = Fold(state, d);
        }
        foreach (var init in AllInits(0).Concat(AllInits(1))) Take(NatNegSessionRules.OnInit(state, Cookie, init, T0, Settings));
        Take(NatNegSessionRules.OnTick(state, Cookie, T0 + 500, Settings));
        Take(NatNegSessionRules.OnConnectAck(state, new NatNegConnectAckReceived(Id, 3, 0, default), T0 + 600, Settings));
        Take(NatNegSessionRules.OnReport(state, Report(1, false), T0 + 5000, Settings));

        var replayed = events.Aggregate(NatNegSessionState.Initial, (s, e) => s.Apply(e));

        Assert.Equal(state, replayed);
        Assert.Equal(NatNegPhase.Connected, replayed.Phase);
    }

    [Fact]
    public void An_event_outside_its_phase_is_refused_so_a_bug_cannot_corrupt_a_negotiation()
    {
        Assert.Throws<InvalidOperationException>(() => NatNegSessionState.Initial.Apply(new NatNegConnectsSent(T0)));
        Assert.Throws<InvalidOperationException>(() => Paired().Apply(new NatNegConnected(T0)));
        Assert.Throws<InvalidOperationException>(() => Paired().Apply(new NatNegOpened(3, "x", T0, T0)));
    }
}
