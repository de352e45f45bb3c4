using System.Data.Common;
using Dapper;

namespace Wiimmfi.Actors.Storage;

/// <summary>
/// <see cref="IFriendStore"/> over either dialect. Every change to the edges between two profiles
/// runs in a write transaction holding the pair's lock (<see cref="StoreDatabase.LockProfilePairAsync"/>),
/// so two consoles adding each other at the same moment cannot both miss the other's edge and
/// end up "requested" forever.
/// </summary>
internal sealed class SqlFriendStore(StoreDatabase database, TimeProvider time) : IFriendStore
{
    private const long Requested = (long)FriendEdgeState.Requested;
    private const long Authorized = (long)FriendEdgeState.Authorized;

    public async Task<FriendAddOutcome> AddAsync(uint owner, uint friend, CancellationToken cancellationToken = default)
    {
        var (o, f) = Pair(owner, friend);
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            await database.LockProfilePairAsync(transaction, owner, friend, cancellationToken).ConfigureAwait(false);
            var now = UnixMilliseconds.From(time.GetUtcNow());
            var mine = await StateAsync(connection, transaction, o, f, cancellationToken).ConfigureAwait(false);
            var theirs = await StateAsync(connection, transaction, f, o, cancellationToken).ConfigureAwait(false);
            if (mine is null)
            {
                // The bound is checked under the pair's lock, not the owner's: two adds by one owner
                // at the same moment could overshoot it by one. One GPCM session sends its adds in
                // order, and a profile has one session, so that needs no extra lock.
                var listed = await connection.ExecuteScalarAsync<long>(database.Command(
                    "SELECT count(*) FROM friends WHERE owner_profile_id = @o", new { o }, transaction, cancellationToken))
                    .ConfigureAwait(false);
                if (listed >= StoreLimits.MaxFriendsPerProfile)
                {
                    return FriendAddOutcome.ListFull;
                }
                await connection.ExecuteAsync(database.Command(
                    "INSERT INTO friends (owner_profile_id, friend_profile_id, state, created_ms, updated_ms) VALUES (@o, @f, @Requested, @now, @now)",
                    new { o, f, Requested, now }, transaction, cancellationToken)).ConfigureAwait(false);
            }
            if (theirs is null)
            {
                return FriendAddOutcome.Pending;
            }
            if (mine == Authorized && theirs == Authorized)
            {
                return FriendAddOutcome.AlreadyMutual;
            }
            await connection.ExecuteAsync(database.Command(
                """
                UPDATE friends SET state = @Authorized, updated_ms = @now
                WHERE (owner_profile_id = @o AND friend_profile_id = @f) OR (owner_profile_id = @f AND friend_profile_id = @o)
                """, new { o, f, Authorized, now }, transaction, cancellationToken)).ConfigureAwait(false);
            return FriendAddOutcome.BecameMutual;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AuthorizeAsync(uint requester, uint approver, CancellationToken cancellationToken = default)
    {
        var (o, f) = Pair(requester, approver);
        return await database.WriteAsync(async transaction =>
        {
            await database.LockProfilePairAsync(transaction, requester, approver, cancellationToken).ConfigureAwait(false);
            return await transaction.Connection!.ExecuteAsync(database.Command(
                "UPDATE friends SET state = @Authorized, updated_ms = @now WHERE owner_profile_id = @o AND friend_profile_id = @f",
                new { o, f, Authorized, now = UnixMilliseconds.From(time.GetUtcNow()) }, transaction, cancellationToken))
                .ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> RemoveAsync(uint owner, uint friend, CancellationToken cancellationToken = default)
    {
        var (o, f) = Pair(owner, friend);
        return await database.WriteAsync(async transaction =>
        {
            var connection = transaction.Connection!;
            await database.LockProfilePairAsync(transaction, owner, friend, cancellationToken).ConfigureAwait(false);
            var removed = await connection.ExecuteAsync(database.Command(
                "DELETE FROM friends WHERE owner_profile_id = @o AND friend_profile_id = @f", new { o, f }, transaction, cancellationToken))
                .ConfigureAwait(false);
            if (removed > 0)
            {
                await connection.ExecuteAsync(database.Command(
                    "UPDATE friends SET state = @Requested, updated_ms = @now WHERE owner_profile_id = @f AND friend_profile_id = @o AND state = @Authorized",
                    new { o, f, Requested, Authorized, now = UnixMilliseconds.From(time.GetUtcNow()) }, transaction, cancellationToken))
                    .ConfigureAwait(false);
            }
            return removed > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FriendEdge>> ListAsync(uint owner, CancellationToken cancellationToken = default)
    {
        var o = StoreArguments.ProfileId(owner, nameof(owner));
        var rows = await database.WithConnectionAsync(connection => connection.QueryAsync<EdgeRow>(database.Command(
            $"""
            SELECT owner_profile_id, friend_profile_id, state, created_ms, updated_ms FROM friends
            WHERE owner_profile_id = @o ORDER BY friend_profile_id LIMIT {StoreLimits.MaxFriendsPerProfile}
            """, new { o }, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToEdge()).ToArray();
    }

    public async Task<IReadOnlyList<uint>> ListMutualAsync(uint owner, CancellationToken cancellationToken = default)
    {
        var o = StoreArguments.ProfileId(owner, nameof(owner));
        var ids = await database.WithConnectionAsync(connection => connection.QueryAsync<long>(database.Command(
            $"""
            SELECT mine.friend_profile_id FROM friends mine
            JOIN friends theirs ON theirs.owner_profile_id = mine.friend_profile_id AND theirs.friend_profile_id = mine.owner_profile_id
            WHERE mine.owner_profile_id = @o AND mine.state = @Authorized AND theirs.state = @Authorized
            ORDER BY mine.friend_profile_id LIMIT {StoreLimits.MaxFriendsPerProfile}
            """, new { o, Authorized }, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return ids.Select(id => (uint)id).ToArray();
    }

    public async Task<bool> AreMutualAsync(uint first, uint second, CancellationToken cancellationToken = default)
    {
        var a = StoreArguments.ProfileId(first, nameof(first));
        var b = StoreArguments.ProfileId(second, nameof(second));
        if (a == b)
        {
            return false;
        }
        var authorizedEdges = await database.WithConnectionAsync(connection => connection.ExecuteScalarAsync<long>(database.Command(
            """
            SELECT count(*) FROM friends WHERE state = @Authorized AND
                ((owner_profile_id = @a AND friend_profile_id = @b) OR (owner_profile_id = @b AND friend_profile_id = @a))
            """, new { a, b, Authorized }, null, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return authorizedEdges == 2;
    }

    private static (long Owner, long Friend) Pair(uint owner, uint friend)
    {
        var o = StoreArguments.ProfileId(owner, nameof(owner));
        var f = StoreArguments.ProfileId(friend, nameof(friend));
        if (o == f)
        {
            throw new ArgumentException("A profile cannot be its own friend (GPCM error 1538).", nameof(friend));
        }
        return (o, f);
    }

    private Task<long?> StateAsync(DbConnection connection, DbTransaction transaction, long owner, long friend, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<long?>(database.Command(
            "SELECT state FROM friends WHERE owner_profile_id = @owner AND friend_profile_id = @friend",
            new { owner, friend }, transaction, cancellationToken));

    private sealed class EdgeRow
    {
        public long OwnerProfileId { get; set; }

        public long FriendProfileId { get; set; }

        public long State { get; set; }

        public long CreatedMs { get; set; }

        public long UpdatedMs { get; set; }

        public FriendEdge ToEdge() => new(
            (uint)OwnerProfileId, (uint)FriendProfileId, (FriendEdgeState)State,
            UnixMilliseconds.ToTime(CreatedMs), UnixMilliseconds.ToTime(UpdatedMs));
    }
}
