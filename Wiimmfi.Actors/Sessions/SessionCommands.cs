using System.Globalization;
using System.Text.Json.Serialization;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Runtime.Sharding;

namespace Wiimmfi.Actors.Sessions;

// What the GPCM front-end tells a console's session entity (through the "session" shard region).
// Every command after the login names the session key of the connection it came from: a command
// from a connection that has since been replaced (second login, kick) is ignored.

/// <summary>Base of every message addressed to a session entity: the entity id is the profile id.</summary>
public abstract record SessionMessage(uint ProfileId) : IShardedMessage
{
    /// <inheritdoc />
    [JsonIgnore]
    public string EntityId => ProfileId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A console passed the GPCM login checks: make it the profile's online session. An older session of
/// the same profile is kicked (GP error 6). Answered to the sender with <see cref="SessionLoginAccepted"/>
/// or <see cref="SessionLoginRefused"/>; from then on the session writes to <paramref name="Connection"/>.
/// </summary>
[WireName("session.login")]
public sealed record SessionLogin(uint ProfileId, IActorRef Connection, int SessionKey, SessionIdentity Identity) : SessionMessage(ProfileId);

/// <summary>The connection ended (socket closed, <c>\logout\</c>, idle timeout).</summary>
[WireName("session.logout")]
public sealed record SessionLogout(uint ProfileId, int SessionKey, string Reason) : SessionMessage(ProfileId);

/// <summary><c>\status\</c>: the console's new presence, for its mutual friends.</summary>
[WireName("session.publish-status")]
public sealed record PublishStatus(uint ProfileId, int SessionKey, SessionPresence Presence) : SessionMessage(ProfileId);

/// <summary><c>\addbuddy\</c>: the console lists <paramref name="Friend"/>.</summary>
[WireName("session.add-buddy")]
public sealed record AddBuddy(uint ProfileId, int SessionKey, uint Friend) : SessionMessage(ProfileId);

/// <summary><c>\authadd\</c>: the console accepts <paramref name="Requester"/>.</summary>
[WireName("session.authorize-buddy")]
public sealed record AuthorizeBuddy(uint ProfileId, int SessionKey, uint Requester) : SessionMessage(ProfileId);

/// <summary><c>\delbuddy\</c>: the console no longer lists <paramref name="Friend"/>.</summary>
[WireName("session.remove-buddy")]
public sealed record RemoveBuddy(uint ProfileId, int SessionKey, uint Friend) : SessionMessage(ProfileId);

/// <summary>
/// <c>\bm\</c>: a buddy message for <paramref name="To"/>, already checked by the front-end.
/// <paramref name="MatchVersion"/> is the DWC match-command version (3, 11, 90) of a match command, else 0.
/// </summary>
[WireName("session.send-buddy-message")]
public sealed record SendBuddyMessage(uint ProfileId, int SessionKey, uint To, int Type, string Text, int MatchVersion) : SessionMessage(ProfileId);

/// <summary><c>\updatepro\</c>: new first/last names (null keeps the stored one).</summary>
[WireName("session.update-names")]
public sealed record UpdateNames(uint ProfileId, int SessionKey, string? FirstName, string? LastName) : SessionMessage(ProfileId);

/// <summary>Moderation: disconnect the profile with GP error <paramref name="Code"/>. Answered with <see cref="KickAnswer"/>.</summary>
[WireName("session.kick")]
public sealed record KickSession(uint ProfileId, int Code, string Reason) : SessionMessage(ProfileId);

/// <summary>Is the profile online? Answered with <see cref="PresenceAnswer"/>.</summary>
[WireName("session.get-presence")]
public sealed record GetPresence(uint ProfileId) : SessionMessage(ProfileId);

/// <summary>
/// GPSP: is <paramref name="SessionKey"/> the live GPCM session of the profile (and, when given, in
/// <paramref name="GameName"/>)? Answered with <see cref="SessionVerified"/>.
/// </summary>
[WireName("session.verify")]
public sealed record VerifySession(uint ProfileId, int SessionKey, string? GameName) : SessionMessage(ProfileId);

/// <summary>The login is accepted; <paramref name="BuddyList"/> is the profile's friend list (for <c>\bdy\</c>).</summary>
[WireName("session.login-accepted")]
public sealed record SessionLoginAccepted(uint ProfileId, int SessionKey, IReadOnlyList<uint> BuddyList);

/// <summary>The login is refused with GP error <paramref name="Code"/> (fatal).</summary>
[WireName("session.login-refused")]
public sealed record SessionLoginRefused(uint ProfileId, int Code, string Message);

/// <summary>Answer to <see cref="KickSession"/>: whether a session was online and is now gone.</summary>
[WireName("session.kick-answer")]
public sealed record KickAnswer(uint ProfileId, bool WasOnline);

/// <summary>Answer to <see cref="GetPresence"/>.</summary>
[WireName("session.presence-answer")]
public sealed record PresenceAnswer(uint ProfileId, bool Online, SessionPresence Presence, string? GameName);

/// <summary>Answer to <see cref="VerifySession"/>; <paramref name="Gsbrcd"/> is the profile's branch code when valid.</summary>
[WireName("session.verified")]
public sealed record SessionVerified(uint ProfileId, bool Valid, string? Gsbrcd);

/// <summary>Operators: what the session entity holds (also for a dormant or offline session). Answered with <see cref="SessionRecord"/>.</summary>
[WireName("session.get-record")]
public sealed record GetSessionRecord(uint ProfileId) : SessionMessage(ProfileId);

/// <summary>
/// Answer to <see cref="GetSessionRecord"/>: online now, dormant (recovered from the journal as online, its connection
/// gone), the last presence, the game and the friend lists as stored.
/// </summary>
[WireName("session.record")]
public sealed record SessionRecord(uint ProfileId, bool Online, bool Dormant, SessionPresence Presence, string? GameName,
    IReadOnlyList<uint> Friends, IReadOnlyList<uint> Mutual);
