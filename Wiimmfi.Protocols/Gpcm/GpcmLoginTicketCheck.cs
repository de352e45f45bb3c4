namespace Wiimmfi.Protocols.Gpcm;

/// <summary>Outcome of opening a login ticket (SAKE <c>loginTicket</c>).</summary>
public enum GpcmLoginTicketCheck
{
    /// <summary>Genuine and within its lifetime.</summary>
    Valid = 0,

    /// <summary>Not 24 characters of base64 for 16 bytes.</summary>
    Malformed = 1,

    /// <summary>Decodes but was not issued with this secret.</summary>
    Forged = 2,

    /// <summary>Older than the lifetime (48 hours by default).</summary>
    Expired = 3,

    /// <summary>Issued later than now allowing for clock skew.</summary>
    IssuedInFuture = 4,
}
