using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Wiimmfi.Protocols.Sake.Files;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>One part of a multipart/form-data body.</summary>
/// <param name="Name">The form field name (<c>name=</c>), or empty.</param>
/// <param name="FileName">The file name (<c>filename=</c>), or null for a plain field.</param>
public sealed record MultipartPart(string Name, string? FileName, byte[] Content);

/// <summary>
/// Splits an already bounded multipart/form-data body (SAKE file uploads, competition uploads). The GameSpy HTTP
/// client's unquoted boundary is repaired first (<see cref="SakeMultipart.NormalizeContentType"/>). At most
/// <see cref="MaxParts"/> parts: real uploads carry one file and a few fields.
/// </summary>
public static class MultipartParts
{
    /// <summary>Parts read at most; more makes the body invalid.</summary>
    public const int MaxParts = 16;

    /// <summary>The parts, or null when the content type is not multipart with a boundary or the body is malformed.</summary>
    public static async Task<IReadOnlyList<MultipartPart>?> TryReadAsync(byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        if (contentType is null
            || !MediaTypeHeaderValue.TryParse(SakeMultipart.NormalizeContentType(contentType), out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString();
        if (boundary.Length is 0 or > 200)
        {
            return null;
        }
        var parts = new List<MultipartPart>();
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { HeadersCountLimit = 16, HeadersLengthLimit = 4096 };
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (parts.Count == MaxParts)
                {
                    return null;
                }
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                var fileName = disposition.FileName.HasValue ? HeaderUtilities.RemoveQuotes(disposition.FileName).ToString() : null;
                parts.Add(new MultipartPart(name, fileName, content.ToArray()));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            return null;
        }
        return parts;
    }
}
