using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiimmfi.Protocols.GameStats;

/// <summary>A typed request, or why a known command is unusable (answer with the command's failure reply).</summary>
public readonly record struct GameStatsRequestParseResult(GameStatsRequest? Request, string? Error)
{
    [MemberNotNullWhen(true, nameof(Request))]
    public bool IsValid => Request is not null;
}

/// <summary>Maps a decoded <see cref="GameStatsMessage"/> to a typed <see cref="GameStatsRequest"/>.</summary>
public static class GameStatsRequestParser
{
    /// <summary>Longest key list in a getpd (keys are short names).</summary>
    public const int MaxKeys = 64;

    public static GameStatsRequestParseResult Parse(GameStatsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Command)
        {
            case "ka":
                return Ok(GameStatsKeepAliveRequest.Instance);
            case "auth":
                var gameName = message.Get("gamename");
                return string.IsNullOrEmpty(gameName)
                    ? Fail("auth without gamename.")
                    : Ok(new GameStatsAuthRequest(gameName, message.Get("response"), message.Get("id")));
            case "authp":
                var token = message.Get("authtoken");
                var lid = message.Get("lid") ?? "";
                if (string.IsNullOrEmpty(token))
                {
                    return Fail("authp without authtoken.");
                }
                return IsLid(lid) ? Ok(new GameStatsAuthPlayerRequest(token, lid, message.Get("response"))) : Fail($"Invalid lid '{lid}'.");
            case "getpd":
            {
                if (!TryCommon(message, out var pid, out var ptype, out var dindex, out var requestLid, out var error))
                {
                    return Fail(error);
                }
                var keys = (message.Get("keys") ?? "").Split('\x01', StringSplitOptions.RemoveEmptyEntries);
                return keys.Length > MaxKeys
                    ? Fail($"More than {MaxKeys} keys.")
                    : Ok(new GameStatsGetPdRequest(pid, ptype, dindex, keys, requestLid));
            }
            case "setpd":
            {
                if (!TryCommon(message, out var pid, out var ptype, out var dindex, out var requestLid, out var error))
                {
                    return Fail(error);
                }
                var data = message.Get("data");
                if (data is null)
                {
                    return Fail("setpd without data.");
                }
                // A trailing NUL is the C string terminator; any other NUL is refused (WiiLink).
                if (data.EndsWith('\0'))
                {
                    data = data[..^1];
                }
                if (data.Contains('\0'))
                {
                    return Fail("setpd data contains a NUL byte.");
                }
                return Ok(new GameStatsSetPdRequest(pid, ptype, dindex, message.Get("kv") ?? "", requestLid, data));
            }
            default:
                return Ok(new GameStatsOtherRequest(message));
        }
    }

    private static bool TryCommon(GameStatsMessage message, out int pid, out string ptype, out string dindex, out string lid, [NotNullWhen(false)] out string? error)
    {
        pid = 0;
        ptype = message.Get("ptype") ?? "";
        dindex = message.Get("dindex") ?? "";
        lid = message.Get("lid") ?? "";
        var pidText = message.Get("pid");
        if (pidText is null || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out pid) || pid <= 0)
        {
            error = $"Missing or invalid pid '{pidText}'.";
            return false;
        }
        if (message.Get("ptype") is null || message.Get("dindex") is null)
        {
            error = "Missing ptype or dindex.";
            return false;
        }
        if (!IsSmallNumber(ptype) || !IsSmallNumber(dindex) || !IsLid(lid))
        {
            error = "ptype, dindex and lid are small numbers.";
            return false;
        }
        error = null;
        return true;
    }

    // Storage keys and echoed ids are short decimal numbers; bounding them keeps them out of trouble.
    private static bool IsSmallNumber(string text) => text.Length is > 0 and <= 10 && text.All(char.IsAsciiDigit);

    private static bool IsLid(string text) => text.Length == 0 || IsSmallNumber(text);

    private static GameStatsRequestParseResult Ok(GameStatsRequest request) => new(request, null);

    private static GameStatsRequestParseResult Fail(string error) => new(null, error);
}
