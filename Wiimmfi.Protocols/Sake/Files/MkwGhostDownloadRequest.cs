using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>
/// Mario Kart Wii ghost download: <c>GET /SakeFileServer/ghostdownload.aspx?region=0&amp;p0=&amp;c0=&amp;t0=</c>
/// — the ghost with the largest time below <see cref="TimeMs"/> on <see cref="CourseId"/>, not the
/// requester's own (sake.md §8.4).
/// </summary>
public sealed record MkwGhostDownloadRequest(int RequesterProfileId, int CourseId, int TimeMs)
{
    /// <summary>Size of the header that precedes the RKGD in the reply.</summary>
    public const int HeaderSize = 0x200;

    /// <summary>
    /// Reads the query: region must be 0 (only worldwide is served), course 0–31, p0 &gt; 0,
    /// t0 1–359,999. Failures are <see cref="SakeFileResult.MissingParameter"/>; "not found" is
    /// <see cref="SakeFileResult.ServerError"/> (WiiLink).
    /// </summary>
    public static bool TryParse(
        IReadOnlyDictionary<string, string> query,
        [NotNullWhen(true)] out MkwGhostDownloadRequest? request, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = null;
        if (!SakeFileQuery.TryGetInt(query, "region", 0, 0, out _))
        {
            problem = "region";
            return false;
        }
        if (!SakeFileQuery.TryGetInt(query, "c0", 0, MkwCourses.LastStandardCourse, out var course))
        {
            problem = "c0";
            return false;
        }
        if (!SakeFileQuery.TryGetInt(query, "p0", 1, int.MaxValue, out var pid))
        {
            problem = "p0";
            return false;
        }
        if (!SakeFileQuery.TryGetInt(query, "t0", 1, MkwCourses.TimeLimitMilliseconds - 1, out var time))
        {
            problem = "t0";
            return false;
        }
        problem = null;
        request = new MkwGhostDownloadRequest(pid, course, time);
        return true;
    }

    /// <summary>
    /// The reply body: a 0x200-byte header, all zero except the big-endian u32 0x200 (its own size)
    /// at offset 0x40, followed by the RKGD.
    /// </summary>
    public static byte[] BuildResponseBody(ReadOnlySpan<byte> rkgd)
    {
        var body = new byte[HeaderSize + rkgd.Length];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(0x40), HeaderSize);
        rkgd.CopyTo(body.AsSpan(HeaderSize));
        return body;
    }
}
