using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Games;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake.Files;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>
/// The SAKE file server (sake.md §8–9) on a SAKE host: <c>upload.aspx</c> / <c>download.aspx</c> for any game,
/// <c>ghostupload.aspx</c> / <c>ghostdownload.aspx</c> for Mario Kart Wii ghosts. Every answer carries
/// <c>Sake-File-Result</c>: 0 success, 3 a bad or missing parameter (including an unknown profile), 4 no file part or
/// no such file, 5 too large or (ghosts) not a valid ghost, 6 nothing found or a server failure.
/// </summary>
/// <remarks>
/// Ghosts are checked before anything is stored (<see cref="RkgdGhost.Validate"/>: the file reaches other players'
/// consoles), the uploader's Mii is scrubbed, and the score and its ghost are stored in one transaction that keeps
/// the player's best time per course — a failed or slower upload never loses the ghost already there. Uploads carry
/// only a profile id, no ticket (the GameSpy file API has none), so the profile must at least exist.
/// </remarks>
internal sealed class SakeFileEndpoints(
    IWiimmfiStore store, GameListProvider games, int maxFileBytes, int maxFilesPerProfile, ServiceMetrics metrics, ILogger logger)
{
    /// <summary>Bound on a ghost upload's whole body: a 10 KiB ghost plus the multipart framing, with room.</summary>
    private const int MaxGhostBodyBytes = 64 * 1024;

    /// <summary>Multipart framing allowed on top of the file itself.</summary>
    private const int MultipartOverheadBytes = 16 * 1024;

    public async Task GhostUploadAsync(HttpContext context)
    {
        if (!Begin(context))
        {
            return;
        }
        var query = Query(context.Request);
        if (!MkwGhostUploadRequest.TryParse(query, out var upload, out var problem))
        {
            await RefuseAsync(context, SakeFileResult.MissingParameter, problem).ConfigureAwait(false);
            return;
        }
        if (!MkwPlayerInfo.IsValid(upload.PlayerInfo))
        {
            await RefuseAsync(context, SakeFileResult.MissingParameter, "playerinfo Mii CRC").ConfigureAwait(false);
            return;
        }
        try
        {
            if (await store.Profiles.GetAsync((uint)upload.ProfileId, context.RequestAborted).ConfigureAwait(false) is null)
            {
                await RefuseAsync(context, SakeFileResult.MissingParameter, $"unknown profile {upload.ProfileId}").ConfigureAwait(false);
                return;
            }
            var body = await HttpBodies.ReadBoundedAsync(context.Request, MaxGhostBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await RefuseAsync(context, SakeFileResult.FileTooLarge, "body too large").ConfigureAwait(false);
                return;
            }
            var parts = await MultipartParts.TryReadAsync(body, context.Request.ContentType, context.RequestAborted).ConfigureAwait(false);
            var ghostPart = parts?.FirstOrDefault(p => p.Name == MkwGhostUploadRequest.GhostPartName || p.FileName == MkwGhostUploadRequest.GhostPartName);
            if (ghostPart is null)
            {
                await RefuseAsync(context, SakeFileResult.FileNotFound, "no ghost.bin part").ConfigureAwait(false);
                return;
            }
            var ghost = ghostPart.Content;
            var check = MkwGhostUploadRequest.CheckGhostSize(ghost.Length) == SakeFileResult.Success
                ? RkgdGhost.Validate(ghost, upload.IsContest ? -1 : upload.CourseId, upload.Score)
                : RkgdProblem.BadSize;
            if (check != RkgdProblem.None)
            {
                // WiiLink answers "too large" for every invalid ghost.
                await RefuseAsync(context, SakeFileResult.FileTooLarge, $"ghost refused: {check}").ConfigureAwait(false);
                return;
            }
            RkgdGhost.RemovePersonalData(ghost);
            var outcome = await store.Race.SubmitScoreAsync(new RaceNewScore(upload.CourseId, (uint)upload.ProfileId, upload.RegionId, upload.Score,
                upload.PlayerInfo, upload.IsContest ? null : ghost), context.RequestAborted).ConfigureAwait(false);
            SakeLog.GhostStored(logger, (uint)upload.ProfileId, upload.CourseId, upload.RegionId, upload.Score, upload.IsContest, outcome);
            Answer(context, SakeFileResult.Success);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            Fail(context, e);
        }
    }

    public async Task GhostDownloadAsync(HttpContext context)
    {
        if (!Begin(context))
        {
            return;
        }
        if (!MkwGhostDownloadRequest.TryParse(Query(context.Request), out var download, out var problem))
        {
            await RefuseAsync(context, SakeFileResult.MissingParameter, problem).ConfigureAwait(false);
            return;
        }
        try
        {
            var ghost = await store.Race.FindRivalGhostAsync(download.CourseId, download.TimeMs, (uint)download.RequesterProfileId, context.RequestAborted).ConfigureAwait(false);
            if (ghost is null)
            {
                // WiiLink answers "server error" when there is no ghost to give.
                await RefuseAsync(context, SakeFileResult.ServerError, $"no ghost below {download.TimeMs} ms on course {download.CourseId}").ConfigureAwait(false);
                return;
            }
            await SendAsync(context, MkwGhostDownloadRequest.BuildResponseBody(ghost.Content)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            Fail(context, e);
        }
    }

    public async Task UploadAsync(HttpContext context)
    {
        if (!Begin(context))
        {
            return;
        }
        if (!SakeFileUploadRequest.TryParse(Query(context.Request), out var upload)
            || !games.Current.TryGetById(upload.GameId, out var game) || !game.Enabled)
        {
            await RefuseAsync(context, SakeFileResult.MissingParameter, "gameid or pid").ConfigureAwait(false);
            return;
        }
        try
        {
            if (await store.Profiles.GetAsync((uint)upload.ProfileId, context.RequestAborted).ConfigureAwait(false) is null)
            {
                await RefuseAsync(context, SakeFileResult.MissingParameter, $"unknown profile {upload.ProfileId}").ConfigureAwait(false);
                return;
            }
            var body = await HttpBodies.ReadBoundedAsync(context.Request, maxFileBytes + MultipartOverheadBytes, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await RefuseAsync(context, SakeFileResult.FileTooLarge, "body too large").ConfigureAwait(false);
                return;
            }
            var parts = await MultipartParts.TryReadAsync(body, context.Request.ContentType, context.RequestAborted).ConfigureAwait(false);
            // AltWFC takes the part named "data", else the first file.
            var file = parts?.FirstOrDefault(p => p.Name == SakeFileUploadRequest.FilePartName) ?? parts?.FirstOrDefault(p => p.FileName is not null);
            if (file is null)
            {
                await RefuseAsync(context, SakeFileResult.FileNotFound, "no file part").ConfigureAwait(false);
                return;
            }
            if (file.Content.Length > maxFileBytes)
            {
                await RefuseAsync(context, SakeFileResult.FileTooLarge, $"{file.Content.Length} bytes").ConfigureAwait(false);
                return;
            }
            var id = await store.Sake.AddFileAsync(new SakeNewFile(upload.GameId, (uint)upload.ProfileId, SakeFileKind.Generic, file.Content),
                maxFilesPerProfile, context.RequestAborted).ConfigureAwait(false);
            if (id == 0)
            {
                await RefuseAsync(context, SakeFileResult.ServerError, $"profile {upload.ProfileId} has {maxFilesPerProfile} files").ConfigureAwait(false);
                return;
            }
            context.Response.Headers[SakeFileHeaders.FileId] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Answer(context, SakeFileResult.Success);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            Fail(context, e);
        }
    }

    public async Task DownloadAsync(HttpContext context)
    {
        if (!Begin(context))
        {
            return;
        }
        if (!SakeFileDownloadRequest.TryParse(Query(context.Request), out var download))
        {
            await RefuseAsync(context, SakeFileResult.MissingParameter, "fileid, gameid or pid").ConfigureAwait(false);
            return;
        }
        try
        {
            var file = await store.Sake.DownloadFileAsync(download.FileId, context.RequestAborted).ConfigureAwait(false);
            if (file is null || file.GameId != download.GameId)
            {
                await RefuseAsync(context, SakeFileResult.FileNotFound, $"no file {download.FileId} of game {download.GameId}").ConfigureAwait(false);
                return;
            }
            await SendAsync(context, file.Content).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            Fail(context, e);
        }
    }

    private bool Begin(HttpContext context)
    {
        if (!ServiceHosts.IsSake(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        metrics.Request();
        return true;
    }

    private static Dictionary<string, string> Query(HttpRequest request)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in request.Query)
        {
            query[key] = values.Count > 0 ? values[0] ?? "" : "";
        }
        return query;
    }

    private Task RefuseAsync(HttpContext context, SakeFileResult result, string detail)
    {
        // Bad parameters and bad uploads are malformed input; "no such file" and limits are refusals.
        var malformed = result is SakeFileResult.MissingParameter or SakeFileResult.FileTooLarge
                        || (result == SakeFileResult.FileNotFound && HttpMethods.IsPost(context.Request.Method));
        if (malformed)
        {
            metrics.MalformedRequest();
        }
        else
        {
            metrics.RefusedRequest();
        }
        SakeLog.FileRefused(logger, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), (int)result, detail);
        Answer(context, result);
        return Task.CompletedTask;
    }

    private void Fail(HttpContext context, Exception e)
    {
        metrics.FailedRequest();
        SakeLog.FileStoreFailed(logger, e, context.Request.Path);
        Answer(context, SakeFileResult.ServerError);
    }

    private static void Answer(HttpContext context, SakeFileResult result)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers[SakeFileHeaders.Result] = SakeFileHeaders.Format(result);
        context.Response.ContentLength ??= 0;
    }

    private static Task SendAsync(HttpContext context, byte[] content)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers[SakeFileHeaders.Result] = SakeFileHeaders.Format(SakeFileResult.Success);
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = content.Length;
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }
}
