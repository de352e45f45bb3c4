using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.GameStats;

/// <summary>
/// An HTTP GameStats request: <c>GET /&lt;gamename&gt;/web/client/&lt;script&gt;.asp?pid=…[&amp;hash=…][&amp;data=…]</c>
/// (gamestats.md §1.1). The service looks <see cref="GameName"/> up in the game list (404 if unknown).
/// </summary>
/// <param name="GameName">First path segment.</param>
/// <param name="Script">File name after <c>/web/client/</c>, e.g. <c>get2.asp</c>.</param>
/// <param name="ProfileId">The <c>pid</c> parameter as sent (empty when absent); part of the token.</param>
/// <param name="Hash">The client's <c>hash</c>; null on the first (token) request.</param>
/// <param name="Data">The base64url <c>data</c> parameter (DWC-encrypted; no reference decodes it), or null.</param>
public sealed record GameStatsWebRequest(string GameName, string Script, string ProfileId, string? Hash, string? Data)
{
    /// <summary>Ranking/stats download script.</summary>
    public const string Get2Script = "get2.asp";

    /// <summary>Ranking/stats upload script.</summary>
    public const string Put2Script = "put2.asp";

    /// <summary>Longest game name accepted (GameSpy names are short lowercase words).</summary>
    public const int MaxGameNameLength = 64;

    /// <summary>Longest <c>data</c> accepted; DWC ranking payloads are a few KiB at most.</summary>
    public const int MaxDataLength = 64 * 1024;

    /// <summary>True when this is the first request of the challenge (no hash yet).</summary>
    public bool WantsToken => Hash is null;

    /// <summary>
    /// Reads the path and query; false (→ HTTP 404/400) when the path is not a GameStats client
    /// script or a parameter is oversized.
    /// </summary>
    public static bool TryParse(string path, IReadOnlyDictionary<string, string> query, [NotNullWhen(true)] out GameStatsWebRequest? request)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        request = null;
        var segments = path.TrimStart('/').Split('/');
        if (segments.Length != 4 || segments[1] != "web" || segments[2] != "client"
            || !segments[3].EndsWith(".asp", StringComparison.Ordinal) || segments[3].Length > 32
            || segments[0].Length is 0 or > MaxGameNameLength || !segments[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return false;
        }
        query.TryGetValue("pid", out var pid);
        query.TryGetValue("hash", out var hash);
        query.TryGetValue("data", out var data);
        if ((pid?.Length ?? 0) > 16 || (hash?.Length ?? 0) > 64 || (data?.Length ?? 0) > MaxDataLength)
        {
            return false;
        }
        request = new GameStatsWebRequest(segments[0], segments[3], pid ?? "", string.IsNullOrEmpty(hash) ? null : hash, data);
        return true;
    }
}
