namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The moderation audit log: every kick, ban and unban an operator (or the node itself) performs,
/// kept so that moderators can answer "who did what to whom, when and why".
/// </summary>
public interface IModerationAuditLog
{
    /// <summary>Appends an action stamped now; returns its id.</summary>
    Task<long> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest actions, newest first: all of them, or those aimed at one profile.
    /// <paramref name="limit"/> is 1 … <see cref="StoreLimits.MaxRowsPerQuery"/>.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListRecentAsync(uint? targetProfileId = null, int limit = 100, CancellationToken cancellationToken = default);
}
