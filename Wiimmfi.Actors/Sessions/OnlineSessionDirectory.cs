using System.Collections.Concurrent;

namespace Wiimmfi.Actors.Sessions;

/// <summary>One online console as operators see it.</summary>
/// <param name="Identity">Who is logged in, from where, since when.</param>
/// <param name="SessionKey">The session key of the login (a newer login of the same profile replaces the entry).</param>
/// <param name="Presence">The latest published presence.</param>
public sealed record OnlineSessionInfo(SessionIdentity Identity, int SessionKey, SessionPresence Presence);

/// <summary>
/// The consoles online on this node: a read model the session entities keep current (login,
/// presence, logout) for the management API and for moderation, which must find the sessions a ban
/// on a MAC or IP address catches. It holds copies of facts the entities own, never decides anything,
/// and is safe to read from any thread.
/// </summary>
/// <remarks>In a cluster every node lists its own sessions; an operator view of the whole cluster
/// asks every node (profile bans reach remote sessions through the shard region anyway).</remarks>
public sealed class OnlineSessionDirectory
{
    private readonly ConcurrentDictionary<uint, OnlineSessionInfo> _sessions = new();

    /// <summary>Consoles online now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Records a login (replacing an older session of the profile).</summary>
    public void Register(OnlineSessionInfo session) => _sessions[session.Identity.ProfileId] = session;

    /// <summary>Records a new presence for the session with <paramref name="sessionKey"/>.</summary>
    public void UpdatePresence(uint profileId, int sessionKey, SessionPresence presence)
    {
        while (_sessions.TryGetValue(profileId, out var current) && current.SessionKey == sessionKey)
        {
            if (_sessions.TryUpdate(profileId, current with { Presence = presence }, current))
            {
                return;
            }
        }
    }

    /// <summary>Removes the session with <paramref name="sessionKey"/> (a newer one of the same profile stays).</summary>
    public void Remove(uint profileId, int sessionKey)
    {
        if (_sessions.TryGetValue(profileId, out var current) && current.SessionKey == sessionKey)
        {
            _sessions.TryRemove(new KeyValuePair<uint, OnlineSessionInfo>(profileId, current));
        }
    }

    /// <summary>The session of <paramref name="profileId"/>, if online here.</summary>
    public OnlineSessionInfo? Find(uint profileId) => _sessions.TryGetValue(profileId, out var session) ? session : null;

    /// <summary>Every online session, ordered by profile id.</summary>
    public IReadOnlyList<OnlineSessionInfo> Snapshot() => [.. _sessions.Values.OrderBy(s => s.Identity.ProfileId)];
}
