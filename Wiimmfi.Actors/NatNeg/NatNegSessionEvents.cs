using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

/// <summary>
/// A change to a negotiation's state. <see cref="NatNegSessionRules"/> decides which events a message
/// causes; <see cref="NatNegSessionState.Apply"/> applies them. The split lets issue 8 journal the events
/// and replay them without re-running decisions (and without re-sending packets). Wire names are frozen.
/// </summary>
public interface INatNegSessionEvent;

/// <summary>The first INIT or PREINIT opened the negotiation; it must be paired before <paramref name="DeadlineMs"/>.</summary>
[WireName("natneg.event.opened")]
public sealed record NatNegOpened(byte Version, string GameName, long OpenedAtMs, long DeadlineMs) : INatNegSessionEvent;

/// <summary>An INIT of one console was recorded (addresses learned from it).</summary>
[WireName("natneg.event.init-recorded")]
public sealed record NatNegInitRecorded(
    byte ClientIndex, NatNegPortType PortType, bool UseGamePort, NatNegAddress LocalAddress, string GameName,
    NatNegEndpoint From) : INatNegSessionEvent;

/// <summary>A console's PREINIT was recorded (version 4).</summary>
[WireName("natneg.event.preinit-recorded")]
public sealed record NatNegPreInitRecorded(byte ClientIndex, uint ClientId, NatNegEndpoint From) : INatNegSessionEvent;

/// <summary>A round of CONNECTs went out (the first pairs the consoles; later ones retransmit to those that did not acknowledge).</summary>
[WireName("natneg.event.connects-sent")]
public sealed record NatNegConnectsSent(long AtMs) : INatNegSessionEvent;

/// <summary>A console acknowledged its CONNECT (by CONNECT_ACK, or implicitly by a REPORT).</summary>
[WireName("natneg.event.connect-acknowledged")]
public sealed record NatNegConnectAcknowledged(byte ClientIndex) : INatNegSessionEvent;

/// <summary>Both consoles acknowledged; their REPORTs are awaited until <paramref name="ReportDeadlineMs"/>.</summary>
[WireName("natneg.event.connected")]
public sealed record NatNegConnected(long ReportDeadlineMs) : INatNegSessionEvent;

/// <summary>A console reported the result of its pings.</summary>
[WireName("natneg.event.report-recorded")]
public sealed record NatNegReportRecorded(byte ClientIndex, bool Succeeded, uint NatTypeRaw, uint MappingSchemeRaw) : INatNegSessionEvent;

/// <summary>The negotiation ended.</summary>
[WireName("natneg.event.closed")]
public sealed record NatNegClosed(NatNegCloseReason Reason) : INatNegSessionEvent;
