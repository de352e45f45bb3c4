using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wiimmfi.Protocols.GameStats;

/// <summary>
/// Messages the TCP GameStats server sends (gamestats.md §2.2), as <see cref="GameStatsMessage"/>s;
/// call <see cref="GameStatsMessage.ToWireBytes"/> to send.
/// </summary>
public static class GameStatsReplies
{
    /// <summary>Length of the server challenge.</summary>
    public const int ChallengeLength = 10;

    /// <summary>A new random challenge: 10 upper-case letters.</summary>
    public static string NewChallenge() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", ChallengeLength);

    /// <summary><c>\lc\1\challenge\&lt;c&gt;\id\1\final\</c>, sent on connect.</summary>
    public static GameStatsMessage ServerChallenge(string challenge) =>
        GameStatsMessage.Create("lc", "1", ("challenge", challenge), ("id", "1"));

    /// <summary><c>\lc\2\sesskey\&lt;n&gt;\proof\0\id\1\final\</c>, the answer to <c>auth</c>.</summary>
    public static GameStatsMessage AuthAccepted(int sessionKey) =>
        GameStatsMessage.Create("lc", "2", ("sesskey", Number(sessionKey)), ("proof", "0"), ("id", "1"));

    /// <summary><c>\pauthr\&lt;pid&gt;\lid\&lt;n&gt;\final\</c>: the player is authenticated.</summary>
    public static GameStatsMessage AuthPlayerAccepted(int profileId, string lid) =>
        GameStatsMessage.Create("pauthr", Number(profileId), ("lid", lid));

    /// <summary><c>\pauthr\-3\lid\&lt;n&gt;\errmsg\Invalid Validation\final\</c>: the token was refused.</summary>
    public static GameStatsMessage AuthPlayerRefused(string lid) =>
        GameStatsMessage.Create("pauthr", "-3", ("lid", lid), ("errmsg", "Invalid Validation"));

    /// <summary>
    /// <c>\getpdr\1\lid\…\pid\…\mod\&lt;unix time&gt;\length\&lt;n&gt;\data\&lt;data&gt;\final\</c>;
    /// <c>data</c> is last and its length counts bytes.
    /// </summary>
    public static GameStatsMessage GetPdReply(string lid, int profileId, DateTimeOffset modified, string data) =>
        GameStatsMessage.Create("getpdr", "1", ("lid", lid), ("pid", Number(profileId)), ("mod", UnixTime(modified)),
            ("length", Number(Encoding.Latin1.GetByteCount(data))), ("data", data));

    /// <summary>The getpd failure WiiLink sends: code 1 without <c>mod</c> or data.</summary>
    public static GameStatsMessage GetPdFailed(string lid, string pid) =>
        GameStatsMessage.Create("getpdr", "1", ("lid", lid), ("pid", pid));

    /// <summary><c>\setpdr\1\lid\…\pid\…\mod\&lt;unix time&gt;\final\</c>.</summary>
    public static GameStatsMessage SetPdReply(string lid, int profileId, DateTimeOffset modified) =>
        GameStatsMessage.Create("setpdr", "1", ("lid", lid), ("pid", Number(profileId)), ("mod", UnixTime(modified)));

    /// <summary>The setpd failure (e.g. another player's pid): code 1 without <c>mod</c>.</summary>
    public static GameStatsMessage SetPdFailed(string lid, string pid) =>
        GameStatsMessage.Create("setpdr", "1", ("lid", lid), ("pid", pid));

    /// <summary><c>\ka\\final\</c>.</summary>
    public static GameStatsMessage KeepAlive() => GameStatsMessage.Create("ka", "");

    /// <summary>
    /// GP-style error <c>\error\\err\&lt;n&gt;\errmsg\&lt;text&gt;[\fatal\]\final\</c> (e.g. 2 "not
    /// logged in" for commands before authp).
    /// </summary>
    public static GameStatsMessage Error(int code, string text, bool fatal)
    {
        var pairs = new List<(string, string)> { ("err", Number(code)), ("errmsg", text) };
        if (fatal)
        {
            pairs.Add(("fatal", ""));
        }
        return GameStatsMessage.Create("error", "", pairs.ToArray());
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string UnixTime(DateTimeOffset time) => Number(time.ToUnixTimeSeconds());
}
