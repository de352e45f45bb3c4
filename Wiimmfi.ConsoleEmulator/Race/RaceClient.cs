using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Race;

namespace Wiimmfi.ConsoleEmulator.Race;

/// <summary>
/// Talks to RACE like Mario Kart Wii (and the GameSpy Racing SDK): SOAP requests to
/// <c>/RaceService/NintendoRacingService.asmx</c> on <c>mariokartwii.race.gs.nintendowifi.net</c>, and the
/// competition download route.
/// </summary>
public sealed class RaceClient(IPEndPoint server) : IDisposable
{
    private readonly ServiceHttp _http = new(server, "mariokartwii.race.gs.nintendowifi.net");

    /// <summary>GetTopTenRankings for a course (or competition id) in a region (0 = worldwide).</summary>
    public async Task<RaceRankingResponse> GetTopTenRankingsAsync(int regionId, int courseId, CancellationToken cancellationToken = default) =>
        await RankingsAsync(new RaceRankingsRequest(RaceAction.GetTopTenRankings, RaceWire.MarioKartWiiGameId, regionId, courseId, null), cancellationToken).ConfigureAwait(false);

    /// <summary>Any ranking request (GetTopTenRankings, GetTenAboveRankings, GetFriendRankings).</summary>
    public async Task<RaceRankingResponse> RankingsAsync(RaceRankingsRequest request, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return RaceResponseParser.TryParseRankings(answer.Body, out var response, out var error)
            ? response
            : throw new InvalidDataException($"Unreadable ranking answer: {error}");
    }

    /// <summary>SubmitScores (SDK shape); returns the responseCode.</summary>
    public async Task<RaceResponseCode> SubmitScoresAsync(int regionId, int profileId, int scoreMode, IReadOnlyList<RaceScore> scores, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(new RaceSubmitScoresRequest(RaceWire.MarioKartWiiGameId, regionId, profileId, scoreMode, scores), cancellationToken).ConfigureAwait(false);
        return ResponseCode(answer.Body);
    }

    /// <summary>Sends any request and returns the raw answer.</summary>
    public Task<ServiceHttpAnswer> SendAsync(RaceRequest request, CancellationToken cancellationToken = default) =>
        SendRawAsync(RaceRequestWriter.Write(request), RaceRequestWriter.SoapAction(request.Action), cancellationToken);

    /// <summary>Posts any bytes (for malformed-input tests).</summary>
    public async Task<ServiceHttpAnswer> SendRawAsync(byte[] body, string? soapAction, CancellationToken cancellationToken = default)
    {
        using var message = ServiceHttp.Post(RaceWire.Path, body, "text/xml");
        if (soapAction is not null)
        {
            message.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads the running competition (<paramref name="which"/> "active") or one by id.</summary>
    public async Task<ServiceHttpAnswer> DownloadCompetitionAsync(string which = "active", CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "/RaceService/Competitions/" + Uri.EscapeDataString(which));
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The responseCode of any RACE answer, found wherever it is (as the SDK does).</summary>
    public static RaceResponseCode ResponseCode(byte[] body)
    {
        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body));
        var code = document.Descendants().FirstOrDefault(e => e.Name.LocalName is "responseCode" or "SubmitGhostResult")
                   ?? throw new InvalidDataException("No responseCode in the answer.");
        return (RaceResponseCode)int.Parse(code.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();
}
