using System.Net;
using System.Text;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.GameStats;

namespace Wiimmfi.ConsoleEmulator.GameStats;

/// <summary>What a GameStats exchange returned: the token, and the second answer's payload and footer.</summary>
public sealed record GameStatsExchange(string Token, byte[] Payload, string? Footer, byte[] RawBody);

/// <summary>
/// Talks to HTTP GameStats like a DWC game: a first request for a token, then the same request with
/// <c>hash = SHA1hex(gamestatsKey + token)</c>, on <c>gamestats2.gs.nintendowifi.net</c>.
/// </summary>
public sealed class GameStatsWebClient(IPEndPoint server, string host = "gamestats2.gs.nintendowifi.net") : IDisposable
{
    private readonly ServiceHttp _http = new(server, host);

    /// <summary>
    /// Runs both requests for <paramref name="script"/> (e.g. <c>get2.asp</c>). The footer is split off for games of
    /// version 2 and 3 (<paramref name="gameStatsVersion"/>). <paramref name="hashOverride"/> replaces the hash (for
    /// wrong-hash tests).
    /// </summary>
    public async Task<GameStatsExchange> ExchangeAsync(string gameName, string gameStatsKey, int gameStatsVersion, string script, string profileId,
        string? data = null, string? hashOverride = null, CancellationToken cancellationToken = default)
    {
        var path = $"/{gameName}/web/client/{script}?pid={Uri.EscapeDataString(profileId)}";
        var first = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (first.Status != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GameStats token request: HTTP {(int)first.Status}", null, first.Status);
        }
        var token = Encoding.ASCII.GetString(first.Body);
        var hash = hashOverride ?? GameStatsWebChallenge.ComputeClientHash(gameStatsKey, token);
        var second = await GetAsync(path + "&hash=" + hash + (data is null ? "" : "&data=" + Uri.EscapeDataString(data)), cancellationToken).ConfigureAwait(false);
        var body = second.Body;
        if (gameStatsVersion >= 2 && body.Length >= GameStatsWebChallenge.HashLength)
        {
            var split = body.Length - GameStatsWebChallenge.HashLength;
            return new GameStatsExchange(token, body[..split], Encoding.ASCII.GetString(body, split, GameStatsWebChallenge.HashLength), body);
        }
        return new GameStatsExchange(token, body, null, body);
    }

    /// <summary>A plain GET (for 404 tests).</summary>
    public async Task<ServiceHttpAnswer> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await ServiceHttp.ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();
}
