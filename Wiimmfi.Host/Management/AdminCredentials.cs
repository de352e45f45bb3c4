using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Wiimmfi.Host.Management;

/// <summary>
/// HTTP Basic credentials for the admin routes (<c>wiimmfi.management.username</c>/<c>password</c>). With no
/// password set the admin routes answer 403: an operator must choose one before anyone can kick or ban.
/// Comparison is constant-time; the management listener binds 127.0.0.1 by default, so credentials do not
/// cross a network unless an operator opens it (then put it behind TLS).
/// </summary>
internal sealed class AdminCredentials(string username, string password) : IEndpointFilter
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes($"{username}:{password}");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (password.Length == 0)
            return Results.Json(new ErrorBody("admin routes are disabled: set wiimmfi.management.password"),
                ManagementJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status403Forbidden);
        if (!IsAuthorized(context.HttpContext.Request.Headers.Authorization.ToString()))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"wiimmfi-admin\"";
            return Results.Json(new ErrorBody("admin credentials required"), ManagementJsonContext.Default.ErrorBody,
                statusCode: StatusCodes.Status401Unauthorized);
        }
        return await next(context).ConfigureAwait(false);
    }

    private bool IsAuthorized(string header)
    {
        const string prefix = "Basic ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length > 1024) return false;
        Span<byte> decoded = stackalloc byte[768];
        if (!Convert.TryFromBase64String(header[prefix.Length..].Trim(), decoded, out var length)) return false;
        return CryptographicOperations.FixedTimeEquals(decoded[..length], _expected);
    }
}
