namespace Wiimmfi.Protocols.Dls1;

/// <summary>Why a DLS1 request was refused, with the HTTP status to answer (dls1.md §4).</summary>
/// <param name="HttpStatus">400 for a bad or unknown field, 403 for a path-traversal attempt.</param>
/// <param name="Reason">For the log.</param>
public sealed record Dls1RequestError(int HttpStatus, string Reason)
{
    internal static Dls1RequestError BadRequest(string reason) => new(400, reason);

    internal static Dls1RequestError Forbidden(string reason) => new(403, reason);
}
