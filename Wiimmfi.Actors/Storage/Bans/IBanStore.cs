namespace Wiimmfi.Actors.Storage;

/// <summary>Bans by profile, console (MAC or NG id) or IP address, with expiry and revocation.</summary>
public interface IBanStore
{
    /// <summary>Stores a ban issued now and returns it with its id.</summary>
    Task<BanRecord> IssueAsync(NewBan ban, CancellationToken cancellationToken = default);

    /// <summary>Lifts a ban now; false when it does not exist or was already revoked.</summary>
    Task<bool> RevokeAsync(long banId, string revokedBy, CancellationToken cancellationToken = default);

    /// <summary>The ban with this id, or null.</summary>
    Task<BanRecord?> GetAsync(long banId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Is this (profile?, console?, IP?) banned now? Returns the most severe ban in force that
    /// matches any key — a permanent one first, then the one that ends last — or null.
    /// </summary>
    Task<BanRecord?> FindActiveAsync(BanQuery query, CancellationToken cancellationToken = default);

    /// <summary>Bans matching any key of the query, newest first; expired and revoked ones only when asked.</summary>
    Task<IReadOnlyList<BanRecord>> ListAsync(BanQuery query, bool includeInactive = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest bans whatever their keys, newest first (the operators' overview); expired and revoked
    /// ones only when asked. <paramref name="limit"/> is 1 … <see cref="StoreLimits.MaxRowsPerQuery"/>.
    /// </summary>
    Task<IReadOnlyList<BanRecord>> ListRecentAsync(bool includeInactive = false, int limit = 100, CancellationToken cancellationToken = default);
}
