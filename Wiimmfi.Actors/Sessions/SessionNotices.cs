using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Sessions;

// What one session entity tells another (through the region). ProfileId is always the receiver,
// From the sender. A receiver acts only while its profile is online and only for mutual friends.

/// <summary>
/// <paramref name="From"/>'s presence. <paramref name="AnnounceAuthorization"/> puts a <c>\bm\4</c> (you
/// were authorised) before the status; <paramref name="AnswerWithOwn"/> asks the receiver to send its
/// own presence back (the exchange at login).
/// </summary>
[WireName("session.friend-presence")]
public sealed record FriendPresence(uint ProfileId, uint From, SessionPresence Presence, string GameName, bool AnnounceAuthorization, bool AnswerWithOwn)
    : SessionMessage(ProfileId);

/// <summary><paramref name="From"/> logged out (or was kicked).</summary>
[WireName("session.friend-offline")]
public sealed record FriendOffline(uint ProfileId, uint From) : SessionMessage(ProfileId);

/// <summary>
/// The store says the receiver and <paramref name="From"/> are now mutual friends (both listed each
/// other): the receiver adds <paramref name="From"/>, announces it to its console with its presence,
/// and answers with its own (with the announcement).
/// </summary>
[WireName("session.friendship-authorized")]
public sealed record FriendshipAuthorized(uint ProfileId, uint From, SessionPresence Presence, string GameName) : SessionMessage(ProfileId);

/// <summary><paramref name="From"/> removed the receiver from its list: they are no longer mutual.</summary>
[WireName("session.friendship-revoked")]
public sealed record FriendshipRevoked(uint ProfileId, uint From) : SessionMessage(ProfileId);

/// <summary>A buddy message from <paramref name="From"/> to deliver to the receiver's console.</summary>
[WireName("session.relay-buddy-message")]
public sealed record RelayBuddyMessage(uint ProfileId, uint From, int Type, string Text, int MatchVersion, string GameName) : SessionMessage(ProfileId);

/// <summary>
/// A buddy message the receiver sent to <paramref name="From"/> could not be delivered. A match
/// command is answered to the sender's console with a RESV_DENY in <paramref name="From"/>'s name;
/// other messages with GP error 2307 (buddy offline).
/// </summary>
[WireName("session.buddy-message-bounced")]
public sealed record BuddyMessageBounced(uint ProfileId, uint From, int Type, int MatchVersion, BounceReason Reason) : SessionMessage(ProfileId);

/// <summary>Why a relayed buddy message was not delivered. Wire numbers: append only.</summary>
public enum BounceReason
{
    /// <summary>The target is not online.</summary>
    Offline = 1,

    /// <summary>The target does not count the sender as a mutual friend.</summary>
    NotMutual = 2,

    /// <summary>The target plays another game.</summary>
    OtherGame = 3,
}
