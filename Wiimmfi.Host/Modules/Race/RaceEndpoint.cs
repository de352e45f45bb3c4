using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Protocols.Race;

namespace Wiimmfi.Host.Modules.Race;

/// <summary>
/// <c>POST /RaceService/NintendoRacingService.asmx</c> on a RACE host. An unreadable request (bad XML, a body over
/// the bound, a wrong SOAPAction) is answered with responseCode 101, values out of range with 105 (WiiLink's codes,
/// which MKW reads), an unknown action with 7 and its body logged so the real payloads can be learnt, a store
/// failure with 6. Always HTTP 200 with the answer the SDK parses.
/// </summary>
internal sealed class RaceEndpoint(RaceService service, ServiceMetrics metrics, ILogger logger)
{
    /// <summary>Most body bytes logged for an unknown action.</summary>
    private const int MaxLoggedBody = 4096;

    public async Task HandleAsync(HttpContext context)
    {
        if (!ServiceHosts.IsRace(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        metrics.Request();
        var remote = context.Connection.RemoteIpAddress?.ToString();
        var limits = RaceRequestParser.DefaultLimits;
        var body = await HttpBodies.ReadBoundedAsync(context.Request, limits.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            metrics.MalformedRequest();
            RaceLog.Unreadable(logger, remote, RaceResponseCode.ParseError, $"body over {limits.MaxBodyBytes} bytes");
            await WriteAsync(context, RaceResponseWriter.WriteError(null, RaceResponseCode.ParseError)).ConfigureAwait(false);
            return;
        }
        var soapAction = context.Request.Headers.TryGetValue("SOAPAction", out var header) ? header.ToString() : null;
        var parsed = RaceRequestParser.Parse(body, soapAction, limits);
        switch (parsed.Outcome)
        {
            case RaceParseOutcome.UnknownAction:
                metrics.RefusedRequest();
                RaceLog.UnknownAction(logger, parsed.ActionName, remote, Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, MaxLoggedBody))));
                await WriteAsync(context, RaceResponseWriter.WriteUnknownAction()).ConfigureAwait(false);
                return;
            case RaceParseOutcome.Error:
                metrics.MalformedRequest();
                RaceLog.Unreadable(logger, remote, parsed.Code, parsed.Detail);
                await WriteAsync(context, RaceResponseWriter.WriteError(parsed.Action, parsed.Code)).ConfigureAwait(false);
                return;
        }
        byte[] answer;
        try
        {
            var (responseBody, refused) = await service.HandleAsync(parsed.Request!, context.RequestAborted).ConfigureAwait(false);
            if (refused)
            {
                metrics.RefusedRequest();
            }
            answer = responseBody;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.FailedRequest();
            RaceLog.StoreFailed(logger, e);
            answer = RaceResponseWriter.WriteError(parsed.Action, RaceResponseCode.DatabaseError);
        }
        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = RaceWire.ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
