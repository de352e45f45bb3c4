namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>
/// The GameSpy HTTP client's multipart quirk: its boundary contains <c>&lt;</c> and <c>&gt;</c>,
/// which RFC 2045 allows only inside a quoted parameter, yet it sends it unquoted. Strict parsers
/// (ASP.NET Core's included) refuse that, so the Content-Type is repaired first.
/// </summary>
public static class SakeMultipart
{
    /// <summary>The boundary the GameSpy HTTP SDK uses for uploads.</summary>
    public const string GameSpyBoundary = "Qr4G823s23d---<<><><<<>--7d118e0536";

    /// <summary>Longest Content-Type considered; longer ones are returned unchanged.</summary>
    private const int MaxContentTypeLength = 512;

    /// <summary>
    /// Returns <paramref name="contentType"/> with an unquoted <c>boundary</c> parameter quoted when
    /// it contains characters outside the RFC 2045 token set; otherwise unchanged.
    /// </summary>
    public static string NormalizeContentType(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        if (contentType.Length > MaxContentTypeLength)
        {
            return contentType;
        }
        var index = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return contentType;
        }
        var start = index + "boundary=".Length;
        if (start < contentType.Length && contentType[start] == '"')
        {
            return contentType;
        }
        var end = contentType.IndexOf(';', start);
        if (end < 0)
        {
            end = contentType.Length;
        }
        var boundary = contentType[start..end].TrimEnd();
        if (boundary.Length == 0 || boundary.All(IsTokenChar) || boundary.Contains('"') || boundary.Contains('\\'))
        {
            return contentType;
        }
        return contentType[..start] + "\"" + boundary + "\"" + contentType[(start + boundary.Length)..];
    }

    // RFC 2045 token: printable ASCII except space and tspecials ()<>@,;:\"/[]?=
    private static bool IsTokenChar(char c) => c is > ' ' and < (char)127 && "()<>@,;:\\\"/[]?=".IndexOf(c) < 0;
}
