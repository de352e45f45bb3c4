using System.Security.Cryptography;
using System.Text;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// The console's answer to a challenge: <c>gs_encode(gs_encrypt(secretKey, challenge))</c>.
/// </summary>
/// <remarks>
/// <para><b>gs_encrypt</b> is RC4 with one twist: after the standard key schedule, each plaintext byte is added to
/// index <c>a</c> (<c>a = a + c + 1</c>) before the usual <c>b</c> update, swap and output. <b>gs_encode</b> pads
/// the bytes with zeros to a multiple of 3 and writes standard base64 (<c>A–Z a–z 0–9 + /</c>) without <c>=</c>.
/// For a 20-byte challenge the response is 28 characters.</para>
/// <para>Verification compares the whole string in constant time. (AltWFC encodes ciphertext + one NUL with
/// padded base64, which only coincides for lengths where len+1 is a multiple of 3 — true for the 20-character
/// challenges; OpenSpy compares only a prefix. We use the SDK form and compare exactly.)</para>
/// </remarks>
public static class Qr2ChallengeAlgorithm
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Longest challenge accepted (the DWC challenge is 20 characters).</summary>
    public const int MaxChallengeLength = 64;

    /// <summary>Computes the response the console must send for <paramref name="challenge"/>.</summary>
    public static string ComputeResponse(string secretKey, string challenge)
    {
        Span<byte> keyBytes = stackalloc byte[CheckedLength(secretKey, nameof(secretKey), 64)];
        Span<byte> input = stackalloc byte[CheckedLength(challenge, nameof(challenge), MaxChallengeLength)];
        Encoding.Latin1.GetBytes(secretKey, keyBytes);
        Encoding.Latin1.GetBytes(challenge, input);
        Span<byte> encrypted = stackalloc byte[input.Length];
        Encrypt(keyBytes, input, encrypted);
        return Encode(encrypted);
    }

    /// <summary>
    /// True when <paramref name="response"/> is exactly the response for <paramref name="challenge"/> under
    /// <paramref name="secretKey"/>. Never throws for a console-supplied response.
    /// </summary>
    public static bool Verify(string secretKey, string challenge, string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        string expected = ComputeResponse(secretKey, challenge);
        if (expected.Length != response.Length)
            return false;
        Span<byte> a = stackalloc byte[expected.Length];
        Span<byte> b = stackalloc byte[response.Length];
        for (int i = 0; i < expected.Length; i++)
        {
            a[i] = (byte)expected[i];
            b[i] = (byte)response[i];
            if (response[i] > 0xFF)
                return false;
        }
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>gs_encrypt: the RC4 variant. <paramref name="output"/> must be as long as <paramref name="input"/>.</summary>
    internal static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> s = stackalloc byte[256];
        for (int i = 0; i < 256; i++)
            s[i] = (byte)i;
        int j = 0;
        for (int i = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }

        int a = 0, b = 0;
        for (int n = 0; n < input.Length; n++)
        {
            byte c = input[n];
            a = (a + c + 1) & 0xFF; // the plaintext moves the index: the difference from RC4
            b = (b + s[a]) & 0xFF;
            (s[a], s[b]) = (s[b], s[a]);
            output[n] = (byte)(c ^ s[(s[a] + s[b]) & 0xFF]);
        }
    }

    /// <summary>gs_encode: zero-pad to a multiple of 3, standard base64 alphabet, no '='.</summary>
    internal static string Encode(ReadOnlySpan<byte> data)
    {
        int groups = (data.Length + 2) / 3;
        Span<char> text = stackalloc char[groups * 4];
        for (int g = 0; g < groups; g++)
        {
            int offset = g * 3;
            int b0 = data[offset];
            int b1 = offset + 1 < data.Length ? data[offset + 1] : 0;
            int b2 = offset + 2 < data.Length ? data[offset + 2] : 0;
            text[g * 4] = Base64Alphabet[b0 >> 2];
            text[g * 4 + 1] = Base64Alphabet[((b0 & 0x03) << 4) | (b1 >> 4)];
            text[g * 4 + 2] = Base64Alphabet[((b1 & 0x0F) << 2) | (b2 >> 6)];
            text[g * 4 + 3] = Base64Alphabet[b2 & 0x3F];
        }
        return new string(text);
    }

    private static int CheckedLength(string text, string name, int max)
    {
        ArgumentNullException.ThrowIfNull(text, name);
        if (text.Length == 0 || text.Length > max)
            throw new ArgumentException($"must be 1-{max} characters", name);
        foreach (char c in text)
        {
            if (c > 0xFF)
                throw new ArgumentException("must be single-byte text", name);
        }
        return text.Length;
    }
}
