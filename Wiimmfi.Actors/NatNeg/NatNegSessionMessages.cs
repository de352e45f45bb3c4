using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.NatNeg;

// What the NATNEG front-ends tell a negotiation (entity id = the cookie, see NatNegSessions.EntityIdOf).
// Each carries the packet's version so the entity can refuse a version change inside one cookie, and
// where the console can be answered. They travel through the shard region, so the wire names are frozen.

/// <summary>An INIT from one of a console's sockets (port type GP, NN1, NN2 or NN3).</summary>
/// <param name="LocalAddress">The console's private address as the INIT states it (port 0 in GP and NN1 INITs).</param>
/// <param name="From">The public source address and the front-end whose socket received it.</param>
[WireName("natneg.init-received")]
public sealed record NatNegInitReceived(
    string EntityId, byte Version, NatNegPortType PortType, byte ClientIndex, bool UseGamePort,
    NatNegAddress LocalAddress, string GameName, NatNegEndpoint From) : IShardedMessage;

/// <summary>A console confirms it received its CONNECT (only the client index is meaningful).</summary>
[WireName("natneg.connect-ack-received")]
public sealed record NatNegConnectAckReceived(string EntityId, byte Version, byte ClientIndex, NatNegAddress Source) : IShardedMessage;

/// <summary>
/// A console's REPORT after its pings (the front-end has already answered REPORT_ACK). NAT type and
/// mapping scheme are raw: their byte order depends on the console (Wii big-endian, DS little-endian).
/// </summary>
[WireName("natneg.report-received")]
public sealed record NatNegReportReceived(
    string EntityId, byte Version, byte ClientIndex, bool Succeeded, uint NatTypeRaw, uint MappingSchemeRaw,
    NatNegAddress Source) : IShardedMessage;

/// <summary>A version-4 PREINIT (client id = the partner's session id, 0 when there is none).</summary>
[WireName("natneg.preinit-received")]
public sealed record NatNegPreInitReceived(string EntityId, byte Version, byte ClientIndex, uint ClientId, NatNegEndpoint From) : IShardedMessage;
