namespace Wiimmfi.Actors.Storage;

/// <summary>How <see cref="IFriendStore.AddAsync"/> ended.</summary>
public enum FriendAddOutcome
{
    /// <summary>The owner's edge is stored; the other side has not listed the owner, so they are not mutual.</summary>
    Pending,

    /// <summary>The other side had already listed the owner: both edges are now authorized (mutual friends).</summary>
    BecameMutual,

    /// <summary>They were mutual friends before; nothing changed.</summary>
    AlreadyMutual,

    /// <summary>The owner's list is full (<see cref="StoreLimits.MaxFriendsPerProfile"/>); nothing changed.</summary>
    ListFull,
}
