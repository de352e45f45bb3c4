namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Friend lists as directed edges owner → friend. Two profiles are mutual friends when both
/// edges are <see cref="FriendEdgeState.Authorized"/>; only mutual friends exchange presence and
/// buddy messages (gpcm.md §9).
/// </summary>
public interface IFriendStore
{
    /// <summary>
    /// GPCM <c>addbuddy</c>: the owner lists the friend. If the friend already lists the owner,
    /// both edges become authorized at once (the rule DWC games rely on: friend codes are swapped
    /// offline and both consoles add each other). Safe against both sides adding at the same time.
    /// Fails (and stores nothing) when the owner profile does not exist.
    /// </summary>
    Task<FriendAddOutcome> AddAsync(uint owner, uint friend, CancellationToken cancellationToken = default);

    /// <summary>
    /// GameSpy <c>authadd</c>: <paramref name="approver"/> accepts <paramref name="requester"/>'s
    /// request, so the edge requester → approver becomes authorized. False when there is no such edge.
    /// </summary>
    Task<bool> AuthorizeAsync(uint requester, uint approver, CancellationToken cancellationToken = default);

    /// <summary>
    /// GPCM <c>delbuddy</c>: removes owner → friend. They stop being mutual, so the friend's edge
    /// back (if any) returns to <see cref="FriendEdgeState.Requested"/>. False when there was no edge.
    /// </summary>
    Task<bool> RemoveAsync(uint owner, uint friend, CancellationToken cancellationToken = default);

    /// <summary>The owner's friend list, ordered by friend id.</summary>
    Task<IReadOnlyList<FriendEdge>> ListAsync(uint owner, CancellationToken cancellationToken = default);

    /// <summary>The owner's mutual friends, ordered by id.</summary>
    Task<IReadOnlyList<uint>> ListMutualAsync(uint owner, CancellationToken cancellationToken = default);

    /// <summary>Whether the two profiles are mutual friends.</summary>
    Task<bool> AreMutualAsync(uint first, uint second, CancellationToken cancellationToken = default);
}
