using Wiimmfi.Actors.Runtime;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// What a table keeps about a host besides its record, none of it worth persisting: when it was last heard from,
/// which front-end reaches it, its last heartbeat (to recognise an unchanged one without parsing) and the client
/// messages waiting for it. After a restart every host simply starts a fresh session with its next packet.
/// </summary>
internal sealed class HostSession(long registeredAt, IActorRef frontend)
{
    /// <summary>Clock timestamp of registration (for operators).</summary>
    public long RegisteredAt { get; set; } = registeredAt;

    /// <summary>Clock timestamp of the last packet.</summary>
    public long LastSeen { get; private set; } = registeredAt;

    /// <summary>The QR2 front-end that forwarded the host's last heartbeat: replies leave from its socket.</summary>
    public IActorRef Frontend { get; set; } = frontend;

    /// <summary>The last heartbeat datagram, byte for byte.</summary>
    public byte[]? LastHeartbeat { get; set; }

    /// <summary>The <c>statechanged</c> of <see cref="LastHeartbeat"/>.</summary>
    public Qr2StateChange LastStateChange { get; set; }

    /// <summary>Client messages for this host; null while there are none (most hosts).</summary>
    public RelayQueue? Relay { get; set; }

    /// <summary>Records a packet from the host.</summary>
    public void Touch(long now) => LastSeen = now;
}
