namespace Wiimmfi.Protocols.Nas;

/// <summary>Outcome of opening a NAS token at GPCM.</summary>
public enum NasTokenCheck
{
    /// <summary>Genuine and fresh.</summary>
    Valid = 0,

    /// <summary>Not a token of ours (wrong prefix, length or encoding): GPCM error 266 (or 256).</summary>
    Malformed = 1,

    /// <summary>Decrypts, but the integrity check fails: forged, damaged or sealed with another key. GPCM error 266.</summary>
    Forged = 2,

    /// <summary>Older than the lifetime: GPCM error 268 (login ticket expired).</summary>
    Expired = 3,

    /// <summary>Issued later than now allowing for clock skew: treated like expired (268).</summary>
    IssuedInFuture = 4,
}
