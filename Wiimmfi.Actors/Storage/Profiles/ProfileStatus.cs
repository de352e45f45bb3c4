namespace Wiimmfi.Actors.Storage;

/// <summary>
/// The last presence a profile published with GPCM <c>\status\</c>: the DWC status code
/// (0 offline … 6 hosting a friend room), <c>statstring</c> and <c>locstring</c>, kept verbatim.
/// </summary>
public sealed record ProfileStatus(int Code, string StatString, string LocString)
{
    /// <summary>Offline with empty strings, what a new profile starts with.</summary>
    public static ProfileStatus Offline { get; } = new(0, "", "");
}
