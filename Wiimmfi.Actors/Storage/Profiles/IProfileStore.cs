namespace Wiimmfi.Actors.Storage;

/// <summary>GameSpy profiles: one per (NAS user id, gsbrcd), with a unique 32-bit profile id.</summary>
public interface IProfileStore
{
    /// <summary>
    /// Creates the profile for <see cref="NewProfile.UserId"/> + <see cref="NewProfile.Gsbrcd"/>, allocating
    /// a unique profile id (or taking the requested one), atomically. Concurrent calls for the same
    /// key create one profile; the others get <see cref="ProfileCreateOutcome.AlreadyExists"/>.
    /// </summary>
    Task<ProfileCreateResult> CreateAsync(NewProfile profile, CancellationToken cancellationToken = default);

    /// <summary>The profile with this id, or null.</summary>
    Task<ProfileRecord?> GetAsync(uint profileId, CancellationToken cancellationToken = default);

    /// <summary>The profiles among these ids that exist (any order; at most <see cref="StoreLimits.MaxProfilesPerLookup"/> ids).</summary>
    Task<IReadOnlyList<ProfileRecord>> GetManyAsync(IReadOnlyCollection<uint> profileIds, CancellationToken cancellationToken = default);

    /// <summary>The profile of a (user id, gsbrcd) pair, or null.</summary>
    Task<ProfileRecord?> FindAsync(long userId, string gsbrcd, CancellationToken cancellationToken = default);

    /// <summary>The profile with this uniquenick (exact match), or null.</summary>
    Task<ProfileRecord?> FindByUniqueNickAsync(string uniqueNick, CancellationToken cancellationToken = default);

    /// <summary>Records a successful login now; false when the profile does not exist.</summary>
    Task<bool> RecordLoginAsync(uint profileId, ProfileLogin login, CancellationToken cancellationToken = default);

    /// <summary>Stores the last published presence; false when the profile does not exist.</summary>
    Task<bool> UpdateStatusAsync(uint profileId, ProfileStatus status, CancellationToken cancellationToken = default);

    /// <summary>Stores <c>updatepro</c> names; a null name keeps the stored one. False when the profile does not exist.</summary>
    Task<bool> UpdateNamesAsync(uint profileId, string? firstName, string? lastName, CancellationToken cancellationToken = default);
}
