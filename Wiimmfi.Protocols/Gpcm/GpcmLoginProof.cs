using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// The GPCM login hashes. With H = lower-case hex MD5 of the NAS challenge:
/// <c>response = md5hex(H + 48 spaces + authtoken + clientChallenge + serverChallenge + H)</c> (client → server);
/// <c>proof</c> is the same with the two challenges swapped (server → client).
/// </summary>
/// <remarks>
/// This is the GameSpy GP hash with "password" = NAS challenge and "user" = auth token. The
/// server checks <c>response</c> and answers with <c>proof</c> in <c>\lc\2</c>; the console emulator
/// does the opposite. All text is hashed one byte per character, exactly as received.
/// </remarks>
public static class GpcmLoginProof
{
    /// <summary>Length of the server challenge sent in <c>\lc\1</c> (10 upper-case letters).</summary>
    public const int ServerChallengeLength = 10;

    /// <summary>Length of the client challenge consoles send (32 characters).</summary>
    public const int ClientChallengeLength = 32;

    /// <summary>A new server challenge for <c>\lc\1</c>.</summary>
    public static string CreateServerChallenge() => RandomText.Create(ServerChallengeLength, RandomText.UpperCaseLetters);

    /// <summary>A new client challenge (console emulator).</summary>
    public static string CreateClientChallenge() => RandomText.Create(ClientChallengeLength, RandomText.Alphanumerics);

    /// <summary>The value a genuine console sends as <c>response</c> in <c>\login\</c>.</summary>
    public static string ComputeResponse(string nasChallenge, string authToken, string clientChallenge, string serverChallenge) =>
        Compute(nasChallenge, authToken, clientChallenge, serverChallenge);

    /// <summary>The value the server sends as <c>proof</c> in <c>\lc\2</c>.</summary>
    public static string ComputeProof(string nasChallenge, string authToken, string clientChallenge, string serverChallenge) =>
        Compute(nasChallenge, authToken, serverChallenge, clientChallenge);

    /// <summary>
    /// Checks a login's <c>response</c> in constant time. A response longer than 32 characters is
    /// cut to 32 first (openspy's tolerance for one PC title; harmless).
    /// </summary>
    public static bool VerifyResponse(string? response, string nasChallenge, string authToken, string clientChallenge, string serverChallenge)
    {
        if (response is null || response.Length < 32)
        {
            return false;
        }

        var expected = ComputeResponse(nasChallenge, authToken, clientChallenge, serverChallenge);
        Span<byte> given = stackalloc byte[32];
        Span<byte> wanted = stackalloc byte[32];
        Encoding.Latin1.GetBytes(response.AsSpan(0, 32), given);
        Encoding.ASCII.GetBytes(expected, wanted);
        return CryptographicOperations.FixedTimeEquals(given, wanted);
    }

    private static string Compute(string nasChallenge, string authToken, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(nasChallenge);
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);

        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(Encoding.Latin1.GetBytes(nasChallenge), digest);
        Span<byte> passwordHash = stackalloc byte[32];
        Convert.TryToHexStringLower(digest, passwordHash, out _);

        var length = 32 + 48 + authToken.Length + first.Length + second.Length + 32;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            passwordHash.CopyTo(buffer);
            buffer.Slice(32, 48).Fill((byte)' ');
            var o = 80;
            o += Encoding.Latin1.GetBytes(authToken, buffer[o..]);
            o += Encoding.Latin1.GetBytes(first, buffer[o..]);
            o += Encoding.Latin1.GetBytes(second, buffer[o..]);
            passwordHash.CopyTo(buffer[o..]);
            MD5.HashData(buffer, digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
