using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>
/// NAS on the public HTTP listener, routed by path and Host (nas.md §1): <c>POST /ac</c>, <c>POST /pr</c>
/// and <c>GET /nastest.jsp</c> for NAS hosts, and any GET on a <c>conntest.</c> host for the console's
/// connection test. The other HTTP services share the listener with their own paths and hosts.
/// </summary>
internal static class NasRoutes
{
    private static readonly byte[] ConnTestPage =
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>HTML Page</title></head><body bgcolor=\"#FFFFFF\">This is test.html page</body></html>\n"u8.ToArray();

    private static readonly byte[] NasTestPage = "<html><body>AuthServer is up</body></html>\n"u8.ToArray();

    public static void Map(IEndpointRouteBuilder routes, NasService nas)
    {
        routes.MapPost("/ac", (HttpContext http) => HandleAsync(http, nas, isProfanity: false));
        routes.MapPost("/pr", (HttpContext http) => HandleAsync(http, nas, isProfanity: true));
        routes.MapGet("/nastest.jsp", (HttpContext http) =>
        {
            if (!NasHosts.IsNasHost(http.Request.Host.Host))
            {
                return NotFound(http, nas);
            }

            return WriteAsync(http, new NasReply(200, NasTestPage, "text/html"));
        });

        // Every path of a conntest. host, and nothing of any other host: the constraint keeps the
        // catch-all out of the way of the services that share this listener.
        var connTest = RoutePatternFactory.Parse("/{**path}", defaults: null, parameterPolicies: new { path = new ConnTestHostConstraint() });
        routes.Map(connTest, http =>
        {
            http.Response.Headers["X-Organization"] = "Nintendo";
            return WriteAsync(http, new NasReply(200, ConnTestPage, "text/html"));
        }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
    }

    private static async Task HandleAsync(HttpContext http, NasService nas, bool isProfanity)
    {
        if (!NasHosts.IsNasHost(http.Request.Host.Host))
        {
            await NotFound(http, nas);
            return;
        }

        var remote = http.Connection.RemoteIpAddress;
        var body = await ReadBoundedBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            nas.Metrics.Oversized();
            await WriteAsync(http, NasReply.BadRequest($"the body is larger than {NasFormLimits.MaxBodyBytes} bytes"));
            return;
        }

        var reply = isProfanity
            ? nas.HandleProfanity(body.Value, remote)
            : await nas.HandleAccountAsync(body.Value, remote, http.RequestAborted);
        await WriteAsync(http, reply);
    }

    /// <summary>Reads the whole body, or returns null as soon as it is longer than the NAS bound.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > NasFormLimits.MaxBodyBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > NasFormLimits.MaxBodyBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static Task NotFound(HttpContext http, NasService nas)
    {
        nas.Metrics.NotNasHost();
        return WriteAsync(http, new NasReply(404, "not found\n"u8.ToArray()));
    }

    private static Task WriteAsync(HttpContext http, NasReply reply)
    {
        http.Response.StatusCode = reply.StatusCode;
        http.Response.ContentType = reply.ContentType;
        http.Response.ContentLength = reply.Body.Length;
        return http.Request.Method == HttpMethods.Head ? Task.CompletedTask : http.Response.Body.WriteAsync(reply.Body).AsTask();
    }

    /// <summary>Matches only requests whose Host is a connection-test host.</summary>
    private sealed class ConnTestHostConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            httpContext is not null && NasHosts.IsConnTestHost(httpContext.Request.Host.Host);
    }
}
