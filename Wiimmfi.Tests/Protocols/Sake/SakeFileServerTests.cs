using System.Buffers.Binary;
using Microsoft.Net.Http.Headers;
using Wiimmfi.Protocols.Sake.Files;

namespace Wiimmfi.Tests.Protocols.Sake;

public class SakeFileServerTests
{
    private static Dictionary<string, string> Query(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");

    private static string PlayerInfo(byte controllerId = 1)
    {
        var bytes = new byte[0x50];
        bytes[0x4C] = controllerId;
        bytes[0x4F] = 0x31;
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    [Fact]
    public void Result_codes_are_the_sdk_numbers()
    {
        Assert.Equal("Success=0 BadHttpMethod=1 BadFileCount=2 MissingParameter=3 FileNotFound=4 FileTooLarge=5 ServerError=6",
            string.Join(' ', Enum.GetValues<SakeFileResult>().Select(r => $"{r}={SakeFileHeaders.Format(r)}")));
        Assert.Equal("Sake-File-Result", SakeFileHeaders.Result);
        Assert.Equal("Sake-File-Id", SakeFileHeaders.FileId);
    }

    [Fact]
    public void Time_trial_upload_parameters_are_read()
    {
        Assert.True(MkwGhostUploadRequest.TryParse(Query($"regionid=2&courseid=8&score=68123&pid=1000000001&playerinfo={PlayerInfo()}"), out var upload, out var problem), problem);

        Assert.Equal((2, 8, 68123, 1000000001, false), (upload.RegionId, upload.CourseId, upload.Score, upload.ProfileId, upload.IsContest));
        Assert.Equal(0x50, upload.PlayerInfo.Length);
        Assert.Equal(0x31, upload.PlayerInfo[0x4F]);
    }

    [Fact]
    public void Contest_upload_needs_a_competition_course()
    {
        Assert.True(MkwGhostUploadRequest.TryParse(Query($"regionid=3&courseid=1234&score=5000&pid=5&playerinfo={PlayerInfo()}&contest"), out var upload, out _));
        Assert.True(upload.IsContest);

        Assert.False(MkwGhostUploadRequest.TryParse(Query($"regionid=3&courseid=12&score=5000&pid=5&playerinfo={PlayerInfo()}&contest"), out _, out var problem));
        Assert.Equal("courseid", problem);
        Assert.False(MkwGhostUploadRequest.TryParse(Query($"regionid=3&courseid=1234&score=5000&pid=5&playerinfo={PlayerInfo()}"), out _, out problem));
        Assert.Equal("courseid", problem);
    }

    [Theory]
    [InlineData("regionid=0&courseid=8&score=1&pid=5", "regionid")]
    [InlineData("regionid=8&courseid=8&score=1&pid=5", "regionid")]
    [InlineData("courseid=8&score=1&pid=5", "regionid")]
    [InlineData("regionid=1&courseid=-1&score=1&pid=5", "courseid")]
    [InlineData("regionid=1&courseid=8&score=0&pid=5", "score")]
    [InlineData("regionid=1&courseid=8&score=360000&pid=5", "score")]
    [InlineData("regionid=1&courseid=8&score=1e3&pid=5", "score")]
    [InlineData("regionid=1&courseid=8&score=1&pid=0", "pid")]
    [InlineData("regionid=1&courseid=8&score=1&pid=99999999999", "pid")]
    public void Bad_upload_parameter_is_named(string query, string expected)
    {
        Assert.False(MkwGhostUploadRequest.TryParse(Query(query + $"&playerinfo={PlayerInfo()}"), out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("not base64 at all, but long enough to have the right length for the player info field.....")]
    public void Malformed_player_info_is_refused(string playerInfo)
    {
        Assert.False(MkwGhostUploadRequest.TryParse(Query($"regionid=1&courseid=8&score=1&pid=5&playerinfo={Uri.EscapeDataString(playerInfo)}"), out _, out var problem));
        Assert.Equal("playerinfo", problem);
    }

    [Fact]
    public void Player_info_in_the_standard_alphabet_or_with_a_bad_controller_is_refused()
    {
        var standard = Convert.ToBase64String(Enumerable.Repeat((byte)0xFB, 0x50).ToArray());
        Assert.Contains('+', standard);

        Assert.False(MkwGhostUploadRequest.TryParse(Query($"regionid=1&courseid=8&score=1&pid=5&playerinfo={Uri.EscapeDataString(standard)}"), out _, out _));
        Assert.False(MkwGhostUploadRequest.TryParse(Query($"regionid=1&courseid=8&score=1&pid=5&playerinfo={PlayerInfo(controllerId: 4)}"), out _, out var problem));
        Assert.Equal("playerinfo controller id", problem);
    }

    [Theory]
    [InlineData(159, SakeFileResult.FileTooLarge)]
    [InlineData(160, SakeFileResult.Success)]
    [InlineData(10240, SakeFileResult.Success)]
    [InlineData(10241, SakeFileResult.FileTooLarge)]
    public void Ghost_size_is_bounded(long size, SakeFileResult expected)
    {
        Assert.Equal(expected, MkwGhostUploadRequest.CheckGhostSize(size));
    }

    [Fact]
    public void Ghost_download_parameters_are_read_and_only_worldwide_is_served()
    {
        Assert.True(MkwGhostDownloadRequest.TryParse(Query("region=0&p0=1000000001&c0=31&t0=68000"), out var download, out _));
        Assert.Equal(new MkwGhostDownloadRequest(1000000001, 31, 68000), download);

        Assert.False(MkwGhostDownloadRequest.TryParse(Query("region=1&p0=1&c0=3&t0=68000"), out _, out var problem));
        Assert.Equal("region", problem);
        Assert.False(MkwGhostDownloadRequest.TryParse(Query("region=0&p0=1&c0=32&t0=68000"), out _, out problem));
        Assert.Equal("c0", problem);
        Assert.False(MkwGhostDownloadRequest.TryParse(Query("region=0&p0=1&c0=3"), out _, out problem));
        Assert.Equal("t0", problem);
    }

    [Fact]
    public void Ghost_download_body_is_a_0x200_header_then_the_ghost()
    {
        byte[] rkgd = [(byte)'R', (byte)'K', (byte)'G', (byte)'D', 1, 2, 3];

        var body = MkwGhostDownloadRequest.BuildResponseBody(rkgd);

        Assert.Equal(0x200 + rkgd.Length, body.Length);
        Assert.Equal(0x200u, BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(0x40)));
        Assert.Equal(0x200 - 1, body.AsSpan(0, 0x200).Count((byte)0)); // only the 0x02 of 00 00 02 00
        Assert.Equal(rkgd, body[0x200..]);
    }

    [Fact]
    public void Generic_upload_and_download_queries_are_read()
    {
        Assert.True(SakeFileUploadRequest.TryParse(Query("gameid=2050&pid=7"), out var upload));
        Assert.Equal(new SakeFileUploadRequest(2050, 7), upload);
        Assert.False(SakeFileUploadRequest.TryParse(Query("gameid=2050"), out _));

        Assert.True(SakeFileDownloadRequest.TryParse(Query("fileid=12&gameid=1687&pid=7"), out var download));
        Assert.Equal(new SakeFileDownloadRequest(12, 1687, 7), download);
        Assert.False(SakeFileDownloadRequest.TryParse(Query("fileid=0&gameid=1687&pid=7"), out _));
        Assert.False(SakeFileDownloadRequest.TryParse(Query("fileid=x&gameid=1687&pid=7"), out _));
    }

    [Fact]
    public void Gamespy_boundary_is_quoted_so_a_strict_multipart_parser_accepts_it()
    {
        var sent = "multipart/form-data; boundary=" + SakeMultipart.GameSpyBoundary;

        var normalized = SakeMultipart.NormalizeContentType(sent);

        Assert.Equal("multipart/form-data; boundary=\"Qr4G823s23d---<<><><<<>--7d118e0536\"", normalized);
        Assert.False(MediaTypeHeaderValue.TryParse(sent, out var broken) && HeaderUtilities.RemoveQuotes(broken.Boundary).ToString() == SakeMultipart.GameSpyBoundary);
        Assert.True(MediaTypeHeaderValue.TryParse(normalized, out var parsed));
        Assert.Equal(SakeMultipart.GameSpyBoundary, HeaderUtilities.RemoveQuotes(parsed.Boundary).ToString());
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=simple-Boundary_1")]
    [InlineData("multipart/form-data; boundary=\"already<quoted>\"")]
    [InlineData("text/plain")]
    public void Content_types_that_need_no_repair_are_unchanged(string contentType)
    {
        Assert.Equal(contentType, SakeMultipart.NormalizeContentType(contentType));
    }
}
