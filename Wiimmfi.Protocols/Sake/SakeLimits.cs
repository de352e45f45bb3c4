using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Bounds on everything a SAKE request can carry. Defaults follow WiiLink where it has a limit
/// and otherwise leave a wide margin over what any NWC game sends.
/// </summary>
public sealed record SakeLimits
{
    /// <summary>Limits of the XML layer.</summary>
    public SoapLimits Soap { get; init; } = SoapLimits.Default;

    /// <summary>Fields in one CreateRecord/UpdateRecord (WiiLink: 64).</summary>
    public int MaxFieldsPerRecord { get; init; } = 64;

    /// <summary>Characters of a string value, and decoded bytes of a binary value (WiiLink: 4096).</summary>
    public int MaxValueLength { get; init; } = 4096;

    /// <summary>Field names requested in one read (each answer carries one value per name).</summary>
    public int MaxRequestedFields { get; init; } = 64;

    /// <summary>Entries of <c>recordids</c> / <c>ownerids</c>; a friend list is at most a few hundred.</summary>
    public int MaxIdListLength { get; init; } = 256;

    /// <summary>
    /// Records returned by one search. A larger <c>max</c> is reduced to this (returning fewer
    /// records than asked is always legal); MKW asks for 1.
    /// </summary>
    public int MaxRecordsPerResponse { get; init; } = 100;

    /// <summary>Characters of <c>filter</c> / <c>targetfilter</c>; the longest known real filter is under 100.</summary>
    public int MaxFilterLength { get; init; } = 1024;

    /// <summary>Characters of <c>sort</c>.</summary>
    public int MaxSortLength { get; init; } = 256;

    /// <summary>Characters of a table id or field name (GameSpy names are short identifiers).</summary>
    public int MaxNameLength { get; init; } = 64;

    /// <summary>Characters of <c>secretKey</c> / <c>loginTicket</c> (6 and 24 in practice).</summary>
    public int MaxCredentialLength { get; init; } = 128;

    /// <summary>The defaults above.</summary>
    public static SakeLimits Default { get; } = new();
}
