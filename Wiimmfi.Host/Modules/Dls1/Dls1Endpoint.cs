using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Protocols.Dls1;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Host.Modules.Dls1;

/// <summary>
/// DLS1 (dls1.md): <c>POST /download</c> on the <c>dls1</c> host, a NAS-style form (NWC-base64 values) with
/// <c>action</c> count, list or contents. Files come from <see cref="Dls1Folder"/>; the server ships none.
/// </summary>
/// <remarks>
/// Answers: count is the decimal number of matching entries (no trailing NUL, as AltWFC, whose answers Pokémon
/// games accepted for years); list is the matching lines, CR LF after each, a lone CR LF when none; contents is the
/// file as <c>application/x-dsdl</c> with a Content-Disposition. A bad form, unknown action or bad game code is 400,
/// a file name that could leave the game's folder 403, a missing file 404. The svcloc token is not checked (neither
/// reference does; DLS1 content is public). Pokémon Black/White (2) Mystery Gift lists are filtered by the version
/// bit in attr2 (AltWFC's rule).
/// </remarks>
internal sealed class Dls1Endpoint(Dls1Folder folder, ServiceMetrics metrics, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!ServiceHosts.IsDls1(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        metrics.Request();
        var body = await HttpBodies.ReadBoundedAsync(context.Request, NasFormLimits.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            Refuse(context, StatusCodes.Status400BadRequest, "form larger than a NAS form may be", malformed: true);
            return;
        }
        var formError = NasForm.TryParse(body, out var form, out var offending);
        if (formError != NasFormError.None || form is null)
        {
            Refuse(context, StatusCodes.Status400BadRequest, $"unreadable form: {formError}" + (offending is null ? "" : $" at '{offending}'"), malformed: true);
            return;
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form.Values)
        {
            fields[key] = Encoding.Latin1.GetString(value);
        }
        if (!Dls1Request.TryParse(fields, out var request, out var error))
        {
            Refuse(context, error.HttpStatus, error.Reason, malformed: true);
            return;
        }
        switch (request.Action)
        {
            case Dls1Action.Count:
                await SendTextAsync(context, Dls1Listing.CountBody(Entries(request).Count, appendNul: false)).ConfigureAwait(false);
                return;
            case Dls1Action.List:
                await SendTextAsync(context, Dls1Listing.ListBody(Entries(request))).ConfigureAwait(false);
                return;
            default:
                var file = folder.FindFile(request.ReferenceGameCode, request.ContentsName!);
                if (file is null)
                {
                    Refuse(context, StatusCodes.Status404NotFound, $"no file '{request.ContentsName}' for {request.ReferenceGameCode}", malformed: false);
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = Dls1Wire.FileContentType;
                context.Response.Headers.ContentDisposition = Dls1Wire.ContentDisposition(file.Name);
                context.Response.ContentLength = file.Length;
                await context.Response.SendFileAsync(file.FullName, context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }

    private IReadOnlyList<Dls1ListEntry> Entries(Dls1Request request)
    {
        var entries = folder.List(request.ReferenceGameCode);
        if (request.ReferenceGameCode.StartsWith("IR", StringComparison.Ordinal) && request.Attr1?.StartsWith("MYSTERY", StringComparison.Ordinal) == true)
        {
            entries = Dls1Listing.FilterPokemonGen5(entries, request.ReferenceGameCode);
        }
        return Dls1Listing.Select(entries, request);
    }

    private void Refuse(HttpContext context, int status, string reason, bool malformed)
    {
        if (malformed)
        {
            metrics.MalformedRequest();
        }
        else
        {
            metrics.RefusedRequest();
        }
        Dls1Log.Refused(logger, status, reason);
        context.Response.StatusCode = status;
    }

    private static Task SendTextAsync(HttpContext context, byte[] body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Dls1Wire.TextContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
