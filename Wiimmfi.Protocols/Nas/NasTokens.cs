using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Nas;

/// <summary>Token helpers that do not need a key.</summary>
public static class NasTokens
{
    /// <summary>Every NAS token starts with this.</summary>
    public const string Prefix = "NDS";

    /// <summary>
    /// Longest token the GP SDK can hold (<c>GP_AUTHTOKEN_LEN</c> is 256 including the NUL).
    /// A GPCM front-end refuses longer <c>authtoken</c> values before looking them up.
    /// </summary>
    public const int MaxLength = 255;

    /// <summary>The constant service token WiiLink sends in <c>svcloc</c> replies.</summary>
    public const string SvcLocConstant = "NDS/SVCLOC/TOKEN";

    /// <summary>
    /// A random token for the stored-token design (AltWFC): <c>NDS</c> + 80 letters and digits,
    /// the length of Nintendo's own tokens. The server keeps token → login record.
    /// </summary>
    public static string CreateRandom() => Prefix + RandomText.Create(80, RandomText.Alphanumerics);
}
