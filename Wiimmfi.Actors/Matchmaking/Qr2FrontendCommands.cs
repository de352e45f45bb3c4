using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Matchmaking;

// What a table asks the QR2 front-end that serves a host to send it. The table decides what to say; the
// front-end owns the socket and the bytes (Wiimmfi.Protocols.Qr2.Qr2ServerPacketWriter).

/// <summary>Send the host its challenge (<c>FE FD 01</c>).</summary>
[WireName("matchmaking.qr2-send-challenge")]
public sealed record Qr2SendChallenge(HostAddress Address, uint InstanceKey, string Challenge);

/// <summary>Tell the host its registration is complete (<c>FE FD 0A</c>).</summary>
[WireName("matchmaking.qr2-send-client-registered")]
public sealed record Qr2SendClientRegistered(HostAddress Address, uint InstanceKey);

/// <summary>Deliver relayed data to the host (<c>FE FD 06</c>); it acknowledges with the message key.</summary>
[WireName("matchmaking.qr2-send-client-message")]
public sealed record Qr2SendClientMessage(HostAddress Address, uint InstanceKey, uint MessageKey, byte[] Data);

/// <summary>The game's table has no host at this address (any more): stop routing its packets there.</summary>
[WireName("matchmaking.qr2-host-gone")]
public sealed record Qr2HostGone(string GameName, HostAddress Address);
