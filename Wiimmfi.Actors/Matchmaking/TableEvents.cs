using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// Something that changed a matchmaking table. The table decides (from a heartbeat, a challenge response, the
/// clock) which events happen, then applies them with the pure <see cref="TableState.Apply"/>. Only real changes
/// become events — a heartbeat that repeats the previous one only refreshes the host's liveness, which is not
/// state (as Wiimmfi's MASTER "updates the matchmaking tables only on changes") — so these are what a journal
/// will store once tables are persisted (issue 8). Wire names are frozen: append only.
/// </summary>
public abstract record TableEvent(HostAddress Address);

/// <summary>A new host (or a console that restarted QR2 with a new instance key) was challenged.</summary>
[WireName("matchmaking.host-registered")]
public sealed record HostRegistered(
    HostAddress Address,
    uint InstanceKey,
    string Challenge,
    IReadOnlyList<KeyValuePair<string, string>> Keys,
    HostKeySection? Players,
    HostKeySection? Teams) : TableEvent(Address);

/// <summary>A heartbeat changed the host's keys, sections or instance key.</summary>
[WireName("matchmaking.host-updated")]
public sealed record HostUpdated(
    HostAddress Address,
    uint InstanceKey,
    IReadOnlyList<KeyValuePair<string, string>> Keys,
    HostKeySection? Players,
    HostKeySection? Teams) : TableEvent(Address);

/// <summary>The host answered its challenge correctly: from now on it is listed.</summary>
[WireName("matchmaking.host-authenticated")]
public sealed record HostAuthenticated(HostAddress Address) : TableEvent(Address);

/// <summary>A keep-alive carried a new instance key (the console restarted QR2 on the same port).</summary>
[WireName("matchmaking.host-instance-key-changed")]
public sealed record HostInstanceKeyChanged(HostAddress Address, uint InstanceKey) : TableEvent(Address);

/// <summary>The host left the table.</summary>
[WireName("matchmaking.host-removed")]
public sealed record HostRemoved(HostAddress Address, HostRemovalReason Reason) : TableEvent(Address);
