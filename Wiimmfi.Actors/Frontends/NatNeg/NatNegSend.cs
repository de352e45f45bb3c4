using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Actors.Frontends.NatNeg;

/// <summary>
/// Asks a NATNEG front-end to send <paramref name="Datagram"/> to <paramref name="Target"/> from its socket:
/// at once, or after the reply delay when <paramref name="Delayed"/>. Negotiation entities send their replies
/// this way (they never touch sockets), and front-ends ask each other for NAT tests that must come from
/// another address. May cross nodes, so the wire name is frozen.
/// </summary>
[WireName("natneg.send")]
public sealed record NatNegSend(byte[] Datagram, NatNegAddress Target, bool Delayed);
