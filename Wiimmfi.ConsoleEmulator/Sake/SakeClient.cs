using System.Globalization;
using System.Net;
using System.Text;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Files;

namespace Wiimmfi.ConsoleEmulator.Sake;

/// <summary>Thrown when a SAKE answer is not what the GameSpy SDK could read (a fault, a wrong element).</summary>
public sealed class SakeAnswerException(string message, HttpStatusCode status, byte[] body) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public byte[] Body { get; } = body;
}

/// <summary>
/// Talks to SAKE like a Wii running the GameSpy SDK: SOAP requests with the SDK's envelope and SOAPAction header,
/// and the file server with the SDK's multipart quirk (an unquoted boundary full of <c>&lt;&gt;</c>). One client is
/// one logged-in console of one game: it carries the game id, secret key and GPCM login ticket.
/// </summary>
public sealed class SakeClient : IDisposable
{
    private readonly ServiceHttp _http;

    /// <param name="server">The node's public HTTP listener.</param>
    /// <param name="loginTicket">The <c>lt</c> GPCM handed out at login.</param>
    public SakeClient(IPEndPoint server, string loginTicket, string gameName = "mariokartwii", int gameId = 1687, string secretKey = "9r3Rmy")
    {
        _http = new ServiceHttp(server, $"{gameName}.sake.gs.nintendowifi.net");
        LoginTicket = loginTicket;
        GameId = gameId;
        SecretKey = secretKey;
    }

    public int GameId { get; }

    public string SecretKey { get; }

    public string LoginTicket { get; }

    /// <summary>Sends a request and reads the answer as the SDK would; throws <see cref="SakeAnswerException"/> when it cannot.</summary>
    public async Task<SakeResponse> SendAsync(SakeRequest request, CancellationToken cancellationToken = default)
    {
        var answer = await SendRawAsync(SakeRequestWriter.Write(request), SakeRequestWriter.SoapAction(request.Action), cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.OK || !SakeResponseParser.TryParse(answer.Body, request.Action, null, out var response, out var error))
        {
            throw new SakeAnswerException($"SAKE {request.Action}: HTTP {(int)answer.Status}, not a readable answer", answer.Status, answer.Body);
        }
        return response;
    }

    /// <summary>Posts any bytes to the storage endpoint (for malformed-input tests).</summary>
    public async Task<ServiceHttpAnswer> SendRawAsync(byte[] body, string? soapAction, CancellationToken cancellationToken = default)
    {
        using var message = ServiceHttp.Post(SakeWire.StoragePath, body, "text/xml");
        if (soapAction is not null)
        {
            message.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    // ---- the ten actions ----

    public Task<SakeResponse> CreateRecordAsync(string table, IReadOnlyList<SakeField> values, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeCreateRecordRequest(GameId, SecretKey, LoginTicket, table, values), cancellationToken);

    public Task<SakeResponse> UpdateRecordAsync(string table, int recordId, IReadOnlyList<SakeField> values, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeUpdateRecordRequest(GameId, SecretKey, LoginTicket, table, recordId, values), cancellationToken);

    public Task<SakeResponse> DeleteRecordAsync(string table, int recordId, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeDeleteRecordRequest(GameId, SecretKey, LoginTicket, table, recordId), cancellationToken);

    public Task<SakeResponse> GetMyRecordsAsync(string table, IReadOnlyList<string> fields, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeGetMyRecordsRequest(GameId, SecretKey, LoginTicket, table, fields), cancellationToken);

    public Task<SakeResponse> GetSpecificRecordsAsync(string table, IReadOnlyList<int> recordIds, IReadOnlyList<string> fields, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeGetSpecificRecordsRequest(GameId, SecretKey, LoginTicket, table, recordIds, fields), cancellationToken);

    public Task<SakeResponse> SearchAsync(string table, string? filter, string? sort, int offset, int max, IReadOnlyList<string> fields,
        IReadOnlyList<int>? ownerIds = null, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeSearchForRecordsRequest(GameId, SecretKey, LoginTicket, table, filter, sort, offset, max, null, 0,
            ownerIds ?? [], false, fields), cancellationToken);

    public Task<SakeResponse> GetRandomRecordsAsync(string table, string? filter, IReadOnlyList<string> fields, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeGetRandomRecordsRequest(GameId, SecretKey, LoginTicket, table, filter, 1, fields), cancellationToken);

    public Task<SakeResponse> GetRecordCountAsync(string table, string? filter, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeGetRecordCountRequest(GameId, SecretKey, LoginTicket, table, filter, false), cancellationToken);

    public Task<SakeResponse> GetRecordLimitAsync(string table, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeGetRecordLimitRequest(GameId, SecretKey, LoginTicket, table), cancellationToken);

    public Task<SakeResponse> RateRecordAsync(string table, int recordId, byte rating, CancellationToken cancellationToken = default) =>
        SendAsync(new SakeRateRecordRequest(GameId, SecretKey, LoginTicket, table, recordId, rating), cancellationToken);

    // ---- the file server ----

    /// <summary>Mario Kart Wii's ghost upload (time trial, or a competition entry with <paramref name="contest"/>).</summary>
    public async Task<SakeFileResult> UploadGhostAsync(int regionId, int courseId, int scoreMs, int profileId, byte[] playerInfo, byte[] ghost,
        bool contest = false, CancellationToken cancellationToken = default)
    {
        // MKW sends the player info as URL-safe base64 with padding.
        var info = Convert.ToBase64String(playerInfo).Replace('+', '-').Replace('/', '_');
        var path = string.Create(CultureInfo.InvariantCulture,
            $"{SakeWire.FileServerPath}ghostupload.aspx?regionid={regionId}&courseid={courseId}&score={scoreMs}&pid={profileId}&playerinfo={info}")
            + (contest ? "&contest" : "");
        var answer = await PostFileAsync(path, MkwGhostUploadRequest.GhostPartName, ghost, cancellationToken).ConfigureAwait(false);
        return ResultOf(answer);
    }

    /// <summary>Mario Kart Wii's rival ghost download: the 0x200-byte header and the RKGD, or the failure code.</summary>
    public async Task<(SakeFileResult Result, byte[] Body)> DownloadGhostAsync(int profileId, int courseId, int timeMs, int region = 0, CancellationToken cancellationToken = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"{SakeWire.FileServerPath}ghostdownload.aspx?region={region}&p0={profileId}&c0={courseId}&t0={timeMs}");
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var answer = await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return (ResultOf(answer), answer.Body);
    }

    /// <summary>Generic upload (<c>upload.aspx</c>): the result and the new file id.</summary>
    public async Task<(SakeFileResult Result, int FileId)> UploadFileAsync(int profileId, byte[] content, CancellationToken cancellationToken = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"{SakeWire.FileServerPath}upload.aspx?gameid={GameId}&pid={profileId}");
        var answer = await PostFileAsync(path, SakeFileUploadRequest.FilePartName, content, cancellationToken).ConfigureAwait(false);
        var id = int.TryParse(answer.Header(SakeFileHeaders.FileId), NumberStyles.None, CultureInfo.InvariantCulture, out var fileId) ? fileId : 0;
        return (ResultOf(answer), id);
    }

    /// <summary>Generic download (<c>download.aspx</c>).</summary>
    public async Task<(SakeFileResult Result, byte[] Body)> DownloadFileAsync(int fileId, int profileId, CancellationToken cancellationToken = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"{SakeWire.FileServerPath}download.aspx?fileid={fileId}&gameid={GameId}&pid={profileId}");
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var answer = await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return (ResultOf(answer), answer.Body);
    }

    private async Task<ServiceHttpAnswer> PostFileAsync(string path, string partName, byte[] content, CancellationToken cancellationToken)
    {
        // The GameSpy HTTP SDK's body, with its boundary sent unquoted in the header.
        var boundary = SakeMultipart.GameSpyBoundary;
        var head = Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"{partName}\"; filename=\"{partName}\"\r\n" +
            "Content-Type: application/octet-stream\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        var body = new byte[head.Length + content.Length + tail.Length];
        head.CopyTo(body, 0);
        content.CopyTo(body, head.Length);
        tail.CopyTo(body, head.Length + content.Length);
        using var message = ServiceHttp.Post(path, body, "multipart/form-data; boundary=" + boundary);
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static SakeFileResult ResultOf(ServiceHttpAnswer answer) =>
        int.TryParse(answer.Header(SakeFileHeaders.Result), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? (SakeFileResult)code
            : throw new SakeAnswerException($"No {SakeFileHeaders.Result} header (HTTP {(int)answer.Status})", answer.Status, answer.Body);

    public void Dispose() => _http.Dispose();
}
