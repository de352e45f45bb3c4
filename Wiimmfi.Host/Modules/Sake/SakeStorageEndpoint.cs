using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>
/// <c>POST /SakeStorageServer/StorageServer.asmx</c> on a SAKE host: the SOAP envelope in, the action's response
/// out. What cannot be dispatched (oversized body, not XML, a DTD, unknown action) is a SOAP fault with HTTP 500;
/// what SAKE has a result for is answered inside the action's response with HTTP 200; a store failure is
/// <c>DatabaseUnavailable</c>. Each outcome is counted and logged; nothing is stored for a refused request.
/// </summary>
internal sealed class SakeStorageEndpoint(SakeService service, SakeLimits limits, ServiceMetrics metrics, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ServiceHosts.IsSake(request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        metrics.Request();
        var cancellationToken = context.RequestAborted;
        var remote = context.Connection.RemoteIpAddress?.ToString();
        var body = await HttpBodies.ReadBoundedAsync(request, limits.Soap.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await FaultAsync(context, SoapFault.Client($"The body exceeds {limits.Soap.MaxBodyBytes} bytes."), remote).ConfigureAwait(false);
            return;
        }
        var soapAction = request.Headers.TryGetValue("SOAPAction", out var header) ? header.ToString() : null;
        var parsed = SakeRequestParser.Parse(body, soapAction, limits);
        if (parsed.IsFault)
        {
            await FaultAsync(context, parsed.Fault, remote).ConfigureAwait(false);
            return;
        }
        SakeResponse response;
        if (!parsed.IsRequest)
        {
            metrics.RefusedRequest();
            SakeLog.ActionError(logger, parsed.Action, remote, parsed.Result, parsed.Detail);
            response = SakeResponse.ResultOnly(parsed.Action, parsed.Result);
        }
        else
        {
            try
            {
                response = await service.HandleAsync(parsed.Request, cancellationToken).ConfigureAwait(false);
                if (response.Result != SakeResult.Success)
                {
                    metrics.RefusedRequest();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                metrics.FailedRequest();
                SakeLog.StoreFailed(logger, e, parsed.Request.Action);
                response = SakeResponse.ResultOnly(parsed.Request.Action, SakeResult.DatabaseUnavailable);
            }
        }
        await WriteAsync(context, StatusCodes.Status200OK, SakeResponseWriter.Write(response)).ConfigureAwait(false);
    }

    private async Task FaultAsync(HttpContext context, SoapFault fault, string? remote)
    {
        metrics.MalformedRequest();
        SakeLog.Fault(logger, remote, fault.Reason);
        await WriteAsync(context, SoapFault.HttpStatusCode, SoapFaultWriter.Write(fault)).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = SakeWire.ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
