using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Sessions;

// The facts that change a session's state. ConsoleSessionState.Apply is a pure function of them,
// so a later persistent session (issue 8) can journal exactly these records and replay them.
// The wire names are the journal's type names: frozen once shipped.

/// <summary>A fact about a console session; see <see cref="ConsoleSessionState.Apply"/>.</summary>
public abstract record SessionEvent;

/// <summary>The profile came online on <paramref name="Connection"/> with its friend lists as stored.</summary>
[WireName("session.event.logged-in")]
public sealed record LoggedIn(IActorRef Connection, int SessionKey, SessionIdentity Identity, IReadOnlyList<uint> Friends, IReadOnlyList<uint> Mutual)
    : SessionEvent;

/// <summary>The profile went offline (logout, closed socket, kick).</summary>
[WireName("session.event.logged-out")]
public sealed record LoggedOut(string Reason) : SessionEvent;

/// <summary>The console published a new presence.</summary>
[WireName("session.event.presence-changed")]
public sealed record PresenceChanged(SessionPresence Presence) : SessionEvent;

/// <summary>The console listed <paramref name="Friend"/>; <paramref name="Mutual"/> when the friend lists it too.</summary>
[WireName("session.event.friend-added")]
public sealed record FriendAdded(uint Friend, bool Mutual) : SessionEvent;

/// <summary>The console stopped listing <paramref name="Friend"/> (so they are no longer mutual).</summary>
[WireName("session.event.friend-removed")]
public sealed record FriendRemoved(uint Friend) : SessionEvent;

/// <summary><paramref name="Friend"/> listed this profile back: they are mutual friends now.</summary>
[WireName("session.event.friendship-granted")]
public sealed record FriendshipGranted(uint Friend) : SessionEvent;

/// <summary><paramref name="Friend"/> stopped listing this profile: no longer mutual.</summary>
[WireName("session.event.friendship-withdrawn")]
public sealed record FriendshipWithdrawn(uint Friend) : SessionEvent;

/// <summary>The console has now received a status from <paramref name="From"/> (DWC drops messages from profiles it has none of).</summary>
[WireName("session.event.status-received")]
public sealed record StatusReceived(uint From) : SessionEvent;

/// <summary>
/// After a smart restart the console's connection (adopted by this process as <paramref name="Connection"/>) took its
/// dormant session back: everything else — key, identity, presence, friends — stays as it was.
/// </summary>
[WireName("session.event.resumed")]
public sealed record SessionResumed(IActorRef Connection) : SessionEvent;
