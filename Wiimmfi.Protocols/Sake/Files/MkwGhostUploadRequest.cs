using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>
/// Mario Kart Wii time-trial ghost upload: <c>POST /SakeFileServer/ghostupload.aspx?regionid=&amp;courseid=&amp;score=&amp;pid=&amp;playerinfo=[&amp;contest]</c>
/// with the RKGD as the multipart file part <see cref="GhostPartName"/> (sake.md §8.3).
/// </summary>
/// <param name="RegionId">1–7 (uploads are never "worldwide").</param>
/// <param name="CourseId">0–31, or a competition id 32–32767 when <see cref="IsContest"/>.</param>
/// <param name="Score">Total time in ms, 1–359,999.</param>
/// <param name="ProfileId">Uploader's profile id (&gt; 0).</param>
/// <param name="PlayerInfo">The 0x50-byte player info (Mii 0x4C bytes, controller id, unknown,
/// state code, country code). Its Mii CRC is not checked here (that belongs to the MKW Mii code).</param>
/// <param name="IsContest">The <c>contest</c> flag is present: a competition entry.</param>
public sealed record MkwGhostUploadRequest(int RegionId, int CourseId, int Score, int ProfileId, byte[] PlayerInfo, bool IsContest)
{
    /// <summary>Name of the multipart file part holding the ghost.</summary>
    public const string GhostPartName = "ghost.bin";

    /// <summary>Size of the player info.</summary>
    public const int PlayerInfoSize = 0x50;

    /// <summary>Offset of the controller id in the player info.</summary>
    public const int ControllerIdOffset = 0x4C;

    /// <summary>Smallest RKGD accepted (WiiLink's bound).</summary>
    public const int MinGhostSize = 160;

    /// <summary>Largest RKGD accepted (WiiLink's bound; a compressed 6-minute ghost fits well within).</summary>
    public const int MaxGhostSize = 10240;

    /// <summary>
    /// Reads and checks the query parameters. Every failure is
    /// <see cref="SakeFileResult.MissingParameter"/> (WiiLink's answer), with <paramref name="problem"/>
    /// naming the parameter for the log.
    /// </summary>
    public static bool TryParse(
        IReadOnlyDictionary<string, string> query,
        [NotNullWhen(true)] out MkwGhostUploadRequest? request, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = null;
        var isContest = query.ContainsKey("contest");
        if (!SakeFileQuery.TryGetInt(query, "regionid", 1, MkwCourses.LastRegion, out var region))
        {
            problem = "regionid";
            return false;
        }
        if (!SakeFileQuery.TryGetInt(query, "courseid", 0, MkwCourses.LastCompetitionCourse, out var course)
            || isContest == MkwCourses.IsStandardCourse(course))
        {
            // Normal uploads need a standard course, contest uploads must not use one.
            problem = "courseid";
            return false;
        }
        if (!SakeFileQuery.TryGetInt(query, "score", 1, MkwCourses.TimeLimitMilliseconds - 1, out var score))
        {
            problem = "score";
            return false;
        }
        if (!SakeFileQuery.TryGetInt(query, "pid", 1, int.MaxValue, out var pid))
        {
            problem = "pid";
            return false;
        }
        if (!query.TryGetValue("playerinfo", out var playerInfoText) || !TryDecodePlayerInfo(playerInfoText, out var playerInfo))
        {
            problem = "playerinfo";
            return false;
        }
        if (playerInfo[ControllerIdOffset] > 3)
        {
            // Controller ids: 0 Wii Wheel, 1 Wii Remote + Nunchuk, 2 Classic Controller, 3 GameCube controller.
            problem = "playerinfo controller id";
            return false;
        }
        request = new MkwGhostUploadRequest(region, course, score, pid, playerInfo, isContest);
        problem = null;
        return true;
    }

    /// <summary>
    /// Checks the size of the ghost part: <see cref="SakeFileResult.FileTooLarge"/> outside
    /// <see cref="MinGhostSize"/>..<see cref="MaxGhostSize"/> (WiiLink uses that code for both ends).
    /// </summary>
    public static SakeFileResult CheckGhostSize(long size) =>
        size is >= MinGhostSize and <= MaxGhostSize ? SakeFileResult.Success : SakeFileResult.FileTooLarge;

    // URL-safe base64 with '=' padding, exactly 0x50 bytes.
    private static bool TryDecodePlayerInfo(string text, [NotNullWhen(true)] out byte[]? playerInfo)
    {
        playerInfo = null;
        const int EncodedLength = (PlayerInfoSize + 2) / 3 * 4;
        if (text.Length != EncodedLength || text.AsSpan().IndexOfAny("+/") >= 0)
        {
            return false;
        }
        var standard = text.Replace('-', '+').Replace('_', '/');
        var buffer = new byte[PlayerInfoSize + 3];
        if (!Convert.TryFromBase64String(standard, buffer, out var written) || written != PlayerInfoSize)
        {
            return false;
        }
        playerInfo = buffer[..PlayerInfoSize];
        return true;
    }
}
