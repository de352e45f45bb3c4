using System.Data.Common;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [PostgresAwareFact]
    public async Task Adding_a_friend_stores_a_requested_edge_that_is_not_mutual()
    {
        var me = await NewProfileAsync();
        var friend = await NewProfileAsync();

        var outcome = await Store.Friends.AddAsync(me.ProfileId, friend.ProfileId);

        Assert.Equal(FriendAddOutcome.Pending, outcome);
        Assert.Equal([new FriendEdge(me.ProfileId, friend.ProfileId, FriendEdgeState.Requested, Start, Start)], await Store.Friends.ListAsync(me.ProfileId));
        Assert.Empty(await Store.Friends.ListAsync(friend.ProfileId));
        Assert.False(await Store.Friends.AreMutualAsync(me.ProfileId, friend.ProfileId));
        Assert.Empty(await Store.Friends.ListMutualAsync(me.ProfileId));
    }

    [PostgresAwareFact]
    public async Task Two_profiles_that_add_each_other_become_mutual_friends()
    {
        var me = await NewProfileAsync();
        var friend = await NewProfileAsync();
        var stranger = await NewProfileAsync();
        await Store.Friends.AddAsync(me.ProfileId, stranger.ProfileId);
        await Store.Friends.AddAsync(me.ProfileId, friend.ProfileId);

        var outcome = await Store.Friends.AddAsync(friend.ProfileId, me.ProfileId);
        var repeated = await Store.Friends.AddAsync(me.ProfileId, friend.ProfileId);

        Assert.Equal(FriendAddOutcome.BecameMutual, outcome);
        Assert.Equal(FriendAddOutcome.AlreadyMutual, repeated);
        Assert.True(await Store.Friends.AreMutualAsync(me.ProfileId, friend.ProfileId));
        Assert.True(await Store.Friends.AreMutualAsync(friend.ProfileId, me.ProfileId));
        Assert.Equal([friend.ProfileId], await Store.Friends.ListMutualAsync(me.ProfileId));
        Assert.Equal([me.ProfileId], await Store.Friends.ListMutualAsync(friend.ProfileId));
        Assert.All(await Store.Friends.ListAsync(friend.ProfileId), edge => Assert.Equal(FriendEdgeState.Authorized, edge.State));
    }

    [PostgresAwareFact]
    public async Task Friends_adding_each_other_at_the_same_moment_still_become_mutual()
    {
        var pairs = new List<(uint A, uint B)>();
        for (var i = 0; i < 8; i++)
        {
            pairs.Add(((await NewProfileAsync()).ProfileId, (await NewProfileAsync()).ProfileId));
        }

        await Task.WhenAll(pairs.SelectMany(pair => new[] { Store.Friends.AddAsync(pair.A, pair.B), Store.Friends.AddAsync(pair.B, pair.A) }));

        foreach (var (a, b) in pairs)
        {
            Assert.True(await Store.Friends.AreMutualAsync(a, b), $"{a} and {b} added each other but are not mutual");
        }
    }

    [PostgresAwareFact]
    public async Task Removing_a_friend_ends_the_friendship_but_keeps_the_other_side_request()
    {
        var me = await NewProfileAsync();
        var friend = await NewProfileAsync();
        await Store.Friends.AddAsync(me.ProfileId, friend.ProfileId);
        await Store.Friends.AddAsync(friend.ProfileId, me.ProfileId);
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.True(await Store.Friends.RemoveAsync(me.ProfileId, friend.ProfileId));
        Assert.False(await Store.Friends.RemoveAsync(me.ProfileId, friend.ProfileId));

        Assert.False(await Store.Friends.AreMutualAsync(me.ProfileId, friend.ProfileId));
        Assert.Empty(await Store.Friends.ListAsync(me.ProfileId));
        Assert.Equal([new FriendEdge(friend.ProfileId, me.ProfileId, FriendEdgeState.Requested, Start, Start.AddHours(1))],
            await Store.Friends.ListAsync(friend.ProfileId));
        Assert.Equal(FriendAddOutcome.BecameMutual, await Store.Friends.AddAsync(me.ProfileId, friend.ProfileId));
    }

    [PostgresAwareFact]
    public async Task Authorizing_a_request_marks_only_that_edge_authorized()
    {
        var requester = await NewProfileAsync();
        var approver = await NewProfileAsync();
        await Store.Friends.AddAsync(requester.ProfileId, approver.ProfileId);

        Assert.True(await Store.Friends.AuthorizeAsync(requester.ProfileId, approver.ProfileId));
        Assert.False(await Store.Friends.AuthorizeAsync(approver.ProfileId, requester.ProfileId));

        Assert.Equal(FriendEdgeState.Authorized, (await Store.Friends.ListAsync(requester.ProfileId)).Single().State);
        Assert.False(await Store.Friends.AreMutualAsync(requester.ProfileId, approver.ProfileId));
    }

    [PostgresAwareFact]
    public async Task A_friend_list_of_an_unknown_owner_or_of_oneself_is_refused_and_nothing_is_stored()
    {
        var me = await NewProfileAsync();
        const uint unknownOwner = 4_000_000_000;

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Friends.AddAsync(me.ProfileId, me.ProfileId));
        await Assert.ThrowsAnyAsync<DbException>(() => Store.Friends.AddAsync(unknownOwner, me.ProfileId));

        Assert.Empty(await Store.Friends.ListAsync(me.ProfileId));
        Assert.Empty(await Store.Friends.ListAsync(unknownOwner));
    }

    [PostgresAwareFact]
    public async Task A_full_friend_list_refuses_one_more_friend()
    {
        var me = await NewProfileAsync();
        // Friends need not exist as profiles: a console may list codes this server never saw.
        var friends = Enumerable.Range(1, StoreLimits.MaxFriendsPerProfile + 1).Select(i => (uint)(3_000_000_000 + i)).ToArray();
        foreach (var friend in friends[..^1])
        {
            Assert.Equal(FriendAddOutcome.Pending, await Store.Friends.AddAsync(me.ProfileId, friend));
        }

        Assert.Equal(FriendAddOutcome.ListFull, await Store.Friends.AddAsync(me.ProfileId, friends[^1]));
        Assert.Equal(StoreLimits.MaxFriendsPerProfile, (await Store.Friends.ListAsync(me.ProfileId)).Count);
    }
}
