using System.Collections.Immutable;
using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// The state of one profile's session entity: offline, or online on one GPCM connection with its
/// presence and friend lists. Immutable; changed only by <see cref="Apply"/>.
/// </summary>
/// <param name="ProfileId">The profile (the entity id).</param>
/// <param name="Connection">The GPCM connection actor while online, else null.</param>
/// <param name="SessionKey">The session key handed out at login (0 offline).</param>
/// <param name="Identity">Who is online, else null.</param>
/// <param name="Presence">The last published presence.</param>
/// <param name="Friends">Profiles this console lists.</param>
/// <param name="Mutual">Friends that list this profile back: the only ones that exchange presence and messages.</param>
/// <param name="StatusReceivedFrom">Friends whose status this console has received during this session.</param>
public sealed record ConsoleSessionState(
    uint ProfileId,
    IActorRef? Connection,
    int SessionKey,
    SessionIdentity? Identity,
    SessionPresence Presence,
    ImmutableHashSet<uint> Friends,
    ImmutableHashSet<uint> Mutual,
    ImmutableHashSet<uint> StatusReceivedFrom)
{
    /// <summary>The state of a profile nobody is logged in with.</summary>
    public static ConsoleSessionState OfflineFor(uint profileId) =>
        new(profileId, null, 0, null, SessionPresence.Offline, [], [], []);

    /// <summary>True while a console is logged in.</summary>
    public bool IsOnline => Connection is not null && Identity is not null;

    /// <summary>The game of the online console, else null.</summary>
    public string? GameName => Identity?.GameName;

    /// <summary>True when <paramref name="sessionKey"/> is the current session's (commands from older connections are ignored).</summary>
    public bool IsCurrent(int sessionKey) => IsOnline && sessionKey == SessionKey;

    /// <summary>The state after <paramref name="fact"/>. Pure: no I/O, no clock, no randomness.</summary>
    public ConsoleSessionState Apply(SessionEvent fact) => fact switch
    {
        LoggedIn e => this with
        {
            Connection = e.Connection,
            SessionKey = e.SessionKey,
            Identity = e.Identity,
            Presence = SessionPresence.Online,
            Friends = [.. e.Friends],
            Mutual = [.. e.Mutual],
            StatusReceivedFrom = [],
        },
        LoggedOut => OfflineFor(ProfileId),
        PresenceChanged e => this with { Presence = e.Presence },
        FriendAdded e => this with
        {
            Friends = Friends.Add(e.Friend),
            Mutual = e.Mutual ? Mutual.Add(e.Friend) : Mutual,
        },
        FriendRemoved e => this with { Friends = Friends.Remove(e.Friend), Mutual = Mutual.Remove(e.Friend) },
        FriendshipGranted e => this with { Friends = Friends.Add(e.Friend), Mutual = Mutual.Add(e.Friend) },
        FriendshipWithdrawn e => this with { Mutual = Mutual.Remove(e.Friend) },
        StatusReceived e => this with { StatusReceivedFrom = StatusReceivedFrom.Add(e.From) },
        SessionResumed e => this with { Connection = e.Connection },
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown session event."),
    };
}
