using System.Security.Cryptography;

namespace Wiimmfi.Protocols.Common;

/// <summary>Unguessable random strings for challenges, tokens and keys (cryptographic RNG).</summary>
public static class RandomText
{
    /// <summary><c>A–Z</c>.</summary>
    public const string UpperCaseLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary><c>A–Z a–z 0–9</c>.</summary>
    public const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><paramref name="length"/> characters drawn uniformly from <paramref name="alphabet"/>.</summary>
    public static string Create(int length, string alphabet)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
