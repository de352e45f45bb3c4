using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Nas;

/// <summary>The NAS challenge: 8 random upper-case letters, bound to the token and used in the GPCM login proof.</summary>
public static class NasChallenge
{
    /// <summary>Length of a NAS challenge.</summary>
    public const int Length = 8;

    /// <summary>A new random challenge.</summary>
    public static string Create() => RandomText.Create(Length, RandomText.UpperCaseLetters);
}
