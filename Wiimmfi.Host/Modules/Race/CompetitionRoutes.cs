using System.Globalization;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Modules.Sake;

namespace Wiimmfi.Host.Modules.Race;

/// <summary>
/// Competitions: operators upload and publish them on the management API; consoles download the running one on
/// the RACE host.
/// </summary>
/// <remarks>
/// <para>No reference documents how Mario Kart Wii receives competition files (RKC) — they came through
/// WiiConnect24 download tasks (race.md §4). So the server stores the uploaded file as it is and serves it unchanged
/// on <c>GET /RaceService/Competitions/active</c> (the published competition running now; the latest to start if
/// several) and <c>GET /RaceService/Competitions/{id}</c> (that one, only while it runs). Whatever delivers files to
/// consoles (a patched game, a WiiConnect24 replacement) can fetch it there.</para>
/// <para>Admin routes: <c>POST /admin/competitions</c> (multipart: fields <c>id</c> 32–32767, <c>title</c>,
/// <c>start</c>, <c>end</c> as ISO 8601 times, and one file part), <c>POST /admin/competitions/{id}/publish</c>,
/// <c>GET /admin/competitions</c>. Uploading an existing id replaces it and withdraws its publication. The id is the
/// course id the competition's entries are ranked under (contest ghost uploads and GetTopTenRankings).</para>
/// </remarks>
internal sealed class CompetitionRoutes(IWiimmfiStore store, TimeProvider time, int maxFileBytes, ServiceMetrics metrics, ILogger logger)
{
    /// <summary>Longest title accepted (operators' text).</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Multipart framing and the metadata fields on top of the file.</summary>
    private const int FormOverheadBytes = 64 * 1024;

    public async Task<IResult> UploadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await HttpBodies.ReadBoundedAsync(context.Request, maxFileBytes + FormOverheadBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"the competition file is limited to {maxFileBytes} bytes (wiimmfi.race.max-competition-size)");
        }
        var parts = await MultipartParts.TryReadAsync(body, context.Request.ContentType, cancellationToken).ConfigureAwait(false);
        if (parts is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "send multipart/form-data with fields id, title, start, end and one file");
        }
        string? Field(string name)
        {
            var part = parts.FirstOrDefault(p => p.Name == name && p.FileName is null);
            return part is null ? null : System.Text.Encoding.UTF8.GetString(part.Content).Trim();
        }
        var file = parts.FirstOrDefault(p => p.FileName is not null);
        if (!int.TryParse(Field("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id is < 32 or > 32767)
        {
            return Problem(StatusCodes.Status400BadRequest, "id must be a competition id 32-32767 (0-31 are the standard courses)");
        }
        var title = Field("title");
        if (string.IsNullOrEmpty(title) || title.Length > MaxTitleLength)
        {
            return Problem(StatusCodes.Status400BadRequest, $"title must have 1 to {MaxTitleLength} characters");
        }
        if (!TryTime(Field("start"), out var starts) || !TryTime(Field("end"), out var ends) || ends <= starts)
        {
            return Problem(StatusCodes.Status400BadRequest, "start and end must be ISO 8601 times, end after start");
        }
        if (file is null || file.Content.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "a non-empty file part is missing");
        }
        if (file.Content.Length > maxFileBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"the competition file is limited to {maxFileBytes} bytes (wiimmfi.race.max-competition-size)");
        }
        var fileName = SafeFileName(file.FileName!);
        await store.Race.UpsertCompetitionAsync(new RaceNewCompetition(id, title, starts, ends, fileName, file.Content), cancellationToken).ConfigureAwait(false);
        RaceLog.CompetitionUploaded(logger, id, title, file.Content.Length, starts, ends);
        var stored = await store.Race.GetCompetitionAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Json(Describe(stored!.Info), statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> PublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!await store.Race.PublishCompetitionAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return Problem(StatusCodes.Status404NotFound, $"no competition {id}");
        }
        RaceLog.CompetitionPublished(logger, id);
        var stored = await store.Race.GetCompetitionAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Ok(Describe(stored!.Info));
    }

    public async Task<IResult> ListAsync(CancellationToken cancellationToken)
    {
        var list = await store.Race.ListCompetitionsAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { competitions = list.Select(Describe) });
    }

    /// <summary><c>GET /RaceService/Competitions/active</c> and <c>/RaceService/Competitions/{id}</c> on a RACE host.</summary>
    public async Task DownloadAsync(HttpContext context)
    {
        if (!ServiceHosts.IsRace(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        metrics.Request();
        var now = time.GetUtcNow();
        var which = context.Request.RouteValues["which"] as string ?? "";
        RaceCompetitionFile? competition;
        try
        {
            competition = which == "active"
                ? await store.Race.GetActiveCompetitionAsync(now, context.RequestAborted).ConfigureAwait(false)
                : int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? await store.Race.GetCompetitionAsync(id, context.RequestAborted).ConfigureAwait(false)
                    : null;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            metrics.FailedRequest();
            RaceLog.StoreFailed(logger, e);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (competition is null || !competition.Info.IsActiveAt(now))
        {
            metrics.RefusedRequest();
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{competition.Info.FileName}\"";
        context.Response.Headers["X-Competition-Id"] = competition.Info.CompetitionId.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentLength = competition.Content.Length;
        await context.Response.Body.WriteAsync(competition.Content, context.RequestAborted).ConfigureAwait(false);
    }

    private object Describe(RaceCompetitionInfo info) => new
    {
        id = info.CompetitionId, title = info.Title, start = info.Starts, end = info.Ends, fileName = info.FileName, size = info.Size,
        sha256 = info.Sha256, uploaded = info.Uploaded, published = info.Published, active = info.IsActiveAt(time.GetUtcNow()),
    };

    private static bool TryTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>The file name as sent, reduced to characters safe inside a quoted header value.</summary>
    private static string SafeFileName(string name)
    {
        var baseName = Path.GetFileName(name.Replace('\\', '/'));
        var safe = new string(baseName.Where(c => c is > ' ' and < (char)127 and not '"').Take(100).ToArray());
        return safe.Length == 0 ? "competition.bin" : safe;
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
