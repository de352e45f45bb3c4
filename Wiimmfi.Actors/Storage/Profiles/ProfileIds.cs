namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The profile id ranges. The store allocates ids from 1,000,000,000 upward (as WiiLink does);
/// ids below that are kept for consoles that bring the id an earlier server gave them
/// (GPCM <c>login</c> with <c>profileid</c>, gpcm.md §6). Id 0 means "no profile".
/// </summary>
public static class ProfileIds
{
    /// <summary>The first id the store allocates itself.</summary>
    public const uint FirstAllocated = 1_000_000_000;

    /// <summary>The highest id a console may request (below the allocated range).</summary>
    public const uint MaxRequestable = FirstAllocated - 1;
}
