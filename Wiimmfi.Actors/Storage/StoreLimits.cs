namespace Wiimmfi.Actors.Storage;

/// <summary>
/// Bounds on what the store accepts. Most values arrive from consoles over the network, so each
/// bound is the protocol's own limit plus headroom, with the reason next to it. A value out of
/// bounds is refused with <see cref="ArgumentException"/> before any row is touched.
/// </summary>
public static class StoreLimits
{
    /// <summary>NAS user ids are below 2^43 (nas.md §4, <c>userid</c>).</summary>
    public const long MaxUserId = (1L << 43) - 1;

    /// <summary>A console friend code ("Wii number") is at most 16 decimal digits (friend-code.md §5).</summary>
    public const long MaxConsoleFriendCode = 9_999_999_999_999_999;

    /// <summary>The GP SDK keeps an auth token in 256 bytes including the NUL (GP_AUTHTOKEN_LEN).</summary>
    public const int MaxTokenLength = 255;

    /// <summary>The NAS challenge is 8 characters; 32 leaves room for other games' variants.</summary>
    public const int MaxChallengeLength = 32;

    /// <summary>A gsbrcd is an ID4 plus 7 base32 characters (11); the first 4 are the friend-code game id.</summary>
    public const int MinGsbrcdLength = 4;

    /// <summary>Real gsbrcds have 11 characters; 32 is generous and still bounded.</summary>
    public const int MaxGsbrcdLength = 32;

    /// <summary>A game code is a disc ID4; 8 allows for odd titles without allowing junk.</summary>
    public const int MaxGameCodeLength = 8;

    /// <summary>An in-game name is a Mii name (10 UTF-16 units) or a DS name; NAS carries at most 32.</summary>
    public const int MaxNickLength = 64;

    /// <summary>A uniquenick is base32(user id) + gsbrcd: 20 characters on Nintendo's servers.</summary>
    public const int MaxUniqueNickLength = 64;

    /// <summary>The email is uniquenick + "@nds".</summary>
    public const int MaxEmailLength = 128;

    /// <summary>GPCM <c>updatepro</c> names, e.g. <c>Wii:&lt;16 digits&gt;@RMCJ</c> (25 characters).</summary>
    public const int MaxNameLength = 64;

    /// <summary>GPCM <c>statstring</c>: a few short DWC key/values.</summary>
    public const int MaxStatusStringLength = 256;

    /// <summary>GPCM <c>locstring</c>: NWC-base64 of at most 189 bytes, so at most 252 characters.</summary>
    public const int MaxLocationStringLength = 256;

    /// <summary>A Wii serial number (<c>csnum</c>) has 11 or 12 characters.</summary>
    public const int MaxSerialLength = 32;

    /// <summary>Ban reasons, operator names and log details are written by operators or by our code.</summary>
    public const int MaxReasonLength = 1024;

    /// <inheritdoc cref="MaxReasonLength"/>
    public const int MaxOperatorLength = 128;

    /// <inheritdoc cref="MaxReasonLength"/>
    public const int MaxDetailLength = 1024;

    /// <summary>
    /// Edges one profile may own. A DWC friend roster holds at most 64 entries (MKW: 30); the
    /// headroom covers stale entries while a hostile client cannot make us store without end.
    /// </summary>
    public const int MaxFriendsPerProfile = 256;

    /// <summary>Profiles fetched in one call (GPSP lists, admin pages); keeps one query's parameters bounded.</summary>
    public const int MaxProfilesPerLookup = 1000;

    /// <summary>Rows returned by one list query (bans, login log).</summary>
    public const int MaxRowsPerQuery = 1000;
}
