using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>
/// Generic upload: <c>POST /SakeFileServer/upload.aspx?gameid=&lt;gid&gt;&amp;pid=&lt;pid&gt;</c>,
/// multipart with one file part (AltWFC takes the part named <c>data</c>, else the first). Reply
/// headers <c>Sake-File-Id</c> and <c>Sake-File-Result</c>, empty body.
/// </summary>
public sealed record SakeFileUploadRequest(int GameId, int ProfileId)
{
    /// <summary>Preferred name of the file part.</summary>
    public const string FilePartName = "data";

    /// <summary>Reads the query; a missing or non-numeric parameter is <see cref="SakeFileResult.MissingParameter"/>.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, string> query, [NotNullWhen(true)] out SakeFileUploadRequest? request)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = SakeFileQuery.TryGetInt(query, "gameid", 1, int.MaxValue, out var gameId)
                  && SakeFileQuery.TryGetInt(query, "pid", 1, int.MaxValue, out var pid)
            ? new SakeFileUploadRequest(gameId, pid)
            : null;
        return request is not null;
    }
}

/// <summary>
/// Generic download: <c>GET /SakeFileServer/download.aspx?fileid=&amp;gameid=&amp;pid=</c>; reply
/// is the file bytes with <c>Sake-File-Result: 0</c>. (MKW: the stored RKGD, no header.)
/// </summary>
public sealed record SakeFileDownloadRequest(int FileId, int GameId, int ProfileId)
{
    /// <summary>
    /// Reads the query. <c>fileid</c> and <c>pid</c> must be positive (WiiLink); <c>gameid</c> must be
    /// present. Otherwise <see cref="SakeFileResult.MissingParameter"/>.
    /// </summary>
    public static bool TryParse(IReadOnlyDictionary<string, string> query, [NotNullWhen(true)] out SakeFileDownloadRequest? request)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = SakeFileQuery.TryGetInt(query, "fileid", 1, int.MaxValue, out var fileId)
                  && SakeFileQuery.TryGetInt(query, "gameid", 1, int.MaxValue, out var gameId)
                  && SakeFileQuery.TryGetInt(query, "pid", 1, int.MaxValue, out var pid)
            ? new SakeFileDownloadRequest(fileId, gameId, pid)
            : null;
        return request is not null;
    }

    /// <summary>
    /// The body AltWFC sends (with result 0) for an unknown file: some games download only to bump a
    /// download counter and are content with any bytes.
    /// </summary>
    public static ReadOnlySpan<byte> PlaceholderBody => "1234"u8;
}
