namespace Wiimmfi.Actors.Storage;

/// <summary>One entry of a profile's friend list: <paramref name="Owner"/> listed <paramref name="Friend"/>.</summary>
public sealed record FriendEdge(uint Owner, uint Friend, FriendEdgeState State, DateTimeOffset Created, DateTimeOffset Updated);
