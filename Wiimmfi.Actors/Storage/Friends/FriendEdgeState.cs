namespace Wiimmfi.Actors.Storage;

/// <summary>
/// State of a directed friend-list edge owner → friend. Values are frozen (stored in the
/// database): append, never renumber.
/// </summary>
public enum FriendEdgeState
{
    /// <summary>The owner added the friend; the friend has not (yet) accepted.</summary>
    Requested = 1,

    /// <summary>The friend accepted the owner. Both edges authorized = mutual friends.</summary>
    Authorized = 2,
}
