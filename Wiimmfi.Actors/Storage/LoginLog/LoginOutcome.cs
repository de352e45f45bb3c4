namespace Wiimmfi.Actors.Storage;

/// <summary>
/// How a login attempt ended, coarsely; the exact protocol code goes into the entry's detail.
/// Values are frozen (stored): append, never renumber.
/// </summary>
public enum LoginOutcome
{
    /// <summary>Logged in (NAS returncd 001/002, GPCM <c>\lc\2</c>).</summary>
    Success = 1,

    /// <summary>Refused by a ban (NAS 3913/3914, GPCM 256 with a reason).</summary>
    Banned = 2,

    /// <summary>Token unknown or used, or the proof did not match (GPCM 256/266).</summary>
    BadCredentials = 3,

    /// <summary>Token expired (GPCM 268).</summary>
    TokenExpired = 4,

    /// <summary>A field missing or malformed (NAS 103, GPCM parse errors).</summary>
    BadRequest = 5,

    /// <summary>Refused for another reason (maintenance, console registration, profile id in use …).</summary>
    Refused = 6,

    /// <summary>The server failed (database unavailable …).</summary>
    ServerError = 7,
}
