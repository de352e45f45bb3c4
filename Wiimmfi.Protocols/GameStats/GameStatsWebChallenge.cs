using System.Security.Cryptography;
using System.Text;

namespace Wiimmfi.Protocols.GameStats;

/// <summary>
/// The HTTP GameStats token/hash scheme (gamestats.md §1.2).
/// </summary>
/// <remarks>
/// A request without <c>hash</c> is answered with a 32-character token and nothing else; the client
/// repeats it with <c>hash = SHA1hex(gamestatsKey + token)</c>; the answer then carries the payload
/// and, for games of GameStats version 2 or more, the footer
/// <c>SHA1hex(key + base64url(payload) + key)</c>. A deterministic token
/// (<see cref="DeriveToken"/>, WiiLink's idea) needs no state between the two requests.
/// </remarks>
public static class GameStatsWebChallenge
{
    /// <summary>Length of a token.</summary>
    public const int TokenLength = 32;

    /// <summary>Length of the footer and of the client hash (SHA-1 as lowercase hex).</summary>
    public const int HashLength = 40;

    /// <summary>Zero bytes WiiLink appends to every payload "to appease DWC".</summary>
    public const int WiiLinkPaddingLength = 13;

    /// <summary>The whole payload AltWFC answers for version-3 games.</summary>
    public static ReadOnlySpan<byte> AltWfcVersion3Payload => "done"u8;

    /// <summary>Headers both references send with every answer (Server twice).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; } =
    [
        KeyValuePair.Create("Content-Type", "text/html"),
        KeyValuePair.Create("Server", "Microsoft-IIS/6.0"),
        KeyValuePair.Create("Server", "GSTPRDSTATSWEB2"),
        KeyValuePair.Create("X-Powered-By", "ASP.NET"),
    ];

    /// <summary>A random token of 32 letters and digits (AltWFC's kind; needs to be remembered per pid).</summary>
    public static string NewRandomToken() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", TokenLength);

    /// <summary>
    /// A token that depends only on (host, path, pid) and a server secret: the first 32 characters of
    /// base64url(SHA-256(host + path + "?pid=" + pid + secret)). The second request recomputes it.
    /// </summary>
    public static string DeriveToken(string host, string path, string profileId, ReadOnlySpan<byte> secret)
    {
        var text = Encoding.UTF8.GetBytes(host + path + "?pid=" + Uri.EscapeDataString(profileId));
        var input = new byte[text.Length + secret.Length];
        text.CopyTo(input, 0);
        secret.CopyTo(input.AsSpan(text.Length));
        return ToBase64Url(SHA256.HashData(input))[..TokenLength];
    }

    /// <summary>The hash a client sends: lowercase hex SHA-1 of the key's and the token's bytes.</summary>
    public static string ComputeClientHash(string gameStatsKey, string token) =>
        Sha1Hex(Encoding.ASCII.GetBytes(gameStatsKey + token));

    /// <summary>Checks a client hash in constant time (hex case ignored).</summary>
    public static bool VerifyClientHash(string gameStatsKey, string token, string? hash)
    {
        if (hash is null || hash.Length != HashLength)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(ComputeClientHash(gameStatsKey, token));
        var actual = Encoding.ASCII.GetBytes(hash.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The footer: lowercase hex SHA-1 of key + base64url(payload) + key.</summary>
    public static string ComputeFooter(string gameStatsKey, ReadOnlySpan<byte> payload) =>
        Sha1Hex(Encoding.ASCII.GetBytes(gameStatsKey + ToBase64Url(payload) + gameStatsKey));

    /// <summary>
    /// The body of the second answer: <paramref name="payload"/> alone for version 1 (or unknown),
    /// payload + footer for version 2 and 3. Any padding is part of <paramref name="payload"/>.
    /// </summary>
    public static byte[] BuildResponse(ReadOnlySpan<byte> payload, string gameStatsKey, int gameStatsVersion)
    {
        if (gameStatsVersion < 2)
        {
            return payload.ToArray();
        }
        var footer = ComputeFooter(gameStatsKey, payload);
        var body = new byte[payload.Length + footer.Length];
        payload.CopyTo(body);
        Encoding.ASCII.GetBytes(footer, body.AsSpan(payload.Length));
        return body;
    }

    /// <summary>
    /// WiiLink's get2.asp payload: an empty "RNK_GET" answer (u32 LE 1, u32 LE 0 records), followed by
    /// its 13 zero bytes of padding.
    /// </summary>
    public static byte[] EmptyRankingPayloadWithPadding()
    {
        var payload = new byte[8 + WiiLinkPaddingLength];
        payload[0] = 1;
        return payload;
    }

    /// <summary>Base64 with the URL-safe alphabet (<c>-</c>, <c>_</c>) and <c>=</c> padding, as Python's urlsafe_b64encode and Go's URLEncoding.</summary>
    public static string ToBase64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    private static string Sha1Hex(byte[] bytes) =>
        Convert.ToHexStringLower(SHA1.HashData(bytes));
}
