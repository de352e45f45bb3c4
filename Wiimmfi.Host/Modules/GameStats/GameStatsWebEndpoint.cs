using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Protocols.GameStats;

namespace Wiimmfi.Host.Modules.GameStats;

/// <summary>
/// HTTP GameStats (gamestats.md §1): <c>GET /&lt;gamename&gt;/web/client/&lt;script&gt;.asp</c> on a host with a
/// <c>gamestats</c>/<c>gamestats2</c> label.
/// </summary>
/// <remarks>
/// <para>The first request (no <c>hash</c>) gets a 32-character token derived from (host, path, pid) and a node
/// secret, so the second request needs no server state and any node of a cluster recomputes the same token. The
/// second request must carry <c>SHA1hex(gamestatsKey + token)</c>; a wrong hash gets an empty answer (unless
/// <c>wiimmfi.gamestats.strict-hash</c> is off, WiiLink's lenient way). The answer is the script's payload plus
/// WiiLink's 13 zero bytes and, for games of GameStats version 2 and 3, the footer
/// <c>SHA1hex(key + base64url(payload) + key)</c>.</para>
/// <para>Scripts: <c>get2.asp</c> answers an empty ranking (u32 1, u32 0), as WiiLink does — nobody has decoded the
/// encrypted request; <c>put2.asp</c> stores the <c>data</c> it carries as sent (latest per player) and answers an empty
/// payload; other scripts answer an empty payload. Unknown games, games without a GameStats key and disabled games
/// are 404.</para>
/// </remarks>
internal sealed class GameStatsWebEndpoint(IWiimmfiStore store, GameListProvider games, byte[] tokenSecret, bool strictHash, ServiceMetrics metrics, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ServiceHosts.IsGameStats(request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        metrics.Request();
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in request.Query)
        {
            query[key] = values.Count > 0 ? values[0] ?? "" : "";
        }
        var path = request.Path.Value ?? "";
        if (!GameStatsWebRequest.TryParse(path, query, out var web))
        {
            metrics.MalformedRequest();
            GameStatsLog.Refused(logger, path, "not a GameStats client script or an oversized parameter");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!games.Current.TryGetByName(web.GameName, out var game) || !game.Enabled || game.GameStatsKey is null || game.GameStatsVersion is null)
        {
            metrics.RefusedRequest();
            GameStatsLog.Refused(logger, path, $"game '{web.GameName}' has no GameStats here");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var token = GameStatsWebChallenge.DeriveToken(request.Host.Value ?? "", path, web.ProfileId, tokenSecret);
        byte[] body;
        if (web.WantsToken)
        {
            body = System.Text.Encoding.ASCII.GetBytes(token);
        }
        else if (!GameStatsWebChallenge.VerifyClientHash(game.GameStatsKey, token, web.Hash) && strictHash)
        {
            metrics.RefusedRequest();
            GameStatsLog.Refused(logger, path, $"wrong hash for pid '{web.ProfileId}'");
            body = [];
        }
        else
        {
            try
            {
                body = GameStatsWebChallenge.BuildResponse(await PayloadAsync(web, context.RequestAborted).ConfigureAwait(false),
                    game.GameStatsKey, game.GameStatsVersion.Value);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or ArgumentException)
            {
                metrics.FailedRequest();
                GameStatsLog.Failed(logger, e, path);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
        }
        foreach (var (name, value) in GameStatsWebChallenge.ResponseHeaders)
        {
            context.Response.Headers.Append(name, value);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<byte[]> PayloadAsync(GameStatsWebRequest web, CancellationToken cancellationToken)
    {
        switch (web.Script)
        {
            case GameStatsWebRequest.Get2Script:
                return GameStatsWebChallenge.EmptyRankingPayloadWithPadding();
            case GameStatsWebRequest.Put2Script when web.Data is { Length: > 0 } data:
                await store.GameStats.SaveUploadAsync(web.GameName, web.ProfileId, web.Script, data, cancellationToken).ConfigureAwait(false);
                return new byte[GameStatsWebChallenge.WiiLinkPaddingLength];
            default:
                return new byte[GameStatsWebChallenge.WiiLinkPaddingLength];
        }
    }
}
