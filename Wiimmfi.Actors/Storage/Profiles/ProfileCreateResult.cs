namespace Wiimmfi.Actors.Storage;

/// <summary>How <see cref="IProfileStore.CreateAsync"/> ended.</summary>
public enum ProfileCreateOutcome
{
    /// <summary>A new profile was stored; <see cref="ProfileCreateResult.Profile"/> is it.</summary>
    Created,

    /// <summary>The (user id, gsbrcd) pair already has a profile; <see cref="ProfileCreateResult.Profile"/> is that one.</summary>
    AlreadyExists,

    /// <summary>The requested profile id belongs to another profile (GPCM: "profile ID is already in use").</summary>
    RequestedIdInUse,

    /// <summary>The requested profile id is 0 or inside the range the store allocates from.</summary>
    RequestedIdOutOfRange,

    /// <summary>The uniquenick belongs to another profile key (a caller computed it inconsistently).</summary>
    UniqueNickInUse,
}

/// <summary>The outcome of a profile creation; nothing was stored unless it is <see cref="ProfileCreateOutcome.Created"/>.</summary>
public sealed record ProfileCreateResult(ProfileCreateOutcome Outcome, ProfileRecord? Profile)
{
    /// <summary>True when a profile (new or existing) is available for the login.</summary>
    public bool HasProfile => Profile is not null;
}
