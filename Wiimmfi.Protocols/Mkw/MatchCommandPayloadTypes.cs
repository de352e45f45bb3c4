namespace Wiimmfi.Protocols.Mkw;

/// <summary>
/// RESERVATION (0x01) payload. Addresses are big-endian u32 (network order on the wire), ports and counts u32 LE.
/// Fields a version does not carry are null.
/// </summary>
/// <param name="MatchType">The sender's <c>dwc_mtype</c> (0–3).</param>
/// <param name="PublicIp">Sender public IPv4 (v3: optional).</param>
/// <param name="PublicPort">Sender public port (≤ 0xFFFF).</param>
/// <param name="LocalIp">v90: sender private IPv4.</param>
/// <param name="LocalPort">v90: sender private port.</param>
/// <param name="Unknown14">v90: u32 at 0x14 (1 in the capture).</param>
/// <param name="IsFriend">v90/v11: is-friend flag.</param>
/// <param name="LocalPlayerCount">v90/v11: players on the sender's console (1–2).</param>
/// <param name="CheckValue">v90: reservation check value, echoed in RESV_OK (the 4 bytes as a big-endian u32).</param>
/// <param name="UserData">Game user data after the fixed part.</param>
public sealed record ReservationPayload(
    uint MatchType,
    uint? PublicIp,
    uint? PublicPort,
    uint? LocalIp,
    uint? LocalPort,
    uint? Unknown14,
    bool? IsFriend,
    uint? LocalPlayerCount,
    uint? CheckValue,
    ReadOnlyMemory<byte> UserData);

/// <summary>
/// RESV_OK (0x02) payload: the host accepted and tells the room layout.
/// </summary>
/// <param name="MaxPlayers">v90/v11: room capacity (11 in MKW captures).</param>
/// <param name="SenderAid">v90/v11: the host's aid (0).</param>
/// <param name="SenderProfileId">v90: the sender's profile id (equals the header's).</param>
/// <param name="ClientProfileIds">v3/v11: profile ids of the room's clients (v3 ≤ 29, v11 ≤ 24); empty for v90.</param>
/// <param name="PublicIp">Sender public IPv4.</param>
/// <param name="PublicPort">Sender public port.</param>
/// <param name="LocalIp">v90: sender private IPv4.</param>
/// <param name="LocalPort">v90: sender private port.</param>
/// <param name="Unknown1C">v90: u32 at 0x1C (1).</param>
/// <param name="LocalPlayerCount">v90: players on the host console.</param>
/// <param name="GroupId">v90/v11: the room's group id (= <c>dwc_groupid</c>).</param>
/// <param name="ReceiverAid">v90: aid assigned to the receiver.</param>
/// <param name="ClientCount">Current client count.</param>
/// <param name="CheckValue">v90: echo of the RESERVATION's check value.</param>
/// <param name="IsFriend">v11: is-friend flag.</param>
/// <param name="UserData">Game user data after the fixed part.</param>
public sealed record ResvOkPayload(
    uint? MaxPlayers,
    uint? SenderAid,
    uint? SenderProfileId,
    IReadOnlyList<uint> ClientProfileIds,
    uint PublicIp,
    uint PublicPort,
    uint? LocalIp,
    uint? LocalPort,
    uint? Unknown1C,
    uint? LocalPlayerCount,
    uint? GroupId,
    uint? ReceiverAid,
    uint ClientCount,
    uint? CheckValue,
    bool? IsFriend,
    ReadOnlyMemory<byte> UserData);

/// <summary>RESV_DENY (0x03) payload: the reason, when given (the rest is opaque).</summary>
public sealed record ResvDenyPayload(ResvDenyReason? Reason);

/// <summary>TELL_ADDR (0x06) payload: the sender's private address (for peers behind the same NAT).</summary>
/// <param name="LocalIp">Private IPv4 (network order).</param>
/// <param name="LocalPort">Private port (u32 LE on the wire).</param>
public sealed record TellAddrPayload(uint LocalIp, uint LocalPort);

/// <summary>SUSPEND_MATCH (0x82) payload: 8 or 16 bytes.</summary>
public sealed record SuspendMatchPayload(uint HostProfileId, bool IsHost, uint? SuspendValue, uint? ClientAid);

/// <summary>SC_CLOSE_CL (0x10) payload: profile ids of clients that dropped (≤ 32).</summary>
public sealed record ScCloseClientPayload(IReadOnlyList<uint> ProfileIds);
